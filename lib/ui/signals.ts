/**
 * The one place the UI gets its reactive state from (oxlint refuses `@preact/signals` elsewhere): the core of
 * lib/ui/reactive.ts, tied to Preact the way `@preact/signals` does it, for what the UI uses of it.
 *
 * - A component's render records the signals it reads; when one of them changes, the component renders again (once
 *   per batch, and only if a value really moved). Unmounting drops its subscriptions.
 * - A component whose last render read a signal renders again for its parent only if a prop changed by reference
 *   (as `@preact/signals` does): the signals it reads re-render it on their own.
 * - `useSignal`, `useComputed`, `useSignalEffect` keep one signal, computed or effect per component instance.
 *
 * Not supported: a signal itself as a JSX child or a DOM prop; render its `.value`.
 */
import { Component, Fragment, type VNode } from 'preact';
import { useEffect, useMemo, useRef } from './hooks';
import { onPreact } from './preact-options';
import { computed, Effect, effect, resubscribe, Signal, signal, track, type ReadonlySignal } from './reactive';

export { batch, computed, effect, signal, untracked, type ReadonlySignal, type Signal } from './reactive';

/**
 * What `loading` resolves to, as a signal that holds null until then: a part the first screen does without, asked
 * for as the page starts and used once it is in (issue 12). A failed load is logged and leaves null.
 */
export function whenLoaded<T>(loading: Promise<T>): ReadonlySignal<T | null> {
  const loaded = signal<T | null>(null);
  loading.then(
    (value) => (loaded.value = value),
    (error: unknown) => console.error('Could not load part of the chat', error),
  );
  return loaded;
}

interface Tracked extends Component {
  /** Re-renders this component when what its render read changes. */
  updater?: Updater;
  /** A change of a signal it read asked for this render. */
  pending?: boolean;
  unmounted?: boolean;
  /** Preact's flag: a state hook installed its own shouldComponentUpdate. */
  __f?: boolean;
}

/** The component vnode's instance (`vnode._component`). */
type ComponentVNode = VNode & { __c?: Tracked };

/** The effect behind a component's render: instead of running a function it asks Preact for a render. */
class Updater extends Effect {
  constructor(private component: Tracked) {
    super(Object);
  }

  override run(): void {
    this.component.pending = true;
    this.component.setState({});
  }
}

let rendering: Tracked | undefined;
let before: Map<Signal<unknown>, number> | undefined;
let restore: (() => void) | undefined;

/** Ends the recording of the component being rendered: its subscriptions move to what this render read. */
function finish(): void {
  const component = rendering;
  if (!component) return;
  rendering = undefined;
  restore!();
  const updater = component.updater!;
  resubscribe(updater, before!);
  // Subscribed only now: a source written during the render after it was read asks for another.
  updater.check();
}

// A render ends when Preact goes on to the next vnode, finishes this one, or catches what the render threw.
onPreact('__b', finish);
onPreact('diffed', finish);
onPreact('__e', finish);

onPreact('__r', (vnode: ComponentVNode) => {
  finish();
  const component = vnode.__c;
  if (!component || vnode.type === Fragment) return;
  component.pending = false;
  const updater = (component.updater ??= new Updater(component));
  before = updater.deps;
  updater.deps = new Map();
  restore = track(updater);
  rendering = component;
});

onPreact('unmount', (vnode: ComponentVNode) => {
  const component = vnode.__c;
  if (!component) return;
  component.unmounted = true;
  component.updater?.dispose();
  component.updater = undefined;
});

// Development and tests only (Vite drops it from builds): a signal handed to an element would show as its text once and
// never update; the types refuse most such props, this catches the rest and children.
if (import.meta.env.DEV) {
  onPreact('vnode', (vnode) => {
    if (typeof vnode.type !== 'string') return;
    for (const [name, value] of Object.entries(vnode.props as Record<string, unknown>)) {
      if ([value].flat(9).some((item) => item instanceof Signal)) {
        throw new Error(`<${vnode.type}> got a signal in ${name}: render its .value`);
      }
    }
  });
}

Component.prototype.shouldComponentUpdate = function (
  this: Tracked,
  props: Record<string, unknown>,
  state: object,
): boolean {
  if (!this.updater?.deps.size || this.pending || this.__f) return true;
  for (const _ in state) return true;
  const previous = this.props as Record<string, unknown>;
  for (const key in props) if (props[key] !== previous[key]) return true;
  for (const key in previous) if (!(key in props)) return true;
  return false;
};

/** A signal that lives as long as the component, holding `value` at first. */
export function useSignal<T>(value: T): Signal<T>;
export function useSignal<T = undefined>(): Signal<T | undefined>;
export function useSignal<T>(value?: T): Signal<T | undefined> {
  return useMemo(() => signal(value), []);
}

/** A computed that lives as long as the component; it always runs the latest render's `fn`. */
export function useComputed<T>(fn: () => T): ReadonlySignal<T> {
  const latest = useRef(fn);
  latest.current = fn;
  return useMemo(() => computed(() => latest.current()), []);
}

/**
 * An effect that lives from the component's mount to its unmount and always runs the latest render's `fn`. Preact
 * cleans passive effects up after the next paint: until then, an unmounted component's effect no longer runs.
 */
export function useSignalEffect(fn: () => unknown): void {
  const latest = useRef(fn);
  latest.current = fn;
  const owner = rendering;
  useEffect(() => effect(() => (owner?.unmounted ? undefined : latest.current())), []);
}
