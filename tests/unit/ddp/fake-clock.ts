/** A deterministic clock for the DDP client: time moves only when a test calls `advance`. */
import type { Clock } from '../../../lib/ddp/types';

interface Timer {
  at: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private t = 1_700_000_000_000;
  private nextHandle = 1;
  private readonly timers = new Map<number, Timer>();

  setTimeout = (fn: () => void, ms: number): unknown => {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.t + Math.max(0, ms), fn });
    return handle;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  now = (): number => this.t;

  /** Moves time forward, running due timers in order (including timers they schedule within the window). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, Timer] | undefined;
      for (const entry of this.timers) if (next === undefined || entry[1].at < next[1].at) next = entry;
      if (next === undefined || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }

  /** Delays of the timers now pending, relative to now, sorted. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.t).toSorted((a, b) => a - b);
  }
}
