/**
 * The hooks the UI uses (`useRef`, `useMemo`, `useEffect`, `useLayoutEffect`, `useId`), with `preact/hooks`'
 * semantics, in a fraction of its size (the popup's eager bytes, docs/performance.md, Size); oxlint refuses
 * `preact/hooks` elsewhere. Effects run children first, after the next frame (`useEffect`) or when Preact commits the
 * render, before paint (`useLayoutEffect`); each one's cleanup runs before its next run and on unmount.
 */
import type { Component, RefObject, VNode } from 'preact';
import { onPreact, preactOptions } from './preact-options';

interface Slot {
  value?: unknown;
  /** The dependencies of the committed render; `next` those of the render being diffed. */
  deps?: readonly unknown[];
  next?: readonly unknown[];
  effect?: () => unknown;
  cleanup?: unknown;
}

interface Hooked extends Component {
  slots?: Slot[];
  /** Passive effects to run after the next frame. */
  passive?: Slot[];
  /** Preact's render callbacks (`_renderCallbacks`), run when the render commits. */
  __h: Array<() => void>;
}

type Owner = VNode & { __c?: Hooked };

let current: Hooked | undefined;
/** The component of the previous render call: the same one again means Preact renders it again before committing. */
let previous: Hooked | undefined;
let index = 0;
let ids = 0;
const afterPaint: Hooked[] = [];

function cleanup(slot: Slot): void {
  const done = slot.cleanup;
  slot.cleanup = undefined;
  if (typeof done === 'function') done();
}

function run(slots: Slot[]): void {
  slots.forEach(cleanup);
  for (const slot of slots) slot.cleanup = slot.effect!();
}

function flush(): void {
  for (let component = afterPaint.shift(); component; component = afterPaint.shift()) {
    const slots = component.passive;
    component.passive = [];
    if (slots?.length && component.slots) run(slots);
  }
}

/** After the next frame is painted, or 35 ms when frames stop (a hidden page), as Preact's hooks do. */
function afterNextFrame(fn: () => void): void {
  const done = (): void => {
    clearTimeout(timeout);
    cancelAnimationFrame(frame);
    setTimeout(fn);
  };
  const timeout = setTimeout(done, 35);
  const frame = requestAnimationFrame(done);
}

onPreact('__r', (vnode: Owner) => {
  const component = vnode.__c;
  current = component;
  index = 0;
  if (!component?.slots) return;
  if (previous === component) {
    // Rendered again before committing: what the first pass queued is queued again by this one.
    component.passive = [];
    component.__h = [];
  } else if (component.passive?.length) {
    // A render before the previous one's effects ran: they run first.
    const slots = component.passive;
    component.passive = [];
    run(slots);
  }
  previous = component;
});

onPreact('diffed', (vnode: Owner) => {
  const component = vnode.__c;
  previous = current = undefined;
  if (!component?.slots) return;
  for (const slot of component.slots) {
    if (slot.next) slot.deps = slot.next;
    slot.next = undefined;
  }
  if (component.passive?.length && afterPaint.push(component) === 1) {
    (preactOptions.requestAnimationFrame ?? afterNextFrame)(flush);
  }
});

onPreact('unmount', (vnode: Owner) => {
  const component = vnode.__c;
  const slots = component?.slots;
  if (!slots) return;
  component.slots = undefined;
  let failure: unknown;
  for (const slot of slots) {
    try {
      cleanup(slot);
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
});

function nextSlot(): Slot {
  const component = current!;
  const slots = (component.slots ??= []);
  return (slots[index++] ??= {});
}

function changed(before: readonly unknown[] | undefined, after: readonly unknown[] | undefined): boolean {
  return !before || !after || before.length !== after.length || after.some((dep, i) => !Object.is(dep, before[i]));
}

/** `factory()`'s value, computed again only when a dependency changed. */
export function useMemo<T>(factory: () => T, deps: readonly unknown[]): T {
  const state = nextSlot();
  if (changed(state.deps, deps)) {
    state.value = factory();
    state.deps = deps;
  }
  return state.value as T;
}

/** One mutable box per component instance. */
export function useRef<T>(initial: T): RefObject<T>;
export function useRef<T>(initial: T | null): RefObject<T | null>;
export function useRef<T>(initial?: T): RefObject<T | undefined>;
export function useRef<T>(initial?: T): RefObject<T | undefined> {
  return useMemo(() => ({ current: initial }), []);
}

function queue(effect: () => unknown, deps: readonly unknown[] | undefined): Slot | undefined {
  const state = nextSlot();
  if (!changed(state.deps, deps)) return undefined;
  state.effect = effect;
  state.next = deps;
  return state;
}

/** Runs `effect` after the render is painted, again after one that changed a dependency (every render without). */
export function useEffect(effect: () => unknown, deps?: readonly unknown[]): void {
  const state = queue(effect, deps);
  if (state) (current!.passive ??= []).push(state);
}

/** Runs `effect` when the render commits, before the browser paints (Preact calls the component's render callbacks). */
export function useLayoutEffect(effect: () => unknown, deps?: readonly unknown[]): void {
  const state = queue(effect, deps);
  if (state) current!.__h.push(() => run([state]));
}

/** An id unique in the page, the same for the component's life. */
export function useId(): string {
  return useMemo(() => `lqs-${(ids++).toString(36)}`, []);
}
