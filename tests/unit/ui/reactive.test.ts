import { describe, expect, it, vi } from 'vitest';
import { batch, computed, effect, signal, untracked } from '../../../lib/ui/reactive';

describe('signal', () => {
  it('reads, writes and peeks; a write of the same value changes nothing', () => {
    const count = signal(1);
    const seen: number[] = [];
    effect(() => void seen.push(count.value));
    count.value = 2;
    count.value = 2;
    expect(count.peek()).toBe(2);
    expect(seen).toEqual([1, 2]);
    expect(`${count}`).toBe('2');
  });

  it('peek does not subscribe', () => {
    const a = signal(1);
    const run = vi.fn(() => a.peek());
    effect(run);
    a.value = 2;
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('computed', () => {
  it('computes on first read, caches, and recomputes only after a source changed', () => {
    const a = signal(1);
    const fn = vi.fn(() => a.value * 2);
    const double = computed(fn);
    expect(fn).not.toHaveBeenCalled();
    expect(double.value).toBe(2);
    expect(double.value).toBe(2);
    expect(double.peek()).toBe(2);
    expect(fn).toHaveBeenCalledTimes(1);
    a.value = 5;
    expect(fn).toHaveBeenCalledTimes(1);
    expect(double.value).toBe(10);
    expect(fn).toHaveBeenCalledTimes(2);
    // A write elsewhere makes it recheck its sources, not recompute.
    signal(0).value = 1;
    expect(double.value).toBe(10);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('caches undefined too', () => {
    const fn = vi.fn(() => undefined);
    const nothing = computed(fn);
    void nothing.value;
    signal(0).value = 1;
    void nothing.value;
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('holds no subscription while nobody subscribes to it, so an unmounted reader leaks nothing', () => {
    const a = signal(1);
    const double = computed(() => a.value * 2);
    expect(double.value).toBe(2);
    expect(a.subs.size).toBe(0);
    const stop = effect(() => void double.value);
    expect(a.subs.size).toBe(1);
    expect(double.subs.size).toBe(1);
    stop();
    expect(a.subs.size).toBe(0);
    expect(double.subs.size).toBe(0);
    a.value = 3;
    expect(double.value).toBe(6);
  });

  it('follows its sources as they change between runs', () => {
    const which = signal(true);
    const a = signal('a');
    const b = signal('b');
    const pick = computed(() => (which.value ? a.value : b.value));
    const seen: string[] = [];
    effect(() => void seen.push(pick.value));
    which.value = false;
    expect(b.subs.size).toBe(1);
    expect(a.subs.size).toBe(0);
    a.value = 'A';
    b.value = 'B';
    expect(seen).toEqual(['a', 'b', 'B']);
  });

  it('rethrows what its function threw until a source changes', () => {
    const a = signal(0);
    const fn = vi.fn(() => {
      if (a.value === 0) throw new Error('zero');
      return 1 / a.value;
    });
    const inverse = computed(fn);
    expect(() => inverse.value).toThrow('zero');
    expect(() => inverse.peek()).toThrow('zero');
    expect(fn).toHaveBeenCalledTimes(1);
    a.value = 4;
    expect(inverse.value).toBe(0.25);
  });
});

describe('effect', () => {
  it('runs now, again after a change, and its cleanup before each run and on disposal', () => {
    const a = signal(1);
    const log: string[] = [];
    const stop = effect(() => {
      log.push(`run ${a.value}`);
      return () => log.push(`clean ${a.peek()}`);
    });
    a.value = 2;
    stop();
    a.value = 3;
    expect(log).toEqual(['run 1', 'clean 2', 'run 2', 'clean 2']);
  });

  it('does not run when a computed it reads kept its value', () => {
    const a = signal(1);
    const odd = computed(() => a.value % 2 === 1);
    const run = vi.fn(() => void odd.value);
    effect(run);
    a.value = 3;
    expect(run).toHaveBeenCalledTimes(1);
    a.value = 4;
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never sees half a change: a diamond runs once per write with consistent values', () => {
    const a = signal(1);
    const b = computed(() => a.value * 2);
    const c = computed(() => a.value + 1);
    const d = computed(() => `${b.value}/${c.value}`);
    const seen: string[] = [];
    effect(() => void seen.push(d.value));
    a.value = 2;
    expect(seen).toEqual(['2/2', '4/3']);
  });

  it('sees what other effects write in the same flush', () => {
    const a = signal(1);
    const b = signal(0);
    const seen: number[] = [];
    effect(() => void (b.value = a.value * 10));
    effect(() => void seen.push(b.value));
    a.value = 2;
    expect(seen).toEqual([10, 20]);
  });

  it('runs again when its run wrote a source it had read', () => {
    const a = signal(0);
    const seen: number[] = [];
    effect(() => {
      const value = a.value;
      seen.push(value);
      if (value === 0) a.value = 1;
    });
    expect(seen).toEqual([0, 1]);
  });

  it('runs the others when one throws, and then throws the first error', () => {
    const a = signal(0);
    const seen: number[] = [];
    effect(() => {
      if (a.value) throw new Error('first');
    });
    effect(() => void seen.push(a.value));
    expect(() => (a.value = 1)).toThrow('first');
    expect(seen).toEqual([0, 1]);
    a.value = 0;
    expect(seen).toEqual([0, 1, 0]);
  });

  it('throws instead of hanging when effects keep changing each other', () => {
    const a = signal(0);
    const b = signal(0);
    const on = signal(false);
    effect(() => void (b.value = a.value + 1));
    effect(() => {
      if (on.value) a.value = b.value + 1;
    });
    expect(() => (on.value = true)).toThrow(/cycle/);
    on.value = false;
    a.value = 1;
    expect(b.peek()).toBe(2);
  });

  it('disposed while it runs: unsubscribes and cleans up once the run is over', () => {
    const a = signal(0);
    const clean = vi.fn();
    let stop: (() => void) | undefined;
    const run = vi.fn(() => {
      if (a.value === 1) stop?.();
      return clean;
    });
    stop = effect(run);
    a.value = 1;
    expect(clean).toHaveBeenCalledTimes(2);
    expect(a.subs.size).toBe(0);
    a.value = 2;
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not subscribe to what untracked or a cleanup reads', () => {
    const a = signal(1);
    const b = signal(1);
    const run = vi.fn(() => {
      untracked(() => a.value);
      return () => void b.value;
    });
    effect(run);
    a.value = 2;
    b.value = 2;
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('an effect created inside another is not a source of it', () => {
    const outer = signal(0);
    const inner = signal(0);
    const outerRun = vi.fn();
    effect(() => {
      outerRun(outer.value);
      effect(() => void inner.value);
    });
    inner.value = 1;
    expect(outerRun).toHaveBeenCalledTimes(1);
  });
});

describe('batch', () => {
  it('holds effects until the outermost batch ends, and returns the function result', () => {
    const a = signal(1);
    const b = signal(1);
    const seen: string[] = [];
    effect(() => void seen.push(`${a.value}+${b.value}`));
    const result = batch(() => {
      a.value = 2;
      batch(() => (b.value = 2));
      expect(seen).toEqual(['1+1']);
      return 'done';
    });
    expect(result).toBe('done');
    expect(seen).toEqual(['1+1', '2+2']);
  });

  it('a computed read inside the batch is already up to date', () => {
    const a = signal(1);
    const double = computed(() => a.value * 2);
    batch(() => {
      a.value = 3;
      expect(double.value).toBe(6);
    });
  });

  it('skips an effect whose computed ends the batch at the value it had', () => {
    const a = signal(1);
    const same = computed(() => a.value > 0);
    const run = vi.fn(() => void same.value);
    effect(run);
    batch(() => {
      a.value = -1;
      a.value = 2;
    });
    expect(run).toHaveBeenCalledTimes(1);
  });
});
