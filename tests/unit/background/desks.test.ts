import { describe, expect, it, vi } from 'vitest';
import { newDesk, type DeskRecord } from '../../../lib/background/desk';
import { FIRST_SCREEN_KEY, readFirstScreen, type FirstScreen } from '../../../lib/first-screen';
import { storeFirstScreen } from '../../../lib/background/first-screen';
import { startWorker } from '../../../lib/background/worker';
import {
  eventsOf,
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgToUi,
  type ChatSnapshot,
  type UiToBg,
} from '../../../lib/messaging';
import { DEFAULT_SETTINGS, type VisitorSettings } from '../../../lib/settings';
import { FakeDdp } from '../fakes/fake-ddp';
import { memoryArea } from '../fakes/storage-area';
import { quietWorkerDeps } from '../fakes/worker-deps';
import { testConfig } from '../ui/config';
import { createPortPair } from '../ui/port-pair';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const tick = async () => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

const openRoom = (url: string, rid: string, token: string): DeskRecord => ({
  ...newDesk(url, token),
  visitor: { id: 'V', username: 'guest', name: 'Ana', email: '', registered: true },
  room: { id: rid, open: true, confirmed: true },
});

const agentFrame = (id: string, rid: string, ts: number) => [
  { _id: id, rid, msg: `reply ${id}`, ts: { $date: ts }, u: { _id: 'AG', username: 'maria', name: 'Maria' } },
];

function setup(stored: Record<string, DeskRecord>, settings: VisitorSettings, clicked: string | null = null) {
  const ddps = new Map<string, FakeDdp>();
  /** Whether each desk's link was last told to be up. */
  const up = new Map<string, boolean>();
  let saved: Record<string, DeskRecord> = stored;
  const screens = { local: memoryArea(), session: memoryArea() };
  let watcher: ((s: VisitorSettings) => void) | undefined;
  const apis = {
    notifications: {
      create: vi.fn(async (id: string, _options: { title: string; message: string }) => id),
      clear: vi.fn(async () => true),
    },
    action: { setBadgeText: vi.fn(async () => {}), setBadgeBackgroundColor: vi.fn(async () => {}) },
  };
  const dropDesk = vi.fn(async () => {});
  let n = 0;
  const worker = startWorker({
    ...quietWorkerDeps(),
    loadSettings: async () => settings,
    watchSettings: (listener) => void (watcher = listener),
    loadDesks: async () => stored,
    saveDesks: async (desks) => void (saved = desks),
    dropDesk,
    createDdp: (url) => {
      const title = url === A ? 'Desk A' : 'Desk B';
      const ddp = new FakeDdp()
        .handle('livechat:setUpConnection', () => undefined)
        .handle('livechat:getInitialData', () => ({ enabled: true, title, color: url === A ? '#112233' : 'red' }))
        .handle('livechat:loadHistory', () => ({ messages: [] }))
        .handle('livechat:getAgentData', () => undefined)
        .handle('livechat:sendMessageLivechat', () => ({}));
      const [connect, disconnect] = [ddp.connect.bind(ddp), ddp.disconnect.bind(ddp)];
      ddp.connect = () => (connect(), up.set(url, true), undefined);
      ddp.disconnect = () => (disconnect(), up.set(url, false), undefined);
      ddps.set(url, ddp);
      return ddp;
    },
    newId: () => `id${(n += 1)}`,
    apis,
    clickedDesk: async () => clicked,
    saveFirstScreen: storeFirstScreen(screens),
    build: 'test-build',
    uiLanguage: () => 'de',
  });
  const open = () => {
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const events: BgEvent[] = [];
    const responses: BgToUi[] = [];
    ui.onMessage.addListener((m) => {
      if (m.kind === 'response') responses.push(m);
      events.push(...eventsOf(m));
    });
    void worker.attach(bg);
    let q = 0;
    const ask = async (op: string, params: unknown) => {
      q += 1;
      ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: `q${q}`, op, params } as UiToBg);
      await tick();
      return responses.find((r) => r.kind === 'response' && r.id === `q${q}`);
    };
    /** The state this UI shows: its last snapshot with every patch after it. */
    const view = (): ChatSnapshot => {
      const at = events.findLastIndex((e) => e.type === 'snapshot');
      const base = events[at]?.payload as ChatSnapshot;
      const patches = events.slice(at + 1).filter((e) => e.type === 'patch');
      return Object.assign({}, base, ...patches.map((e) => e.payload)) as ChatSnapshot;
    };
    return { ui, events, ask, view };
  };
  return {
    worker,
    ddps,
    linked: () => [...up].filter(([, on]) => on).map(([url]) => url),
    apis,
    dropDesk,
    open,
    saved: () => saved,
    /**
     * The stored first screen a page of this build reads (the session copy, else the local one: lib/first-screen.ts)
     * and what it shows of it (null: none stored, or it fails the check); each copy is checked to match it.
     */
    firstScreen: () => {
      const [session, local] = [screens.session.items[FIRST_SCREEN_KEY], screens.local.items[FIRST_SCREEN_KEY]];
      expect(local).toEqual(session);
      const screen = (session ?? local) as FirstScreen | undefined;
      const read = readFirstScreen(screen, 'test-build');
      return screen && { ...screen, snapshot: read?.snapshot ?? null, times: read?.times };
    },
    changeSettings: (s: VisitorSettings) => watcher?.(s),
  };
}

const TWO: VisitorSettings = { ...DEFAULT_SETTINGS, serverUrl: A, desks: [A, B] };

describe('several desks', () => {
  it('links only the desks that need it: the one a UI shows and one with an open room', async () => {
    const C = 'https://c.example.com';
    // Desks already known (their title and colour learnt before): a link only brings them what they need.
    const known = (desk: DeskRecord): DeskRecord => ({ ...desk, config: testConfig({ title: 'Known' }) });
    const { worker, linked, open } = setup(
      { [A]: known(newDesk(A, 'ta')), [B]: known(openRoom(B, 'RB', 'tb')), [C]: known(newDesk(C, 'tc')) },
      { ...TWO, desks: [A, B, C] },
    );
    await worker.ready;
    expect(linked()).toEqual([B]);
    const { ui, ask } = open();
    await tick();
    expect(linked()).toEqual([A, B]);
    expect(await ask('desk/focus', { desk: C })).toMatchObject({ ok: true });
    // The desk just left keeps its link a while (desk-registry.test.ts times it), while a chat is open.
    expect(linked()).toEqual([A, B, C]);
    ui.disconnect();
    await tick();
    expect(linked()).toEqual([B]);
  });

  it('links a desk it knows nothing about while a chat is open, to learn its title for the switcher', async () => {
    const { worker, ddps, linked, open } = setup({ [A]: openRoom(A, 'RA', 'ta') }, TWO);
    await worker.ready;
    expect(linked()).toEqual([A]);
    const { view } = open();
    await tick();
    expect(linked()).toEqual([A, B]);
    ddps.get(B)?.goOnline();
    await tick();
    expect(view().desks.find((desk) => desk.id === B)?.title).toBe('Desk B');
    expect(linked()).toEqual([A]);
  });

  it('gives each UI its desk: a desk list, a snapshot per desk, deltas of its desk only, requests on its desk', async () => {
    const { worker, ddps, open } = setup({ [A]: openRoom(A, 'RA', 'ta'), [B]: openRoom(B, 'RB', 'tb') }, TWO);
    await worker.ready;
    for (const ddp of ddps.values()) ddp.goOnline();
    const one = open();
    const two = open();
    await tick();
    expect(one.view().serverUrl).toBe(A);
    expect(one.view().desks).toEqual([
      { id: A, title: 'Desk A', colour: '#112233', unread: 0 },
      // A colour that is not #rgb/#rrggbb is not painted.
      { id: B, title: 'Desk B', colour: null, unread: 0 },
    ]);
    const focused = await two.ask('desk/focus', { desk: B });
    expect(focused, JSON.stringify(focused)).toMatchObject({ ok: true });
    expect(two.view().serverUrl).toBe(B);
    expect(two.view().room?.id).toBe('RB');
    expect(await two.ask('desk/focus', { desk: 'https://nowhere.example' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });

    ddps.get(B)?.emit('stream-room-messages', 'RB', agentFrame('b1', 'RB', 9000));
    await tick();
    expect(two.events.some((e) => e.type === 'message/upsert' && e.payload.id === 'b1')).toBe(true);
    expect(one.events.some((e) => e.type === 'message/upsert')).toBe(false);
    // Each port counts its own events: no gap on either, so neither asks for a resync.
    for (const { events } of [one, two]) expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

    await two.ask('chat/send', { text: 'to B' });
    const sent = (ui: typeof one) => ui.events.some((e) => e.type === 'message/upsert' && e.payload.text === 'to B');
    expect([sent(one), sent(two)]).toEqual([false, true]);
  });

  it('notifies a reply on a desk no UI shows, naming the desk, and badges the sum of every desk', async () => {
    const { worker, ddps, apis, open } = setup(
      { [A]: { ...openRoom(A, 'RA', 'ta'), unread: 2 }, [B]: openRoom(B, 'RB', 'tb') },
      TWO,
    );
    await worker.ready;
    for (const ddp of ddps.values()) ddp.goOnline();
    const ui = open();
    await tick();
    ddps.get(B)?.emit('stream-room-messages', 'RB', agentFrame('b1', 'RB', 9000));
    await tick();
    expect(apis.notifications.create).toHaveBeenCalledTimes(1);
    expect(apis.notifications.create.mock.calls[0]?.[0]).toBe(`lqs-desk:${B}`);
    expect(apis.notifications.create.mock.calls[0]?.[1].title).toContain('Desk B');
    await vi.waitFor(() => expect(apis.action.setBadgeText).toHaveBeenLastCalledWith({ text: '3' }));
    expect(ui.view().desks.map((desk) => desk.unread)).toEqual([2, 1]);
  });

  it('opens the chat of the desk whose notification was clicked', async () => {
    const { worker, ddps, firstScreen } = setup({ [A]: openRoom(A, 'RA', 'ta'), [B]: openRoom(B, 'RB', 'tb') }, TWO);
    await worker.ready;
    ddps.get(B)?.goOnline();
    ddps.get(B)?.emit('stream-room-messages', 'RB', agentFrame('b1', 'RB', 9000));
    await tick();
    expect(firstScreen()?.snapshot?.serverUrl).not.toBe(B);
    expect(worker.focusTarget(B)).toBe('b1');
    // The chat the click opens shows the stored first screen first: the clicked desk's, with its reply.
    await tick();
    expect(firstScreen()?.snapshot).toMatchObject({ serverUrl: B, messages: [{ id: 'b1' }] });
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const first = new Promise<BgToUi>((resolve) => ui.onMessage.addListener(resolve));
    void worker.attach(bg);
    expect(await first).toMatchObject({ type: 'snapshot', payload: { serverUrl: B } });
  });

  it('opens on the clicked desk even when the click woke a worker that had not heard of it', async () => {
    const { open } = setup({ [A]: openRoom(A, 'RA', 'ta'), [B]: openRoom(B, 'RB', 'tb') }, TWO, B);
    const ui = open();
    await tick();
    expect(ui.events[0]).toMatchObject({ type: 'snapshot', payload: { serverUrl: B } });
  });

  it('forgets a desk: its record and token leave storage, its permission goes, its UIs move on', async () => {
    const { worker, ddps, open, saved, dropDesk } = setup(
      { [A]: openRoom(A, 'RA', 'ta'), [B]: openRoom(B, 'RB', 'secret-b') },
      TWO,
    );
    await worker.ready;
    const ui = open();
    await ui.ask('desk/focus', { desk: B });
    ddps.get(B)?.emit('stream-room-messages', 'RB', agentFrame('b1', 'RB', 9000));
    expect(await ui.ask('desk/forget', { desk: B })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Object.keys(saved())).toEqual([A]);
    expect(JSON.stringify(saved())).not.toContain('secret-b');
    expect(dropDesk).toHaveBeenCalledWith(B);
    expect(ui.view().serverUrl).toBe(A);
    expect(ui.view().desks.map((desk) => desk.id)).toEqual([A]);
  });

  it('stores the first screen of the desk the next chat opens on, and none of a forgotten desk', async () => {
    const { worker, ddps, open, firstScreen } = setup(
      { [A]: openRoom(A, 'RA', 'ta'), [B]: openRoom(B, 'RB', 'secret-b') },
      TWO,
    );
    await worker.ready;
    const ui = open();
    await ui.ask('desk/focus', { desk: B });
    ddps.get(B)?.emit('stream-room-messages', 'RB', agentFrame('b1', 'RB', 9000));
    await tick();
    // Written when the last chat closes: what it showed is what the next one opens on.
    ui.ui.disconnect();
    await tick();
    expect(firstScreen()?.snapshot).toMatchObject({ serverUrl: B, messages: [{ id: 'b1', text: 'reply b1' }] });
    // With its time as the browser's language writes it: the page draws it without a formatter of its own.
    const day = new Intl.DateTimeFormat('de', { weekday: 'long', month: 'long', day: 'numeric' }).format(9000);
    const time = new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit' }).format(9000);
    expect(firstScreen()?.times).toEqual([{ tag: 'de', at: [[9000, new Date(9000).getTimezoneOffset(), time, day]] }]);
    const other = open();
    await tick();
    expect(other.view().serverUrl).toBe(B);
    expect(await other.ask('desk/forget', { desk: B })).toMatchObject({ ok: true });
    expect(firstScreen()?.snapshot?.serverUrl).toBe(A);
    expect(JSON.stringify(firstScreen())).not.toContain(B);
    expect(JSON.stringify(firstScreen())).not.toContain('reply b1');
  });

  it('rewrites the first screen when the current conversation is forgotten', async () => {
    const closed: DeskRecord = {
      ...openRoom(A, 'RA', 'ta'),
      room: { id: 'RA', open: false, confirmed: true },
      historyComplete: true,
      messages: [
        {
          id: 'a1',
          rid: 'RA',
          text: 'reply a1',
          ts: 9000,
          updatedAt: 9000,
          editedAt: null,
          author: { id: 'AG', username: 'maria', name: 'Maria' },
          from: 'agent',
          type: null,
          attachments: [],
        },
      ],
    };
    const { worker, open, firstScreen } = setup({ [A]: closed }, { ...DEFAULT_SETTINGS, serverUrl: A });
    await worker.ready;
    open().ui.disconnect();
    await tick();
    expect(JSON.stringify(firstScreen())).toContain('reply a1');
    const ui = open();
    await tick();
    expect(await ui.ask('history/forget', { roomId: 'RA' })).toMatchObject({ ok: true });
    expect(JSON.stringify(firstScreen())).not.toContain('reply a1');
    expect(firstScreen()?.snapshot).toMatchObject({ serverUrl: A, room: null, messages: [] });
  });

  it('removes the first screen from both storage areas when its last desk is removed from the settings', async () => {
    const { worker, ddps, open, firstScreen, changeSettings } = setup(
      { [A]: openRoom(A, 'RA', 'ta') },
      { ...DEFAULT_SETTINGS, serverUrl: A },
    );
    await worker.ready;
    const ui = open();
    await tick();
    ddps.get(A)?.emit('stream-room-messages', 'RA', agentFrame('a1', 'RA', 9000));
    ui.ui.disconnect();
    await tick();
    expect(JSON.stringify(firstScreen())).toContain('reply a1');
    changeSettings({ ...DEFAULT_SETTINGS, serverUrl: '', desks: [] });
    await tick();
    expect(firstScreen()).toBeUndefined();
  });

  it('follows the settings: a desk added starts, the default leads a new UI', async () => {
    const { worker, changeSettings, open } = setup({}, { ...DEFAULT_SETTINGS, serverUrl: A });
    await worker.ready;
    changeSettings({ ...TWO, serverUrl: B });
    await tick();
    const ui = open();
    await tick();
    expect(ui.view().serverUrl).toBe(B);
    expect(ui.view().desks.map((desk) => desk.id)).toEqual([A, B]);
  });
});
