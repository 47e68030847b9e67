import { describe, expect, it } from 'vitest';
import { newDesk, type DeskRecord, type PastRoom } from '../../../lib/background/desk';
import { createDeskStore, type StorageArea } from '../../../lib/background/desk-store';
import { startWorker } from '../../../lib/background/worker';
import type { ChatMessage } from '../../../lib/livechat/types';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { FakeDdp } from '../fakes/fake-ddp';
import { quietWorkerDeps } from '../fakes/worker-deps';

const URL_A = 'https://a.example.com';
const URL_B = 'https://b.example.com';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const line = (i: number) => `Message ${i}: the parcel left our depot this morning and should arrive tomorrow.`;
const msg = (id: string, rid: string, ts: number): ChatMessage => ({
  id,
  rid,
  text: line(ts),
  ts,
  updatedAt: ts,
  editedAt: null,
  author: { id: 'A', username: 'maria.agent', name: 'Maria' },
  from: 'agent',
  type: null,
  attachments: [],
});
const messages = (rid: string, count: number) => Array.from({ length: count }, (_, i) => msg(`${rid}-${i}`, rid, i));
const past = (id: string, count: number): PastRoom => ({
  id,
  agent: { name: 'Maria', username: 'maria.agent' },
  openedAt: 1,
  closedAt: 2,
  firstLine: 'hello',
  lastLine: 'bye',
  closed: true,
  messages: messages(id, count),
  historyComplete: true,
});

/** Two desks as a regular visitor has them: a live room with history, and a few past conversations each. */
function storedDesks(): Record<string, DeskRecord> {
  return {
    [URL_A]: {
      ...newDesk(URL_A, 'token-a'),
      room: { id: 'R1', open: true, confirmed: true },
      messages: messages('R1', 300),
      archive: Array.from({ length: 5 }, (_, i) => past(`PA${i}`, 100)),
    },
    [URL_B]: {
      ...newDesk(URL_B, 'token-b'),
      room: { id: 'RB', open: false, confirmed: true },
      messages: messages('RB', 200),
      archive: Array.from({ length: 3 }, (_, i) => past(`PB${i}`, 100)),
    },
  };
}

/**
 * Storage bytes written per agent message while a burst streams in, measured in the same run for the layout before
 * v5 (every desk, archive included, under one key on each save), for v5 (the changed desk's record, its cached
 * messages included) and for the keys the store writes now (v6: the record and the pages that changed).
 */
describe('storage written during a burst', () => {
  it('writes only the pages that changed: a fraction of what rewriting the desk or every desk did', async () => {
    let written = 0;
    const data = new Map<string, unknown>();
    const area: StorageArea = {
      get: async () => Object.fromEntries(data),
      set: async (items) => {
        written += JSON.stringify(items).length;
        for (const [k, v] of Object.entries(items)) data.set(k, v);
      },
      remove: async (keys) => keys.forEach((k) => data.delete(k)),
    };
    const store = createDeskStore(area, async () => undefined);
    // Stored as v5 already: the burst is measured, not the move.
    await store.save(storedDesks());
    written = 0;
    let wholeLayout = 0;
    let deskRecords = 0;
    let saves = 0;
    const ddp = new FakeDdp()
      .handle('livechat:setUpConnection', () => undefined)
      .handle('livechat:getInitialData', () => ({ title: 'Desk' }))
      .handle('livechat:loadHistory', () => ({ messages: [] }))
      .handle('livechat:getAgentData', () => undefined);
    const worker = startWorker({
      ...quietWorkerDeps(),
      loadSettings: async () => ({ ...DEFAULT_SETTINGS, serverUrl: URL_A, desks: [URL_A, URL_B] }),
      watchSettings: () => {},
      loadDesks: () => createDeskStore(area, async () => undefined).load(),
      saveDesks: async (desks) => {
        wholeLayout += JSON.stringify(desks).length;
        deskRecords += JSON.stringify({ ...desks[URL_A], archive: undefined }).length;
        saves += 1;
        await store.save(desks);
      },
      dropDesk: async () => {},
      createDdp: (url) => (url === URL_A ? ddp : new FakeDdp()),
      newId: () => 'id',
    });
    await worker.ready;
    ddp.goOnline();
    await sleep(300);
    written = 0;
    wholeLayout = 0;
    deskRecords = 0;
    saves = 0;
    const burst = 40;
    for (let i = 0; i < burst; i += 1) {
      const ts = 10_000 + i;
      ddp.emit('stream-room-messages', 'R1', [
        { _id: `burst-${i}`, rid: 'R1', msg: line(ts), ts: { $date: ts }, u: { _id: 'A', username: 'maria.agent' } },
      ]);
      await sleep(25);
    }
    await sleep(400);
    const { pages } = data.get(`desk:${URL_A}`) as { pages: string[] };
    const stored = pages.flatMap((name) => data.get(`page:${URL_A}#${name}`) as ChatMessage[]);
    expect(stored.at(-1)?.id).toBe(`burst-${burst - 1}`);
    expect(stored.filter((m) => m.id.startsWith('burst-')).map((m) => m.id)).toEqual(
      Array.from({ length: burst }, (_, i) => `burst-${i}`),
    );
    const before = Math.round(wholeLayout / burst);
    const v5 = Math.round(deskRecords / burst);
    const after = Math.round(written / burst);
    console.info(
      `storage bytes written per agent message in a burst of ${burst} (${saves} saves): ${before} before v5, ${v5} in v5, ${after} now`,
    );
    expect(after * 3).toBeLessThan(v5);
  });
});
