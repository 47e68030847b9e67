/**
 * One error type for every Livechat operation, whichever path (DDP or REST) it took, so callers branch on
 * `code` and never on transport details.
 */

export type LivechatErrorKind =
  /** The server answered and refused (bad token, closed room, validation…): retrying the same call won't help. */
  | 'rejected'
  /** The server does not have this operation on this path (DDP 404 `Method '…' not found`, REST 404). */
  | 'missing'
  /** Rate limited; `retryAfterMs` says how long to wait. */
  | 'rate-limited'
  /** No answer: network down, socket dropped, timeout. Safe to retry later. */
  | 'unreachable'
  /** The server answered with something we cannot read. */
  | 'protocol';

export class LivechatError extends Error {
  override readonly name = 'LivechatError';

  constructor(
    readonly kind: LivechatErrorKind,
    /** Rocket.Chat's error code (`invalid-token`, `room-closed`, `404`, …) or a short code of ours. */
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * `error` with every non-empty secret (the visitor token, a request URL or path) cut out of its code and text,
 * even where the server echoed it: error texts reach the chat's banner and the logs.
 */
export function withoutSecrets(error: LivechatError, secrets: readonly (string | undefined)[]): LivechatError {
  const redact = (text: string) => secrets.reduce<string>((out, s) => (s ? out.split(s).join('…') : out), text);
  const code = redact(error.code);
  const message = redact(error.message);
  if (code === error.code && message === error.message) return error;
  return new LivechatError(error.kind, code, message, error.retryAfterMs);
}

/** True when the operation should move to its other path (REST twin) for this server. */
export function isMissing(error: unknown): boolean {
  return error instanceof LivechatError && error.kind === 'missing';
}

/** True when the call may succeed later unchanged (connection trouble, rate limit). */
export function isTransient(error: unknown): boolean {
  return error instanceof LivechatError && (error.kind === 'unreachable' || error.kind === 'rate-limited');
}

/** A short, human sentence for the UI. */
export function describeError(error: unknown): string {
  if (error instanceof LivechatError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
