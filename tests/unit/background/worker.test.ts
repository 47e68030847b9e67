import { describe, expect, it, vi } from 'vitest';
import { newDesk, type DeskRecord } from '../../../lib/background/desk';
import { BADGE_DELAY_MS } from '../../../lib/background/notifier';
import { startWorker } from '../../../lib/background/worker';
import type { ChatMessage } from '../../../lib/livechat/types';
import { eventsOf, PORT_NAME, PROTOCOL_VERSION, type BgEvent, type BgToUi, type UiToBg } from '../../../lib/messaging';
import { DEFAULT_SETTINGS, type VisitorSettings } from '../../../lib/settings';
import { FakeDdp } from '../fakes/fake-ddp';
import { quietWorkerDeps } from '../fakes/worker-deps';
import { deepMd, jsonDepth } from '../fakes/hostile-message';
import { createPortPair } from '../ui/port-pair';

const URL_A = 'https://a.example.com';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Waits until the badge has followed the unread count (it waits `BADGE_DELAY_MS`). */
const badged = () => new Promise((resolve) => setTimeout(resolve, BADGE_DELAY_MS + 10));

function setup(
  stored: Record<string, DeskRecord> = {},
  settings: VisitorSettings = { ...DEFAULT_SETTINGS, serverUrl: URL_A },
  fits: (desks: Record<string, DeskRecord>) => boolean = () => true,
) {
  const ddps: FakeDdp[] = [];
  let watcher: ((s: VisitorSettings) => void) | undefined;
  const saved: Array<Record<string, DeskRecord>> = [];
  const apis = {
    notifications: { create: vi.fn(async (id: string) => id), clear: vi.fn(async () => true) },
    action: { setBadgeText: vi.fn(async () => {}), setBadgeBackgroundColor: vi.fn(async () => {}) },
  };
  const keepAlive = vi.fn();
  let n = 0;
  const worker = startWorker({
    ...quietWorkerDeps(),
    loadSettings: async () => settings,
    watchSettings: (listener) => {
      watcher = listener;
    },
    loadDesks: async () => stored,
    dropDesk: async () => {},
    saveDesks: async (desks) => {
      if (!fits(desks)) throw new Error('QUOTA_BYTES quota exceeded');
      saved.push(desks);
    },
    createDdp: () => {
      const ddp = new FakeDdp()
        .handle('livechat:setUpConnection', () => undefined)
        .handle('livechat:getInitialData', () => ({ title: 'Desk A' }))
        .handle('livechat:loadHistory', () => ({ messages: [] }))
        .handle('livechat:getAgentData', () => undefined);
      ddps.push(ddp);
      return ddp;
    },
    newId: () => `id${(n += 1)}`,
    apis,
    keepAlive,
  });
  const open = (maxDepth = Number.POSITIVE_INFINITY) => {
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const post = bg.postMessage.bind(bg);
    // Chrome's port serialiser gives up on values nested too deep, throwing from postMessage.
    bg.postMessage = (message) => {
      if (jsonDepth(message) > maxDepth) throw new Error('Maximum call stack size exceeded');
      post(message);
    };
    const events: BgEvent[] = [];
    ui.onMessage.addListener((m) => void events.push(...eventsOf(m)));
    void worker.attach(bg);
    return { ui, events };
  };
  return { worker, ddps, apis, keepAlive, saved, open, changeSettings: (s: VisitorSettings) => watcher?.(s) };
}

/** Roughly `storage.local`'s 10 MB quota. */
const underQuota = (desks: Record<string, DeskRecord>) => JSON.stringify(desks).length <= 10 * 1024 * 1024;

const agentFrameMessage = (id: string, ts: number): ChatMessage => ({
  id,
  rid: 'R1',
  text: `reply ${id}`,
  ts,
  updatedAt: ts,
  editedAt: null,
  author: { id: 'a', username: 'alice', name: 'Alice' },
  from: 'agent',
  type: null,
  attachments: [],
});

const agentFrame = (id: string, ts: number) => [
  {
    _id: id,
    rid: 'R1',
    msg: `reply ${id}`,
    ts: { $date: ts },
    u: { _id: 'A', username: 'maria.agent', name: 'Maria' },
  },
];

describe('worker', () => {
  it('restores the persisted desk before the first snapshot, then sends numbered deltas', async () => {
    const desk = { ...newDesk(URL_A, 'kept-token'), room: { id: 'R1', open: true, confirmed: true }, unread: 2 };
    const { open, ddps } = setup({ [URL_A]: desk });
    const { events } = open();
    await tick();
    expect(events[0]?.type).toBe('snapshot');
    const snapshot = events[0]?.type === 'snapshot' ? events[0].payload : null;
    expect(snapshot?.room).toEqual({ id: 'R1', open: true, surveySent: false, transcriptSent: false });
    expect(snapshot?.hasOlder).toBe(true);
    expect(snapshot?.unread).toBe(2);
    ddps[0]?.goOnline();
    ddps[0]?.emit('stream-room-messages', 'R1', agentFrame('m1', 9000));
    await tick();
    const seqs = events.slice(1).map((e) => e.seq);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(events.some((e) => e.type === 'message/upsert' && e.payload.id === 'm1')).toBe(true);
  });

  it('notifies and badges agent replies only while no chat UI is open', async () => {
    const desk = { ...newDesk(URL_A, 't'), room: { id: 'R1', open: true, confirmed: true } };
    const { worker, ddps, apis, open } = setup({ [URL_A]: desk });
    await worker.ready;
    const ddp = ddps[0];
    ddp?.goOnline();
    await tick();
    ddp?.emit('stream-room-messages', 'R1', agentFrame('m1', 9000));
    await tick();
    expect(apis.notifications.create).toHaveBeenCalledTimes(1);
    expect(apis.notifications.create.mock.calls[0]?.[0]).toBe(`lqs-desk:${URL_A}`);
    await badged();
    expect(apis.action.setBadgeText).toHaveBeenLastCalledWith({ text: '1' });

    const { ui } = open();
    await tick();
    ddp?.emit('stream-room-messages', 'R1', agentFrame('m2', 9001));
    await tick();
    expect(apis.notifications.create).toHaveBeenCalledTimes(1);
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/seen', params: null });
    await badged();
    expect(apis.action.setBadgeText).toHaveBeenLastCalledWith({ text: '' });
    expect(apis.notifications.clear).toHaveBeenCalledWith(`lqs-desk:${URL_A}`);
  });

  it('an agent reply reaches an open chat before the worker touches the badge', async () => {
    const desk = { ...newDesk(URL_A, 't'), room: { id: 'R1', open: true, confirmed: true } };
    const { worker, ddps, apis, open } = setup({ [URL_A]: desk });
    await worker.ready;
    ddps[0]?.goOnline();
    const { events } = open();
    await badged();
    apis.action.setBadgeText.mockClear();
    ddps[0]?.emit('stream-room-messages', 'R1', agentFrame('m1', 9000));
    // The port message leaves at the end of the task (a microtask); the badge's toolbar call waits.
    await Promise.resolve();
    await Promise.resolve();
    expect(events.some((e) => e.type === 'message/upsert' && e.payload.id === 'm1')).toBe(true);
    expect(apis.action.setBadgeText).not.toHaveBeenCalled();
    await badged();
    expect(apis.action.setBadgeText).toHaveBeenLastCalledWith({ text: '1' });
  });

  it('announces a reply that reached a chat UI as it closed, unless the UI saw it', async () => {
    const desk = { ...newDesk(URL_A, 't'), room: { id: 'R1', open: true, confirmed: true } };
    const { worker, ddps, apis, open } = setup({ [URL_A]: desk });
    await worker.ready;
    const ddp = ddps[0];
    ddp?.goOnline();
    const closing = open().ui;
    await tick();
    ddp?.emit('stream-room-messages', 'R1', agentFrame('m1', 9000));
    await tick();
    expect(apis.notifications.create).not.toHaveBeenCalled();
    closing.disconnect();
    await tick();
    expect(apis.notifications.create.mock.calls.map((call) => call[0])).toEqual([`lqs-desk:${URL_A}`]);

    const seeing = open().ui;
    await tick();
    ddp?.emit('stream-room-messages', 'R1', agentFrame('m2', 9001));
    await tick();
    seeing.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/seen', params: null });
    await tick();
    seeing.disconnect();
    await tick();
    expect(apis.notifications.create).toHaveBeenCalledTimes(1);
  });

  it('keeps the link up only while a UI is open or a room is open', async () => {
    const { worker, ddps, open, keepAlive } = setup();
    await worker.ready;
    const ddp = ddps[0];
    expect(ddp?.disconnects).toBe(1);
    const { ui } = open();
    await tick();
    expect(ddp?.connects).toBe(1);
    ui.disconnect();
    await tick();
    expect(ddp?.disconnects).toBe(2);
    expect(keepAlive).toHaveBeenLastCalledWith(false);
  });

  it('answers requests, and says clearly when no desk is configured', async () => {
    const { open } = setup({}, DEFAULT_SETTINGS);
    const { ui, events } = open();
    const responses: BgToUi[] = [];
    ui.onMessage.addListener((m) => {
      if (m.kind === 'response') responses.push(m);
    });
    await tick();
    expect(events[0]?.type === 'snapshot' && events[0].payload.connection).toEqual({ state: 'unconfigured' });
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/send', params: { text: 'hi' } });
    await tick();
    await tick();
    expect(responses[0]).toMatchObject({
      id: 'q1',
      ok: false,
      error: { message: expect.stringMatching(/options page/) },
    });
  });

  it("sends a chat to the organization's managed department unless the visitor picked one", async () => {
    const { open, ddps } = setup({}, { ...DEFAULT_SETTINGS, serverUrl: URL_A, department: 'sales' });
    const { ui } = open();
    await tick();
    const ddp = ddps[0];
    ddp?.handle('livechat:registerGuest', () => ({ visitor: { _id: 'V1', username: 'guest-1', token: 't' } }));
    ddp?.goOnline();
    await tick();
    const register = (id: string, params: { name: string; email: string; department?: string }) =>
      ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id, op: 'chat/register', params });
    register('q1', { name: 'Ana', email: 'ana@example.com' });
    await vi.waitFor(() => expect(ddp?.callsTo('livechat:registerGuest')).toHaveLength(1));
    register('q2', { name: 'Ana', email: 'ana@example.com', department: 'support' });
    await vi.waitFor(() => expect(ddp?.callsTo('livechat:registerGuest')).toHaveLength(2));
    const departments = ddp
      ?.callsTo('livechat:registerGuest')
      .map((c) => (c.params[0] as { department?: string }).department);
    expect(departments).toEqual(['sales', 'support']);
  });

  it('answers a request a UI sent before the worker finished restoring', async () => {
    const { open } = setup({}, DEFAULT_SETTINGS);
    const { ui } = open();
    const responses: BgToUi[] = [];
    ui.onMessage.addListener((m) => {
      if (m.kind === 'response') responses.push(m);
    });
    // Sent in the same turn as the port connected: the worker is still reading storage and policy.
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'early', op: 'chat/send', params: { text: 'hi' } });
    await vi.waitFor(() => expect(responses.map((r) => (r.kind === 'response' ? r.id : ''))).toEqual(['early']));
  });

  it('does not miss a server saved while the worker is still restoring', async () => {
    const { worker, changeSettings, open } = setup({}, DEFAULT_SETTINGS);
    changeSettings({ ...DEFAULT_SETTINGS, serverUrl: URL_A });
    await worker.ready;
    const { events } = open();
    await tick();
    const last = events.filter((e) => e.type === 'snapshot').at(-1);
    expect(last?.type === 'snapshot' && last.payload.serverUrl).toBe(URL_A);
  });

  it('stays quiet when the visitor turned notifications off, but still counts on the badge', async () => {
    const desk = { ...newDesk(URL_A, 't'), room: { id: 'R1', open: true, confirmed: true } };
    const { worker, ddps, apis } = setup(
      { [URL_A]: desk },
      { ...DEFAULT_SETTINGS, serverUrl: URL_A, notifications: false },
    );
    await worker.ready;
    ddps[0]?.goOnline();
    await tick();
    ddps[0]?.emit('stream-room-messages', 'R1', agentFrame('m1', 9000));
    await tick();
    expect(apis.notifications.create).not.toHaveBeenCalled();
    await badged();
    expect(apis.action.setBadgeText).toHaveBeenLastCalledWith({ text: '1' });
  });

  it('switches desk when the server setting changes, keeping each desk stored', async () => {
    const { worker, changeSettings, open, ddps } = setup();
    await worker.ready;
    const { events } = open();
    await tick();
    changeSettings({ ...DEFAULT_SETTINGS, serverUrl: 'https://b.example.com' });
    await tick();
    const last = events.filter((e) => e.type === 'snapshot').at(-1);
    expect(last?.type === 'snapshot' && last.payload.serverUrl).toBe('https://b.example.com');
    expect(ddps).toHaveLength(2);
  });

  it('saves what a restart needs when the whole conversation does not fit in storage', async () => {
    const desk = { ...newDesk(URL_A, 't'), room: { id: 'R1', open: true, confirmed: true } };
    const fits = (desks: Record<string, DeskRecord>) => (desks[URL_A]?.messages.length ?? 0) <= 60;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { worker, ddps, saved, open } = setup({ [URL_A]: desk }, undefined, fits);
    await worker.ready;
    const { ui } = open();
    ddps[0]?.goOnline();
    await tick();
    for (let i = 0; i < 100; i += 1) ddps[0]?.emit('stream-room-messages', 'R1', agentFrame(`m${i}`, 9000 + i));
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/send', params: { text: 'typed' } });
    await vi.waitFor(() => expect(saved.at(-1)?.[URL_A]?.messages.some((m) => m.text === 'typed')).toBe(true));
    const kept = saved.at(-1)?.[URL_A];
    expect(kept?.token).toBe('t');
    expect(kept?.room?.id).toBe('R1');
    expect(kept?.messages.filter((m) => m.from === 'agent').map((m) => m.id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `m${i + 50}`),
    );
    expect(warn).toHaveBeenCalled();
  });

  it('keeps every chat UI updating after a message whose markdown is nested 5 000 deep', async () => {
    const desk = { ...newDesk(URL_A, 't'), room: { id: 'R1', open: true, confirmed: true } };
    const { worker, ddps, open } = setup({ [URL_A]: desk });
    await worker.ready;
    const { ui, events } = open(1000);
    const lost = vi.fn();
    ui.onDisconnect.addListener(lost);
    ddps[0]?.goOnline();
    await tick();
    const [deep] = agentFrame('deep', 9000);
    ddps[0]?.emit('stream-room-messages', 'R1', [{ ...deep, md: deepMd(5000) }]);
    ddps[0]?.emit('stream-room-messages', 'R1', agentFrame('after', 9001));
    await tick();
    const shown = events.flatMap((e) => (e.type === 'message/upsert' ? [e.payload.id] : []));
    expect(shown).toEqual(['deep', 'after']);
    expect(lost).not.toHaveBeenCalled();
    const late = open(1000);
    await tick();
    expect(late.events[0]?.type === 'snapshot' && late.events[0].payload.messages.map((m) => m.id)).toEqual([
      'deep',
      'after',
    ]);
  });

  it('keeps saving what the visitor types after a message over the storage quota', async () => {
    const desk = { ...newDesk(URL_A, 't'), room: { id: 'R1', open: true, confirmed: true } };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { worker, ddps, saved, open } = setup({ [URL_A]: desk }, undefined, underQuota);
    await worker.ready;
    const { ui } = open();
    ddps[0]?.goOnline();
    await tick();
    const [giant] = agentFrame('giant', 9000);
    ddps[0]?.emit('stream-room-messages', 'R1', [{ ...giant, msg: 'x'.repeat(11 * 1024 * 1024) }]);
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/send', params: { text: 'typed' } });
    await vi.waitFor(() => expect(saved.at(-1)?.[URL_A]?.messages.some((m) => m.text === 'typed')).toBe(true));
    expect(saved.at(-1)?.[URL_A]).toMatchObject({ token: 't', room: { id: 'R1' } });
    warn.mockRestore();
  });

  it('keeps a closed chat as a past conversation on chat/new, lists it over the port and stores it within budget', async () => {
    const old = (id: string, ts: number) => ({
      id,
      agent: null,
      openedAt: ts,
      closedAt: ts,
      firstLine: id,
      lastLine: id,
      closed: true,
      messages: [{ ...agentFrameMessage(id, ts), rid: id, text: 'x'.repeat(1_100_000) }],
      historyComplete: true,
    });
    const desk: DeskRecord = {
      ...newDesk(URL_A, 't'),
      room: { id: 'R1', open: false, confirmed: true },
      messages: [agentFrameMessage('m1', 100)],
      archive: [old('oldest', 1), old('older', 2)],
    };
    const { open, saved } = setup({ [URL_A]: desk });
    const { ui } = open();
    const responses: BgToUi[] = [];
    ui.onMessage.addListener((m) => {
      if (m.kind === 'response') responses.push(m);
    });
    await tick();
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/new', params: null });
    await tick();
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q2', op: 'history/list', params: null });
    await vi.waitFor(() => expect(responses).toHaveLength(2));
    // 2 MB per desk: the oldest closed conversation went to make room for the new one.
    expect(responses[1]).toMatchObject({
      ok: true,
      result: { conversations: [{ id: 'R1', current: false }, { id: 'older' }], trimmed: true },
    });
    await vi.waitFor(() => expect(saved.at(-1)?.[URL_A]?.archive.map((p) => p.id)).toEqual(['older', 'R1']));
    expect(saved.at(-1)?.[URL_A]).toMatchObject({ room: null, archiveTrimmed: true });
  });
});
