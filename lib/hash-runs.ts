/**
 * Splits a list into runs whose ends depend only on the items themselves, never on their positions: a run ends
 * after an item whose hash is a multiple of `average` (or once it holds `max` items). Adding an item at the end
 * therefore changes only the last run, and removing the first item only the first run. The worker stores a desk's
 * messages in such runs (`lib/background/desk-pages.ts`), and the log renders a long group of bubbles in them
 * (`components/MessageGroup.tsx`), so a new message rewrites or re-renders one run, not the whole list.
 */

/** A run of items; `end` is the hash of its last item when that item ended it, null for a last run still open. */
export interface Run<T> {
  items: T[];
  end: number | null;
}

/** FNV-1a of a string: 32 bits, spread well enough for run ends. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Splits `items` (in order) into runs; concatenated in order they are `items` again. */
export function hashRuns<T>(items: readonly T[], hashOf: (item: T) => number, average: number, max: number): Run<T>[] {
  return growRuns([], [], items, hashOf, average, max)!;
}

/**
 * {@link hashRuns} of `items` when they are `before` (the same objects) with more items after it: `runs` are
 * `before`'s runs, and the result keeps every closed one (the very objects) and walks only the open last run's
 * items and the new ones. Null when `items` is not `before` grown.
 */
export function growRuns<T>(
  before: readonly T[],
  runs: readonly Run<T>[],
  items: readonly T[],
  hashOf: (item: T) => number,
  average: number,
  max: number,
): Run<T>[] | null {
  if (items.length < before.length) return null;
  for (let i = 0; i < before.length; i++) if (items[i] !== before[i]) return null;
  if (items.length === before.length) return [...runs];
  const open = runs.at(-1)?.end === null ? runs.at(-1)! : null;
  const grown = open ? runs.slice(0, -1) : [...runs];
  let run = open ? [...open.items] : [];
  for (let i = before.length; i < items.length; i++) {
    const item = items[i]!;
    run.push(item);
    const hash = hashOf(item);
    if (hash % average === 0 || run.length >= max) {
      grown.push({ items: run, end: hash });
      run = [];
    }
  }
  if (run.length > 0) grown.push({ items: run, end: null });
  return grown;
}
