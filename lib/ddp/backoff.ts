/** Reconnect delays: exponential, capped, with jitter so that many clients do not return in lock-step. */
import type { BackoffOptions } from './types';

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };

/**
 * Merges partial options over the defaults and rejects values that would make the schedule meaningless.
 * @throws {RangeError} on a negative delay, a factor below 1 or a jitter outside [0, 1].
 */
export function resolveBackoff(options: Partial<BackoffOptions> = {}): BackoffOptions {
  const merged = { ...DEFAULT_BACKOFF, ...options };
  const { initialMs, maxMs, factor, jitter } = merged;
  if (!(initialMs >= 0 && maxMs >= initialMs)) throw new RangeError('backoff needs 0 <= initialMs <= maxMs');
  if (!(factor >= 1)) throw new RangeError('backoff factor must be >= 1');
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError('backoff jitter must be within [0, 1]');
  return merged;
}

/**
 * Delay before retry number `retry` (0 for the first retry after a drop): `min(maxMs, initialMs·factor^retry)`,
 * then scaled by a factor in `(1 - jitter, 1]`. Jitter only shortens the delay, so the cap always holds.
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxMs, options.initialMs * Math.pow(options.factor, Math.max(0, retry)));
  const r = random();
  const fraction = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.round(base * (1 - options.jitter * fraction));
}
