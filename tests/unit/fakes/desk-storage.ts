/** Desks and an in-memory `storage.local` for the desk store's tests. */
import { newDesk, type DeskRecord, type PastRoom } from '../../../lib/background/desk';
import type { StorageArea } from '../../../lib/background/desk-store';
import type { ChatMessage } from '../../../lib/livechat/types';

export const URL_A = 'https://a.example.com';
export const URL_B = 'https://b.example.com';

export const msg = (id: string, rid: string, ts: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  rid,
  text: `words of ${id}`,
  ts,
  updatedAt: ts,
  editedAt: null,
  author: { id: 'ag', username: 'agent', name: 'Agent' },
  from: 'agent',
  type: null,
  attachments: [],
  ...extra,
});

export const past = (id: string, closedAt: number, extra: Partial<PastRoom> = {}): PastRoom => ({
  id,
  agent: { name: 'Agent', username: 'agent' },
  openedAt: closedAt - 1000,
  closedAt,
  firstLine: 'hello',
  lastLine: 'bye',
  closed: true,
  messages: [msg(`${id}-1`, id, closedAt - 1000), msg(`${id}-2`, id, closedAt - 10)],
  historyComplete: true,
  ...extra,
});

/** Desk A: an open room with an undelivered message and an archive; desk B: a closed room. */
export function twoDesks(): Record<string, DeskRecord> {
  return {
    [URL_A]: {
      ...newDesk(URL_A, 'token-a'),
      room: { id: 'RA', open: true, confirmed: true, surveySent: false, transcriptSent: false },
      messages: [msg('a1', 'RA', 10), msg('a2', 'RA', 20, { from: 'visitor', delivery: 'pending' })],
      archive: [past('P1', 1_000), past('P2', 2_000)],
    },
    [URL_B]: {
      ...newDesk(URL_B, 'token-b'),
      room: { id: 'RB', open: false, confirmed: true, surveySent: true, transcriptSent: false },
      messages: [msg('b1', 'RB', 30)],
    },
  };
}

/** What storage layout v5 wrote for `desks`: each desk's record with its messages, its archive apart, the mark. */
export function v5Storage(desks: Record<string, DeskRecord>): Record<string, unknown> {
  const stored: Record<string, unknown> = { deskLayout: 5 };
  for (const [url, { archive, ...record }] of Object.entries(desks)) {
    stored[`desk:${url}`] = record;
    stored[`past:${url}`] = archive;
  }
  return stored;
}

/** `storage.local` in memory, recording every write. */
export function fakeArea(initial: Record<string, unknown> = {}) {
  const data = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  const writes: Array<Record<string, unknown>> = [];
  const removes: string[][] = [];
  const area: StorageArea & { fail: { set: number; remove: number }; delay: () => number } = {
    fail: { set: 0, remove: 0 },
    delay: () => 0,
    async get(keys) {
      const wanted = keys ?? [...data.keys()];
      return Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      const copy = structuredClone(items);
      await new Promise((resolve) => setTimeout(resolve, area.delay()));
      if (area.fail.set > 0) {
        area.fail.set -= 1;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      writes.push(copy);
      for (const [k, v] of Object.entries(copy)) data.set(k, v);
    },
    async remove(keys) {
      if (area.fail.remove > 0) {
        area.fail.remove -= 1;
        throw new Error('the worker was stopped');
      }
      removes.push(keys);
      for (const k of keys) data.delete(k);
    },
  };
  const dump = () => Object.fromEntries(data);
  return { area, data, writes, removes, dump };
}

/** The keys of a desk's pages, in the order its record lists them. */
export const pageKeys = (stored: Record<string, unknown>, url: string): string[] =>
  ((stored[`desk:${url}`] as { pages?: string[] } | undefined)?.pages ?? []).map((name) => `page:${url}#${name}`);

/** A desk's messages as stored: its pages, joined in the order its record lists them. */
export const storedMessages = (stored: Record<string, unknown>, url: string): ChatMessage[] =>
  pageKeys(stored, url).flatMap((key) => stored[key] as ChatMessage[]);
