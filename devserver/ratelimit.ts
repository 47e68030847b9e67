/** Fixed-window counters, the way Meteor's `RateLimiter` and Rocket.Chat's REST limiter count (SPEC §1.9). */

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the window resets. */
  resetAt: number;
  /** Milliseconds until the reset. */
  timeToReset: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one call under `key` (rejected calls count too, as in Meteor) and says whether it is allowed. */
  hit(key: string, limit: number, intervalMs: number, now = Date.now()): RateDecision {
    let window = this.windows.get(key);
    if (!window || now - window.start >= intervalMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetAt = window.start + intervalMs;
    return {
      allowed: window.count <= limit,
      limit,
      remaining: Math.max(0, limit - window.count),
      resetAt,
      timeToReset: Math.max(0, resetAt - now),
    };
  }

  /** Forgets every window whose key starts with `prefix` (a closed connection), or all of them. */
  clear(prefix = ''): void {
    for (const key of this.windows.keys()) if (key.startsWith(prefix)) this.windows.delete(key);
  }
}
