/**
 * Typed errors of the DDP client. Server errors keep the fields of a serialised `Meteor.Error` (SPEC §1.8); errors
 * the client makes up itself use `errorType: 'DdpClient.Error'` so a caller can tell the two apart.
 */

const CLIENT_ERROR_TYPE = 'DdpClient.Error';

export interface DdpErrorFields {
  error: string | number;
  reason?: string;
  details?: unknown;
  errorType?: string;
  isClientSafe?: boolean;
  message?: string;
}

/** A `Meteor.Error` as the server sent it, or an error the client raised with the same shape. */
export class DdpError extends Error {
  readonly error: string | number;
  readonly reason: string | undefined;
  readonly details: unknown;
  readonly errorType: string;
  readonly isClientSafe: boolean;

  constructor(fields: DdpErrorFields) {
    // Meteor's message is `reason [error]`, or `[error]` without a reason.
    super(fields.message ?? (fields.reason === undefined ? `[${fields.error}]` : `${fields.reason} [${fields.error}]`));
    this.name = 'DdpError';
    this.error = fields.error;
    this.reason = fields.reason;
    this.details = fields.details;
    this.errorType = fields.errorType ?? 'Meteor.Error';
    this.isClientSafe = fields.isClientSafe ?? false;
  }
}

/** The socket dropped while the call was in flight; it may or may not have run on the server. */
export class DdpDisconnectedError extends DdpError {
  constructor(method: string) {
    super({
      error: 'disconnected',
      reason: `Connection lost while '${method}' was in flight`,
      errorType: CLIENT_ERROR_TYPE,
    });
    this.name = 'DdpDisconnectedError';
  }
}

/** No answer within the call's timeout (time spent queued while offline counts). */
export class DdpTimeoutError extends DdpError {
  constructor(method: string, timeoutMs: number) {
    super({
      error: 'timeout',
      reason: `'${method}' got no answer within ${timeoutMs} ms`,
      errorType: CLIENT_ERROR_TYPE,
    });
    this.name = 'DdpTimeoutError';
  }
}

/** The client was closed with `close()`. */
export class DdpClosedError extends DdpError {
  constructor() {
    super({ error: 'client-closed', reason: 'The DDP client was closed', errorType: CLIENT_ERROR_TYPE });
    this.name = 'DdpClosedError';
  }
}

/** A client-side error with the common shape (bad arguments, refused subscription without an error object…). */
export function clientError(error: string, reason: string): DdpError {
  return new DdpError({ error, reason, errorType: CLIENT_ERROR_TYPE });
}

/**
 * Turns whatever the server put in an `error` field into a `DdpError`. Fields of the wrong type are dropped
 * rather than trusted, so a malformed error never throws.
 */
export function toDdpError(raw: unknown): DdpError {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return new DdpError({ error: 'invalid-error', reason: 'The server sent an error that is not an object' });
  }
  const o = raw as Record<string, unknown>;
  const error = typeof o.error === 'string' || typeof o.error === 'number' ? o.error : 'unknown-error';
  return new DdpError({
    error,
    reason: typeof o.reason === 'string' ? o.reason : undefined,
    details: o.details,
    errorType: typeof o.errorType === 'string' ? o.errorType : undefined,
    isClientSafe: o.isClientSafe === true,
    message: typeof o.message === 'string' ? o.message : undefined,
  });
}

/** True for the error a server answers an unregistered method with: `404`, reason `Method '<name>' not found`. */
export function isMethodNotFound(err: unknown): boolean {
  return (
    err instanceof DdpError &&
    (err.error === 404 || err.error === '404') &&
    typeof err.reason === 'string' &&
    /^Method '.*' not found$/.test(err.reason)
  );
}

/** True for Meteor's `too-many-requests` and Rocket.Chat's `error-too-many-requests`. */
export function isRateLimited(err: unknown): err is DdpError {
  return err instanceof DdpError && (err.error === 'too-many-requests' || err.error === 'error-too-many-requests');
}

/**
 * How long a rate-limited caller should wait, in ms: `details.timeToReset` (ms), else `details.seconds`, else the
 * "wait N seconds" in the reason, else one second.
 */
export function rateLimitWaitMs(err: DdpError): number {
  const details =
    typeof err.details === 'object' && err.details !== null ? (err.details as Record<string, unknown>) : {};
  const { timeToReset, seconds } = details;
  if (typeof timeToReset === 'number' && Number.isFinite(timeToReset) && timeToReset >= 0) return timeToReset;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const match = typeof err.reason === 'string' ? /wait (\d+) seconds?/.exec(err.reason) : null;
  return match?.[1] === undefined ? 1000 : Number(match[1]) * 1000;
}
