import { describe, expect, it, vi } from 'vitest';
import { type DeskRecord } from '../../../lib/background/desk';
import { OPEN_PAGE, PAGE_MAX, PAGE_MESSAGES, paginate } from '../../../lib/background/desk-pages';
import { createDeskStore } from '../../../lib/background/desk-store';
import { repairDesks } from '../../../lib/background/repair';
import { leanDesk, LEAN_MESSAGE_COUNT, MESSAGE_CACHE_LIMIT, trimCache } from '../../../lib/background/storage-budget';
import type { ChatMessage } from '../../../lib/livechat/types';
import { fakeArea, msg, pageKeys, storedMessages, twoDesks, URL_A, URL_B, v5Storage } from '../fakes/desk-storage';

const noLegacy = async () => {
  throw new Error('no legacy key to read');
};
const stream = (from: number, count: number): ChatMessage[] =>
  Array.from({ length: count }, (_, i) => msg(`m${from + i}`, 'RA', 1_000 + from + i));
const withMessages = (desks: Record<string, DeskRecord>, messages: ChatMessage[]): Record<string, DeskRecord> => ({
  ...desks,
  [URL_A]: { ...desks[URL_A]!, messages },
});
/** The keys holding pages in storage. */
const allPageKeys = (stored: Record<string, unknown>) => Object.keys(stored).filter((k) => k.startsWith('page:'));

describe('pages of cached messages', () => {
  it('joined in order, the pages are the messages; names are unique, and only the newest page is open', () => {
    const messages = stream(0, 500);
    const pages = paginate(messages);
    expect(pages.flatMap((page) => page.messages)).toEqual(messages);
    expect(new Set(pages.map((page) => page.name)).size).toBe(pages.length);
    expect(pages.filter((page) => page.name === OPEN_PAGE).length).toBeLessThanOrEqual(1);
    expect(pages.at(-1)?.name === OPEN_PAGE || pages.length > 0).toBe(true);
    // About PAGE_MESSAGES each: 500 messages make many pages, none of them huge.
    expect(pages.length).toBeGreaterThan(500 / (3 * PAGE_MESSAGES));
    expect(Math.max(...pages.map((page) => page.messages.length))).toBeLessThanOrEqual(PAGE_MAX);
  });

  it('a new message changes only the newest page, losing the oldest only the oldest page', () => {
    const before = paginate(stream(0, 500));
    for (let n = 500; n < 600; n += 1) {
      const after = paginate(stream(n - 499, 500));
      const kept = before.slice(1, -1);
      const same = after.filter((page) =>
        kept.some((old) => old.name === page.name && JSON.stringify(old.messages) === JSON.stringify(page.messages)),
      );
      // Everything between the first and the newest page is the same page under the same name.
      expect(same.length).toBeGreaterThanOrEqual(kept.length - 1);
      before.splice(0, before.length, ...after);
    }
  });

  it('ids that never end a page still make pages of at most PAGE_MAX', () => {
    const hostile: ChatMessage[] = [];
    for (let i = 0; hostile.length < 3 * PAGE_MAX; i += 1) {
      const candidate = msg(`x${i}`, 'RA', i);
      // Only ids whose hash is no boundary (what a server choosing ids could do).
      if (paginate([candidate])[0]?.name === OPEN_PAGE) hostile.push(candidate);
    }
    const pages = paginate(hostile);
    expect(pages.map((page) => page.messages.length)).toEqual([PAGE_MAX, PAGE_MAX, PAGE_MAX]);
    expect(new Set(pages.map((page) => page.name)).size).toBe(3);
  });
});

describe('desk store pages', () => {
  it('a stream of new messages on a full cache writes the newest and the oldest page, never the rest', async () => {
    const { area, writes } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    let desks = withMessages(twoDesks(), stream(0, MESSAGE_CACHE_LIMIT));
    await store.save(desks);
    const whole = JSON.stringify(desks[URL_A]!.messages).length;
    for (let n = 1; n <= 60; n += 1) {
      writes.length = 0;
      desks = withMessages(desks, trimCache(stream(n, MESSAGE_CACHE_LIMIT)));
      await store.save(desks);
      const written = writes.flatMap((w) => Object.entries(w));
      const pages = written.filter(([key]) => key.startsWith('page:'));
      expect(pages.length).toBeLessThanOrEqual(2);
      expect(written.every(([key]) => key.startsWith(`page:${URL_A}#`) || key === `desk:${URL_A}`)).toBe(true);
      expect(JSON.stringify(written).length).toBeLessThan(whole / 3);
    }
  });

  it('upgrades the exact v5 shape: messages move to pages, nothing is lost, a restart reads the same', async () => {
    const desks = twoDesks();
    const v5 = v5Storage(desks);
    const { area, dump } = fakeArea(v5);
    expect(repairDesks(await createDeskStore(area, noLegacy).load())).toEqual({ value: desks, reset: false });
    const stored = dump();
    expect(stored.deskLayout).toBe(6);
    for (const url of [URL_A, URL_B]) {
      expect(stored[`desk:${url}`]).not.toHaveProperty('messages');
      expect(storedMessages(stored, url)).toEqual(desks[url]!.messages);
      expect(stored[`past:${url}`]).toEqual(desks[url]!.archive);
    }
    expect(repairDesks(await createDeskStore(area, noLegacy).load())).toEqual({ value: desks, reset: false });
  });

  it('an upgrade whose write fails keeps the v5 records as they were, and a later start finishes it', async () => {
    const desks = twoDesks();
    const v5 = v5Storage(desks);
    const { area, dump } = fakeArea(v5);
    area.fail.set = 1;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(repairDesks(await createDeskStore(area, noLegacy).load()).value).toEqual(desks);
    expect(dump()).toEqual(v5);
    expect(repairDesks(await createDeskStore(area, noLegacy).load()).value).toEqual(desks);
    expect(dump()[`desk:${URL_A}`]).not.toHaveProperty('messages');
    warn.mockRestore();
  });

  it('a worker stopped between the pages and the records loses nothing: the records still hold the messages', async () => {
    const desks = twoDesks();
    const v5 = v5Storage(desks);
    const { area, dump } = fakeArea(v5);
    // The pages are written, then the worker stops: the write of the records never happens.
    const set = area.set.bind(area);
    let calls = 0;
    area.set = async (items) => {
      calls += 1;
      if (calls === 2) throw new Error('the worker was stopped');
      await set(items);
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await createDeskStore(area, noLegacy).load();
    const midway = dump();
    expect(allPageKeys(midway).length).toBeGreaterThan(0);
    expect(midway[`desk:${URL_A}`]).toEqual(v5[`desk:${URL_A}`]);
    // The next start reads the v5 records (the pages no record lists are not read) and finishes the move.
    area.set = set;
    expect(repairDesks(await createDeskStore(area, noLegacy).load())).toEqual({ value: desks, reset: false });
    const after = dump();
    expect(allPageKeys(after).toSorted()).toEqual([...pageKeys(after, URL_A), ...pageKeys(after, URL_B)].toSorted());
    warn.mockRestore();
  });

  it('a page no record lists (its removal failed) is not read, and the next save removes it', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    let desks = withMessages(twoDesks(), stream(0, 200));
    await store.save(desks);
    const first = pageKeys(dump(), URL_A)[0];
    // The oldest page's messages leave the cache; the removal of its key fails.
    area.fail.remove = 1;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    desks = withMessages(desks, stream(120, 80));
    await store.save(desks);
    expect(dump()).toHaveProperty(first!);
    expect(repairDesks(await createDeskStore(area, noLegacy).load()).value[URL_A]?.messages).toEqual(stream(120, 80));
    await store.save(withMessages(desks, stream(120, 81)));
    expect(dump()).not.toHaveProperty(first!);
    warn.mockRestore();
  });

  it('a listed page that is missing is damage: the rest is kept and the repair says it reset something', async () => {
    const { area, data } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    await store.save(withMessages(twoDesks(), stream(0, 200)));
    const [lost] = pageKeys(Object.fromEntries(data), URL_A);
    const lostCount = (data.get(lost!) as ChatMessage[]).length;
    data.delete(lost!);
    const { value, reset } = repairDesks(await createDeskStore(area, noLegacy).load());
    expect(reset).toBe(true);
    expect(value[URL_A]?.messages).toEqual(stream(lostCount, 200 - lostCount));
    expect(value[URL_A]?.token).toBe('token-a');
  });

  it('forgetting a desk removes every page of it', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const desks = withMessages(twoDesks(), stream(0, 300));
    await store.save(desks);
    expect(pageKeys(dump(), URL_A).length).toBeGreaterThan(3);
    const { [URL_A]: _gone, ...rest } = desks;
    await store.save(rest);
    expect(Object.keys(dump()).filter((key) => key.includes(URL_A))).toEqual([]);
    expect(JSON.stringify(dump())).not.toContain('words of m');
    expect(storedMessages(dump(), URL_B)).toEqual(rest[URL_B]!.messages);
  });

  it('when the whole cache does not fit, the lean desk stored instead keeps only its own pages', async () => {
    const { area, dump } = fakeArea();
    const store = createDeskStore(area, noLegacy);
    await store.load();
    const desks = withMessages(twoDesks(), [
      ...stream(0, 300),
      msg('mine', 'RA', 5_000, { from: 'visitor', delivery: 'pending' }),
    ]);
    await store.save(desks);
    const full = allPageKeys(dump()).length;
    // Storage refuses the next full save (its quota): the worker falls back to the lean desk.
    const more = withMessages(desks, [...desks[URL_A]!.messages, ...stream(300, 10)]);
    area.fail.set = 1;
    await expect(store.save(more)).rejects.toThrow(/quota/);
    const lean = { ...more, [URL_A]: leanDesk(more[URL_A]!) };
    await store.save(lean);
    const stored = dump();
    expect(storedMessages(stored, URL_A)).toEqual(lean[URL_A]!.messages);
    expect(storedMessages(stored, URL_A)).toHaveLength(LEAN_MESSAGE_COUNT + 1);
    expect(storedMessages(stored, URL_A).map((m) => m.id)).toContain('mine');
    // Every page of the full cache that the lean one does not list is gone: storage holds the lean desk alone.
    expect(allPageKeys(stored).length).toBeLessThan(full);
    expect(allPageKeys(stored).toSorted()).toEqual([...pageKeys(stored, URL_A), ...pageKeys(stored, URL_B)].toSorted());
  });
});
