/**
 * The UI's reactive core: signals, lazy computeds, effects and batches, with the semantics of
 * `@preact/signals-core` that the UI relies on, in a fraction of its size (the popup's eager bytes, docs/performance.md,
 * Size). No Preact here: lib/ui/signals.ts ties it to rendering.
 *
 * How it stays consistent: every source keeps a version that moves when its value changes, and every reader records
 * the versions it read. A write only marks: it walks the subscribed readers and queues the effects it reaches. When
 * the outermost batch ends, each queued effect re-reads its sources' versions (bringing computeds up to date on the
 * way) and runs only if one moved, so an effect never sees half a batch and never runs for a computed whose value
 * stayed the same. Computeds nobody subscribes to hold no subscriptions (nothing to leak when a component goes): they
 * recheck their sources when read, at most once per write anywhere (`writes`).
 */

/** What records the sources it reads: a computed, an effect, a component's render. */
export interface Observer {
  /** The sources read by the latest run, each with the version it had then, in reading order. */
  deps: Map<Signal<unknown>, number>;
  /** A source it is subscribed to may have changed. */
  notify(): void;
}

let reader: Observer | undefined;
/** Counts every write, so a computed rechecks its sources once per write at most. */
let writes = 0;
let depth = 0;
/** Effects to check when the outermost batch ends (a set keeps insertion order and visits what joins during a walk). */
const queue = new Set<Effect>();

/** A value that remembers who read it and tells them when it changes. */
export class Signal<T> {
  /** @internal */ v: T;
  /** Moves when the value changes. @internal */ ver = 0;
  /** @internal */ subs = new Set<Observer>();

  constructor(value: T) {
    this.v = value;
  }

  get value(): T {
    return this.read();
  }

  set value(value: T) {
    if (value === this.v) return;
    this.v = value;
    this.ver++;
    writes++;
    depth++;
    try {
      for (const sub of this.subs) sub.notify();
    } finally {
      endBatch();
    }
  }

  /** The value, without subscribing the current reader. */
  peek(): T {
    return this.v;
  }

  toString(): string {
    return String(this.value);
  }

  /** @internal */
  read(): T {
    reader?.deps.set(this, this.ver);
    return this.v;
  }
}

/** A signal whose value only its function sets. */
export interface ReadonlySignal<T> extends Signal<T> {
  readonly value: T;
}

/** A derived value: computed on first read, cached, recomputed only after one of its sources changed. */
class Computed<T> extends Signal<T> implements Observer {
  deps = new Map<Signal<unknown>, number>();
  private checked = -1;
  private marked = -1;
  private error: unknown = undefined;
  private failed = false;

  constructor(private fn: () => T) {
    super(undefined as T);
  }

  override peek(): T {
    this.refresh();
    if (this.failed) throw this.error;
    return this.v;
  }

  override read(): T {
    this.refresh();
    super.read();
    if (this.failed) throw this.error;
    return this.v;
  }

  notify(): void {
    if (this.marked === writes) return;
    this.marked = writes;
    for (const sub of this.subs) sub.notify();
  }

  /** @internal Brings the value up to date if a source moved since it was computed. */
  refresh(): void {
    if (this.checked === writes) return;
    this.checked = writes;
    if (this.ver && !changed(this.deps)) return;
    const old = this.deps;
    this.deps = new Map();
    const restore = track(this);
    try {
      const value = this.fn();
      if (this.failed || value !== this.v || !this.ver) {
        this.v = value;
        this.failed = false;
        this.ver++;
      }
    } catch (error) {
      this.error = error;
      this.failed = true;
      this.ver++;
    } finally {
      restore();
      if (this.subs.size) resubscribe(this, old);
    }
  }
}

/** A function run again whenever a source it read changed; what it returns is its cleanup. */
export class Effect implements Observer {
  deps = new Map<Signal<unknown>, number>();
  private running = false;
  private dead = false;
  private cleanup: unknown;

  constructor(private fn: () => unknown) {}

  notify(): void {
    queue.add(this);
  }

  /** Called from the queue: runs only if a source really moved. */
  check(): void {
    if (!this.dead && changed(this.deps)) this.run();
  }

  run(): void {
    const restore = track(undefined);
    depth++;
    this.running = true;
    try {
      this.clean();
      const old = this.deps;
      this.deps = new Map();
      track(this);
      try {
        this.cleanup = this.fn();
      } finally {
        resubscribe(this, old);
        // Subscribed only now: a source written after it was read (by this run) is caught by the check.
        queue.add(this);
      }
    } finally {
      this.running = false;
      restore();
      if (this.dead) this.dispose();
      endBatch();
    }
  }

  /** Unsubscribes and cleans up; an effect disposed while it runs does so once the run is over. */
  dispose(): void {
    this.dead = true;
    if (this.running) return;
    release(this);
    this.clean();
  }

  private clean(): void {
    const cleanup = this.cleanup;
    this.cleanup = undefined;
    if (typeof cleanup === 'function') untracked(cleanup as () => void);
  }
}

/** True once a recorded source's version differs from the one read (computeds are brought up to date first). */
function changed(deps: Map<Signal<unknown>, number>): boolean {
  for (const [source, ver] of deps) {
    if (source instanceof Computed) source.refresh();
    if (source.ver !== ver) return true;
  }
  return false;
}

function subscribe(source: Signal<unknown>, sub: Observer): void {
  source.subs.add(sub);
  // A computed listens to its own sources only while someone listens to it.
  if (source instanceof Computed && source.subs.size === 1) {
    for (const dep of source.deps.keys()) subscribe(dep, source);
  }
}

function unsubscribe(source: Signal<unknown>, sub: Observer): void {
  if (!source.subs.delete(sub)) return;
  if (source instanceof Computed && !source.subs.size) {
    for (const dep of source.deps.keys()) unsubscribe(dep, source);
  }
}

/**
 * Moves a subscribed observer's subscriptions from the sources of its previous run to those of its latest.
 * @param sub the observer whose `deps` were just collected
 * @param old the sources of its previous run
 */
export function resubscribe(sub: Observer, old: Map<Signal<unknown>, number>): void {
  for (const source of old.keys()) if (!sub.deps.has(source)) unsubscribe(source, sub);
  for (const source of sub.deps.keys()) if (!old.has(source)) subscribe(source, sub);
}

/** Drops every subscription of an observer that goes away. */
export function release(sub: Observer): void {
  for (const source of sub.deps.keys()) unsubscribe(source, sub);
  sub.deps.clear();
}

/**
 * Makes `sub` the reader that the next reads are recorded for, until the returned function is called.
 * @returns restores the previous reader
 */
export function track(sub: Observer | undefined): () => void {
  const before = reader;
  reader = sub;
  return () => {
    reader = before;
  };
}

function endBatch(): void {
  if (depth > 1) {
    depth--;
    return;
  }
  let failed = false;
  let error: unknown;
  try {
    // Still inside the batch while effects run, so what they write is flushed by this loop, not by a nested one.
    let runs = 0;
    for (const next of queue) {
      queue.delete(next);
      // Effects that keep changing each other's sources would otherwise hang the page.
      if (++runs > 1e5) {
        queue.clear();
        throw new Error('signals: effects changing each other in a cycle');
      }
      try {
        next.check();
      } catch (e) {
        if (!failed) error = e;
        failed = true;
      }
    }
  } finally {
    depth = 0;
  }
  if (failed) throw error;
}

/** A writable signal holding `value`. */
export function signal<T>(value: T): Signal<T>;
export function signal<T = undefined>(): Signal<T | undefined>;
export function signal<T>(value?: T): Signal<T | undefined> {
  return new Signal(value);
}

/** A read-only signal of `fn`'s result, computed lazily and cached until a source it read changes. */
export function computed<T>(fn: () => T): ReadonlySignal<T> {
  return new Computed(fn);
}

/**
 * Runs `fn` now and again after every batch that changed a signal it read; a function it returns runs before the
 * next run and on disposal.
 * @returns disposes the effect
 */
export function effect(fn: () => unknown): () => void {
  const e = new Effect(fn);
  try {
    e.run();
  } catch (error) {
    e.dispose();
    throw error;
  }
  return () => e.dispose();
}

/** Runs `fn` with its writes' effects held until it returns, so they see all of them at once. */
export function batch<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    endBatch();
  }
}

/** Runs `fn` without recording its reads for the current reader. */
export function untracked<T>(fn: () => T): T {
  const restore = track(undefined);
  try {
    return fn();
  } finally {
    restore();
  }
}
