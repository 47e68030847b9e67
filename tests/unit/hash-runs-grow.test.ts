import { describe, expect, it } from 'vitest';
import { fnv1a, growRuns, hashRuns } from '../../lib/hash-runs';

const ids = Array.from({ length: 300 }, (_, i) => `m${i}`);

describe('growRuns', () => {
  it('gives what hashRuns gives, at every length grown from every shorter one', () => {
    for (const from of [0, 1, 17, 100, 299]) {
      const before = ids.slice(0, from);
      const runs = hashRuns(before, fnv1a, 8, 20);
      for (const to of [from, from + 1, from + 5, 300]) {
        const items = ids.slice(0, Math.min(to, 300));
        expect(growRuns(before, runs, items, fnv1a, 8, 20)).toEqual(hashRuns(items, fnv1a, 8, 20));
      }
    }
  });

  it('keeps the closed runs as they were and hashes only the new item', () => {
    const before = ids.slice(0, 299);
    const runs = hashRuns(before, fnv1a, 8, 20);
    let hashed = 0;
    const grown = growRuns(before, runs, ids, (id) => (hashed += 1) && fnv1a(id), 8, 20)!;
    expect(hashed).toBe(1);
    const closed = runs.filter((run) => run.end !== null);
    expect(grown.slice(0, closed.length)).toEqual(closed);
    closed.forEach((run, i) => expect(grown[i]).toBe(run));
    // The open run a view may still hold is copied, not changed.
    if (runs.at(-1)!.end === null) expect(runs.at(-1)!.items).toHaveLength(299 - closed.flatMap((r) => r.items).length);
  });

  it('is null when the items are not the last ones grown', () => {
    const before = ids.slice(0, 50);
    const runs = hashRuns(before, fnv1a, 8, 20);
    expect(growRuns(before, runs, ids.slice(0, 49), fnv1a, 8, 20)).toBeNull();
    expect(growRuns(before, runs, ['x', ...ids.slice(1, 60)], fnv1a, 8, 20)).toBeNull();
  });
});
