import { createElement, type ComponentChildren, type FunctionComponent } from 'preact';

/**
 * `memo` without preact/compat (whose option hooks would grow what the popup loads): the wrapped component
 * renders again only when a prop changed by reference. Signals read inside it still re-render it on their own.
 */
export function memo<P extends object>(component: FunctionComponent<P>): FunctionComponent<P> {
  function shouldUpdate(this: { props: P }, next: P): boolean {
    const previous = this.props as Record<string, unknown>;
    const incoming = next as Record<string, unknown>;
    for (const key in incoming) if (incoming[key] !== previous[key]) return true;
    for (const key in previous) if (!(key in incoming)) return true;
    return false;
  }
  function Memo(this: { shouldComponentUpdate?: unknown }, props: P): ComponentChildren {
    this.shouldComponentUpdate = shouldUpdate;
    return createElement(component, props);
  }
  Memo.displayName = `Memo(${component.displayName ?? component.name})`;
  return Memo as FunctionComponent<P>;
}
