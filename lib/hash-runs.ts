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
  const runs: Run<T>[] = [];
  let run: T[] = [];
  for (const item of items) {
    run.push(item);
    const hash = hashOf(item);
    if (hash % average === 0 || run.length >= max) {
      runs.push({ items: run, end: hash });
      run = [];
    }
  }
  if (run.length > 0) runs.push({ items: run, end: null });
  return runs;
}
