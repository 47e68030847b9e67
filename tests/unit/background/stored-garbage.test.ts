import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineDesksItem, newDesk } from '../../../lib/background/desk';
import { createDeskStore } from '../../../lib/background/desk-store';
import { startWorker } from '../../../lib/background/worker';
import { PORT_NAME, PROTOCOL_VERSION, type BgToUi, type ChatSnapshot, type UiToBg } from '../../../lib/messaging';
import { settingsItem } from '../../../lib/settings';
import { FakeDdp } from '../fakes/fake-ddp';
import { quietWorkerDeps } from '../fakes/worker-deps';
import { createPortPair } from '../ui/port-pair';

const URL_A = 'https://a.example.com';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const settings = { serverUrl: URL_A, name: '', email: '', notifications: true };
const good = { ...newDesk(URL_A, 'kept-token'), room: { id: 'R1', open: true, confirmed: true } };
const message = { id: 'm1', rid: 'R1', text: 'hi', ts: 1, updatedAt: 1, editedAt: null, from: 'agent', type: null };

/** Fourteen kinds of damage found in `storage.local`, each with whether the visitor's token survives it. */
const GARBAGE: Array<[string, Record<string, unknown>, 'kept' | 'new']> = [
  ['desks is a string', { desks: 'corrupt' }, 'new'],
  ['desks is an array', { desks: [1, 2, 3] }, 'new'],
  ['a null desk', { desks: { [URL_A]: null } }, 'new'],
  ['a null desk in version 1 data (the migration meets it)', { desks: { [URL_A]: null }, desks$: { v: 1 } }, 'new'],
  ['a desk that is a number', { desks: { [URL_A]: 42 } }, 'new'],
  ['a token that is not a string', { desks: { [URL_A]: { ...good, token: 42 } } }, 'new'],
  ['missing fields', { desks: { [URL_A]: { token: 'kept-token' } } }, 'kept'],
  ['a string for the messages', { desks: { [URL_A]: { ...good, messages: 'none' } } }, 'kept'],
  [
    'broken messages among good ones',
    { desks: { [URL_A]: { ...good, messages: [null, 5, { id: 7 }, { ...message, ts: 'x' }, message] } } },
    'kept',
  ],
  ['wrong types for visitor and room', { desks: { [URL_A]: { ...good, visitor: null, room: 'R1' } } }, 'kept'],
  [
    'a half config, agent, queue, caps and counters of the wrong type',
    {
      desks: {
        [URL_A]: {
          ...good,
          config: { departments: 'x', messages: null },
          agent: 5,
          queue: [],
          caps: null,
          unread: '3',
          notifiedUpTo: null,
        },
      },
    },
    'kept',
  ],
  ['a desk key (layout v5) that is a string', { deskLayout: 5, [`desk:${URL_A}`]: 'corrupt' }, 'new'],
  [
    'an archive key (layout v5) that is not a list',
    { deskLayout: 5, [`desk:${URL_A}`]: good, [`past:${URL_A}`]: 'corrupt' },
    'kept',
  ],
  ['settings of the wrong types', { settings: { serverUrl: URL_A, notifications: 'yes', name: 5 } }, 'new'],
];

/** Each test's worker; a finished test's worker stops writing, so it cannot touch the next test's storage. */
let alive = { on: false };

function start() {
  alive.on = false;
  const mine = (alive = { on: true });
  const ddp = new FakeDdp()
    .handle('livechat:setUpConnection', () => undefined)
    .handle('livechat:getInitialData', () => ({ title: 'Desk A' }))
    .handle('livechat:loadHistory', () => ({ messages: [] }))
    .handle('livechat:getAgentData', () => undefined);
  const store = createDeskStore(fakeBrowser.storage.local, () => defineDesksItem().getValue());
  let n = 0;
  const worker = startWorker({
    ...quietWorkerDeps(),
    loadSettings: () => settingsItem.getValue(),
    watchSettings: () => {},
    loadDesks: () => store.load(),
    dropDesk: async () => {},
    saveDesks: async (desks) => {
      if (mine.on) await store.save(desks);
    },
    createDdp: () => ddp,
    newId: () => `id${(n += 1)}`,
  });
  return { worker, ddp };
}

describe('damaged storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each(GARBAGE)(
    '%s: the worker starts, the chat is usable and says it reset something',
    async (_, stored, token) => {
      await fakeBrowser.storage.local.set({ settings, ...stored });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { worker, ddp } = start();
      await expect(worker.ready).resolves.toBeUndefined();
      const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
      const received: BgToUi[] = [];
      ui.onMessage.addListener((m) => void received.push(m));
      void worker.attach(bg);
      await tick();
      const first = received[0];
      const snapshot = (first?.kind === 'event' && first.type === 'snapshot' ? first.payload : null) as ChatSnapshot;
      expect(snapshot.serverUrl).toBe(URL_A);
      expect(snapshot.notice).toBe('storage-reset');
      ddp.goOnline();
      ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/send', params: { text: 'hello' } });
      await vi.waitFor(() => expect(received.some((m) => m.kind === 'response' && m.id === 'q1' && m.ok)).toBe(true));
      const storedToken = async () =>
        ((await fakeBrowser.storage.local.get(`desk:${URL_A}`))[`desk:${URL_A}`] as { token?: string } | undefined)
          ?.token;
      await vi.waitFor(async () => expect(await storedToken()).toBeTruthy());
      expect(await storedToken()).toBe(token === 'kept' ? 'kept-token' : 'fresh-token');
      warn.mockRestore();
      error.mockRestore();
    },
  );

  it('says nothing when what is stored is sound', async () => {
    await fakeBrowser.storage.local.set({ settings, desks: { [URL_A]: good }, desks$: { v: 2 } });
    const { worker } = start();
    await worker.ready;
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const received: BgToUi[] = [];
    ui.onMessage.addListener((m) => void received.push(m));
    void worker.attach(bg);
    await tick();
    const first = received[0];
    expect(first?.kind === 'event' && first.type === 'snapshot' && first.payload.notice).toBeNull();
    expect(first?.kind === 'event' && first.type === 'snapshot' && first.payload.room?.id).toBe('R1');
  });
});
