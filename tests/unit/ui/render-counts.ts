import { options, type VNode } from 'preact';

/**
 * Counts the renders (not the memoised skips) of the components named `names` while `during` runs: Preact's render
 * hook runs for a component it renders, after a memoised one's `shouldComponentUpdate` let it.
 */
export async function countRenders(
  names: readonly string[],
  during: () => Promise<void>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const hooks = options as typeof options & { __r?: (vnode: VNode) => void };
  const previous = hooks.__r;
  hooks.__r = (vnode: VNode) => {
    // The build may suffix a function's name (`Bubble2`) when another of the same name is in scope.
    const name = (vnode.type as { name?: string })?.name?.replace(/\d+$/, '');
    if (name && names.includes(name)) counts[name] = (counts[name] ?? 0) + 1;
    previous?.(vnode);
  };
  try {
    await during();
  } finally {
    hooks.__r = previous;
  }
  return counts;
}
