/**
 * The points of Preact's rendering that the UI's own hooks (lib/ui/hooks.ts) and signals (lib/ui/signals.ts) attach
 * to: Preact's `options`, under its internal (mangled) names. Each attaches in front of what was there before, so
 * both modules, and test utilities, hear every call.
 */
import { options, type VNode } from 'preact';

export interface PreactOptions {
  /** A vnode was created. */
  vnode?(vnode: VNode): void;
  /** Diffing a vnode begins. */
  __b?(vnode: VNode): void;
  /** A component's vnode renders. */
  __r?(vnode: VNode): void;
  /** A render threw. */
  __e?(...args: unknown[]): void;
  /** Diffing a vnode ended. */
  diffed?(vnode: VNode): void;
  unmount?(vnode: VNode): void;
  /** Set by test utilities (`act`) to run passive effects at once. */
  requestAnimationFrame?(fn: () => void): void;
}

export const preactOptions = options as PreactOptions;

type Point = 'vnode' | '__b' | '__r' | '__e' | 'diffed' | 'unmount';

/** Runs `fn` at Preact's option `name`, before whatever was attached there already. */
export function onPreact<K extends Point>(name: K, fn: NonNullable<PreactOptions[K]>): void {
  const old = preactOptions[name] as ((...args: unknown[]) => void) | undefined;
  preactOptions[name] = ((...args: unknown[]) => {
    (fn as (...args: unknown[]) => void)(...args);
    old?.(...args);
  }) as PreactOptions[K];
}
