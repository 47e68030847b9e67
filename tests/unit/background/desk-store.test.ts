import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineDesksItem, newDesk, type DeskRecord, type PastRoom } from '../../../lib/background/desk';
import { createDeskStore, type StorageArea } from '../../../lib/background/desk-store';
import { fakeArea, msg, pageKeys, past, storedMessages, twoDesks, URL_A, URL_B } from '../fakes/desk-storage';
import { repairDesks } from '../../../lib/background/repair';
import { trimArchives } from '../../../lib/background/storage-budget';

/** The fake browser's storage with one operation failing while `broken()` says so. */
function brokenArea(op: keyof StorageArea, message: string, broken: () => boolean = () => true): StorageArea {
  const local = fakeBrowser.storage.local;
  const area: StorageArea = {
    get: (keys) => local.get(keys),
    set: (items) => local.set(items),
    remove: (keys) => local.remove(keys),
  };
  const working = area[op] as (arg: never) => Promise<unknown>;
  return {
    ...area,
    [op]: async (arg: never) => {
      if (broken()) throw new Error(message);
      return working(arg);
    },
  };
}

const noLegacy = async () => {
  throw new Error('no legacy key to read');
};

describe('desk store layout', () => {
  it('keeps each desk, each desk archive and each page of its messages under keys of their own', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const desks = twoDesks();
    await store.save(desks);
    const stored = dump();
    const pages = [...pageKeys(stored, URL_A), ...pageKeys(stored, URL_B)];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(stored).toSorted()).toEqual(
      ['deskLayout', `desk:${URL_A}`, `desk:${URL_B}`, `past:${URL_A}`, `past:${URL_B}`, ...pages].toSorted(),
    );
    expect(stored.deskLayout).toBe(6);
    expect(stored[`desk:${URL_A}`]).not.toHaveProperty('archive');
    expect(stored[`desk:${URL_A}`]).not.toHaveProperty('messages');
    expect(storedMessages(stored, URL_A)).toEqual(desks[URL_A]!.messages);
    expect(stored[`past:${URL_A}`]).toEqual(desks[URL_A]!.archive);
    // A new worker reads back exactly what was saved, and the repair finds nothing to fix.
    const again = createDeskStore(area, noLegacy);
    expect(repairDesks(await again.load())).toEqual({ value: desks, reset: false });
  });

  it('writes only the desk that changed, and its archive only when the archive changed', async () => {
    const { area, writes } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    let desks = twoDesks();
    await store.save(desks);
    writes.length = 0;

    await store.save({ ...desks });
    expect(writes).toEqual([]);

    // A new message on desk A: the worker hands over a new record with the same archive. Only the page it landed in
    // changes (the record lists the same pages).
    desks = { ...desks, [URL_A]: { ...desks[URL_A]!, messages: [...desks[URL_A]!.messages, msg('a3', 'RA', 40)] } };
    await store.save(desks);
    expect(writes.map((w) => Object.keys(w))).toEqual([[`page:${URL_A}#open`]]);

    // A record that is new but equal (a restart's repaired copy) is not written again.
    writes.length = 0;
    await store.save(structuredClone(desks));
    expect(writes).toEqual([]);

    const archive = [...desks[URL_A]!.archive, past('P3', 3_000)];
    desks = { ...desks, [URL_A]: { ...desks[URL_A]!, room: null, archive } };
    writes.length = 0;
    await store.save(desks);
    expect(writes.map((w) => Object.keys(w).toSorted())).toEqual([[`desk:${URL_A}`, `past:${URL_A}`]]);
  });

  it('after a restart, writes nothing for desks stored as they are', async () => {
    const { area, writes } = fakeArea();
    const first = createDeskStore(area, noLegacy);
    await first.load();
    await first.save(twoDesks());
    writes.length = 0;
    const second = createDeskStore(area, noLegacy);
    const { value } = repairDesks(await second.load());
    await second.save(value);
    expect(writes).toEqual([]);
  });

  it('removes every key of a forgotten desk: no token of it is left', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const desks = twoDesks();
    await store.save(desks);
    const { [URL_A]: _gone, ...rest } = desks;
    await store.save(rest);
    expect(Object.keys(dump()).filter((k) => k.includes(URL_A))).toEqual([]);
    expect(JSON.stringify(dump())).not.toContain('token-a');
    expect(JSON.stringify(dump())).toContain('token-b');
  });

  it('forgetting a past conversation rewrites only that desk archive', async () => {
    const { area, writes, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const desks = twoDesks();
    await store.save(desks);
    writes.length = 0;
    const a = desks[URL_A]!;
    await store.save({ ...desks, [URL_A]: { ...a, archive: a.archive.filter((p) => p.id !== 'P1') } });
    expect(writes.map((w) => Object.keys(w))).toEqual([[`past:${URL_A}`]]);
    expect(JSON.stringify(dump())).not.toContain('P1-1');
  });

  it('a storage budget trim across desks removes the oldest closed rooms from their keys, never an open one', async () => {
    const { area, writes, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const base = twoDesks();
    const open = past('OPEN', 500, { closed: false, closedAt: null });
    const desks = {
      [URL_A]: { ...base[URL_A]!, archive: [past('A-old', 1_000), open, past('A-new', 4_000)] },
      [URL_B]: { ...base[URL_B]!, archive: [past('B-old', 2_000), past('B-new', 5_000)] },
    };
    await store.save(desks);
    writes.length = 0;
    const size = JSON.stringify(past('A-old', 1_000)).length;
    // Room in total for three past rooms besides the open one: the two oldest closed ones go.
    const trimmed = trimArchives(desks, 10 * size, 4 * size);
    await store.save(trimmed);
    expect(writes.map((w) => Object.keys(w).toSorted())).toEqual([
      [`desk:${URL_A}`, `desk:${URL_B}`, `past:${URL_A}`, `past:${URL_B}`],
    ]);
    const stored = dump();
    expect((stored[`past:${URL_A}`] as PastRoom[]).map((p) => p.id)).toEqual(['OPEN', 'A-new']);
    expect((stored[`past:${URL_B}`] as PastRoom[]).map((p) => p.id)).toEqual(['B-new']);
    expect(stored[`desk:${URL_A}`]).toMatchObject({ archiveTrimmed: true });
    expect(JSON.stringify(stored)).not.toContain('A-old');
  });

  it('saves called in quick succession land in order: the newest state is the one stored', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    // Each write takes longer than the next one: without ordering, an older state would land last.
    let slow = 50;
    area.delay = () => (slow = Math.max(0, slow - 10));
    let desks = twoDesks();
    const saves: Array<Promise<void>> = [];
    for (let i = 0; i < 5; i += 1) {
      const url = i % 2 === 0 ? URL_A : URL_B;
      desks = { ...desks, [url]: { ...desks[url]!, unread: i } };
      saves.push(store.save(desks));
    }
    await Promise.all(saves);
    expect(dump()[`desk:${URL_A}`]).toMatchObject({ unread: 4 });
    expect(dump()[`desk:${URL_B}`]).toMatchObject({ unread: 3 });
  });

  it('a failed write is written again on the next save (nothing counts as stored that was not)', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const desks = twoDesks();
    area.fail.set = 1;
    await expect(store.save(desks)).rejects.toThrow(/quota/);
    await store.save(desks);
    expect(dump()[`desk:${URL_A}`]).toMatchObject({ token: 'token-a' });
  });

  it('a failed removal does not fail the save, and is done on the next one', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const desks = twoDesks();
    await store.save(desks);
    area.fail.remove = 1;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { [URL_A]: _gone, ...rest } = desks;
    await store.save(rest);
    expect(dump()).toHaveProperty(`desk:${URL_A}`);
    await store.save(rest);
    expect(JSON.stringify(dump())).not.toContain('token-a');
    warn.mockRestore();
  });

  it('gives damaged keys to the repair, which keeps what is sound and says it reset something', async () => {
    const desks = twoDesks();
    const { area } = fakeArea({
      deskLayout: 5,
      [`desk:${URL_A}`]: { ...desks[URL_A], archive: undefined, messages: 'gone' },
      [`past:${URL_A}`]: [null, past('P1', 1_000)],
      [`desk:${URL_B}`]: 'corrupt',
      [`past:${URL_B}`]: [],
    });
    const store = createDeskStore(area, noLegacy);
    const { value, reset } = repairDesks(await store.load());
    expect(reset).toBe(true);
    expect(Object.keys(value)).toEqual([URL_A]);
    expect(value[URL_A]).toMatchObject({ token: 'token-a', messages: [], archive: [past('P1', 1_000)] });
  });
});

describe('moving v4 desks to their own keys', () => {
  beforeEach(() => fakeBrowser.reset());

  /** Exactly what v4 stored under `desks`: an open room with an undelivered message, a closed room, an archive. */
  const v4 = (): Record<string, DeskRecord> => twoDesks();
  const legacy = () => defineDesksItem().getValue();

  it('moves every desk without loss, then removes the old key', async () => {
    await fakeBrowser.storage.local.set({ desks: v4(), desks$: { v: 4 } });
    const store = createDeskStore(fakeBrowser.storage.local, legacy);
    const loaded = repairDesks(await store.load());
    expect(loaded).toEqual({ value: v4(), reset: false });
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored).not.toHaveProperty('desks');
    expect(stored).not.toHaveProperty('desks$');
    expect(stored[`desk:${URL_A}`]).toMatchObject({ token: 'token-a', room: { id: 'RA', open: true } });
    expect(storedMessages(stored, URL_A)).toMatchObject([{ id: 'a1' }, { id: 'a2', delivery: 'pending' }]);
    expect(stored[`past:${URL_A}`]).toEqual(v4()[URL_A]!.archive);
    expect(stored[`desk:${URL_B}`]).toMatchObject({ token: 'token-b', room: { id: 'RB', open: false } });
    // The next start reads the new keys alone.
    const again = createDeskStore(fakeBrowser.storage.local, noLegacy);
    expect(repairDesks(await again.load())).toEqual({ value: v4(), reset: false });
  });

  it('moves a version 3 desk through the v4 migration', async () => {
    const { archive: _a, archiveTrimmed: _t, ...v3 } = v4()[URL_B]!;
    await fakeBrowser.storage.local.set({ desks: { [URL_B]: v3 }, desks$: { v: 3 } });
    const store = createDeskStore(fakeBrowser.storage.local, legacy);
    expect(repairDesks(await store.load()).value).toEqual({ [URL_B]: v4()[URL_B] });
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty('desks');
  });

  it('a write that fails midway loses nothing: the old key stays, and the move completes later', async () => {
    await fakeBrowser.storage.local.set({ desks: v4(), desks$: { v: 4 } });
    const local = fakeBrowser.storage.local;
    let failing = true;
    const area = brokenArea('set', 'the browser quit', () => failing);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = createDeskStore(area, legacy);
    // This start still has every desk.
    expect(repairDesks(await store.load()).value).toEqual(v4());
    expect(await local.get(null)).toMatchObject({ desks: v4() });
    expect(Object.keys(await local.get(null)).some((k) => k.startsWith('desk:'))).toBe(false);

    // A later start, storage working again, moves them.
    failing = false;
    const next = createDeskStore(area, legacy);
    expect(repairDesks(await next.load()).value).toEqual(v4());
    const stored = await local.get(null);
    expect(stored).not.toHaveProperty('desks');
    expect(stored[`desk:${URL_A}`]).toMatchObject({ token: 'token-a' });
    warn.mockRestore();
  });

  it('a failed move is finished by the next save, which writes every desk before removing the old key', async () => {
    await fakeBrowser.storage.local.set({ desks: v4(), desks$: { v: 4 } });
    const local = fakeBrowser.storage.local;
    let failing = true;
    const area = brokenArea('set', 'QUOTA_BYTES quota exceeded', () => failing);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = createDeskStore(area, legacy);
    const { value } = repairDesks(await store.load());
    failing = false;
    await store.save(value);
    const stored = await local.get(null);
    expect(stored).not.toHaveProperty('desks');
    expect(repairDesks(await createDeskStore(area, noLegacy).load()).value).toEqual(v4());
    warn.mockRestore();
  });

  it('a start that could not read storage does not mark the move done: the next start still moves the old key', async () => {
    await fakeBrowser.storage.local.set({ desks: v4(), desks$: { v: 4 } });
    const local = fakeBrowser.storage.local;
    const area = brokenArea('get', 'storage unreadable');
    const store = createDeskStore(area, legacy);
    await expect(store.load()).rejects.toThrow(/unreadable/);
    // The worker starts afresh meanwhile, with a new desk of its own.
    await store.save({ [URL_A]: newDesk(URL_A, 'fresh-token') });
    const loaded = repairDesks(await createDeskStore(local, legacy).load()).value;
    expect(loaded).toEqual(v4());
    expect(await local.get(null)).not.toHaveProperty('desks');
  });

  it('a move stopped after writing the new keys: the new keys win and the old key goes', async () => {
    await fakeBrowser.storage.local.set({ desks: v4(), desks$: { v: 4 } });
    const local = fakeBrowser.storage.local;
    const area = brokenArea('remove', 'the worker was stopped');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await createDeskStore(area, legacy).load();
    expect(await local.get(null)).toHaveProperty('desks');
    // The visitor went on: desk A changed under the new layout before the old key could go.
    const newer = { ...v4()[URL_A]!, unread: 7 };
    await local.set({ [`desk:${URL_A}`]: { ...newer, archive: undefined } });
    const readOld = vi.fn(legacy);
    const loaded = repairDesks(await createDeskStore(local, readOld).load()).value;
    expect(readOld).not.toHaveBeenCalled();
    expect(loaded[URL_A]?.unread).toBe(7);
    expect(await local.get(null)).not.toHaveProperty('desks');
    warn.mockRestore();
  });
});
