/**
 * Error values as Rocket.Chat produces them. `MeteorError` is a `Meteor.Error` (client-safe); any other thrown
 * `Error` is a plain error that DDP masks as 500 (SPEC §1.8) and REST reports as `{success:false,error:msg}`.
 */

export class MeteorError extends Error {
  readonly error: string | number;
  readonly reason: string | undefined;
  readonly details: unknown;

  constructor(error: string | number, reason?: string, details?: unknown) {
    super(reason === undefined ? `[${error}]` : `${reason} [${error}]`);
    this.error = error;
    this.reason = reason;
    this.details = details;
  }
}

/** `check()` failures are sanitised to this on DDP (SPEC §1.8). */
export class MatchError extends Error {}

/** The wire form of a `Meteor.Error` (same key order as Meteor's EJSON output). */
export function meteorErrorJson(err: MeteorError): Record<string, unknown> {
  const out: Record<string, unknown> = { isClientSafe: true, error: err.error };
  if (err.reason !== undefined) out.reason = err.reason;
  if (err.details !== undefined) out.details = err.details;
  out.message = err.message;
  out.errorType = 'Meteor.Error';
  return out;
}

/** What a DDP client sees for anything a method or publication throws. */
export function toDdpError(err: unknown): Record<string, unknown> {
  if (err instanceof MeteorError) return meteorErrorJson(err);
  if (err instanceof MatchError) return meteorErrorJson(new MeteorError(400, 'Match failed'));
  return meteorErrorJson(new MeteorError(500, 'Internal server error'));
}

/** REST failure body (SPEC §2.4): Meteor errors carry `errorType`, plain errors only their text. */
export function toRestErrorBody(err: unknown): Record<string, unknown> {
  if (err instanceof MeteorError) {
    const body: Record<string, unknown> = { success: false, error: err.message, errorType: err.error };
    if (err.details !== undefined) body.details = err.details;
    return body;
  }
  if (err instanceof Error) return { success: false, error: err.message };
  return { success: false, error: String(err) };
}

/** The DDP rate limiter's error (Meteor `DDPRateLimiter`, SPEC §1.9). */
export function tooManyRequests(timeToReset: number): MeteorError {
  const seconds = Math.ceil(timeToReset / 1000);
  return new MeteorError(
    'too-many-requests',
    `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying again.`,
    { timeToReset },
  );
}
