import { describe, expect, it, vi } from 'vitest';
import { createChatState } from '../../../lib/background/chat-state';
import { newDesk, type DeskRecord } from '../../../lib/background/desk';
import { createSession } from '../../../lib/background/session';
import { createLivechatApi } from '../../../lib/livechat/api';
import { createCapabilities } from '../../../lib/livechat/paths';
import { createRestClient } from '../../../lib/livechat/rest';
import type { ChatMessage } from '../../../lib/livechat/types';
import { chatMessage } from '../fakes/chat-message';
import { FakeDdp, meteorError } from '../fakes/fake-ddp';

const TOKEN = 'visitor-token';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(desk: DeskRecord = newDesk('https://chat.example.com', TOKEN), learnt: Record<string, string> = {}) {
  const ddp = new FakeDdp();
  let n = 0;
  const saved: DeskRecord[] = [];
  const state = createChatState(desk, (d) => saved.push(d));
  const caps = createCapabilities(learnt);
  const rest = createRestClient({
    baseUrl: desk.serverUrl,
    fetch: async () => new Response('{}', { status: 404 }),
    token: () => TOKEN,
  });
  const api = createLivechatApi({ ddp, rest, caps, baseUrl: desk.serverUrl, token: () => TOKEN });
  const agentMessages = vi.fn<(messages: ChatMessage[]) => void>();
  const session = createSession({
    state,
    ddp,
    api,
    clock: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as never),
      now: () => 1000 + n,
    },
    newId: () => `id${(n += 1)}`,
    defaults: async () => ({ name: 'Ana', email: 'ana@example.com' }),
    agentMessages,
  });
  ddp
    .handle('livechat:setUpConnection', () => undefined)
    .handle('livechat:getInitialData', () => ({ title: 'Desk', online: true, room: null }))
    .handle('livechat:registerGuest', ([v]) => ({
      userId: 'V1',
      visitor: { _id: 'V1', token: TOKEN, username: 'guest-7', name: (v as { name?: string }).name },
    }))
    .handle('sendMessageLivechat', ([p]) => {
      const { _id, msg } = p as { _id: string; msg: string };
      return { _id, rid: 'SERVER-ROOM', msg, token: TOKEN, ts: { $date: 2000 }, u: { _id: 'V1', username: 'guest-7' } };
    })
    .handle('livechat:getAgentData', () => undefined)
    .handle('livechat:loadHistory', () => ({ messages: [] }));
  return { ddp, state, session, agentMessages, saved };
}

const agentMessage = (id: string, rid: string, ts: number) => ({
  _id: id,
  rid,
  msg: `agent says ${id}`,
  ts: { $date: ts },
  u: { _id: 'A1', username: 'maria.agent', name: 'Maria' },
});

describe('session', () => {
  it('queues a message typed while offline and delivers it once connected, adopting the server room', async () => {
    const { ddp, state, session } = setup();
    const id = session.send('  Hello there  ');
    expect(state.desk.messages).toMatchObject([{ id, text: 'Hello there', delivery: 'pending' }]);
    expect(ddp.callsTo('sendMessageLivechat')).toHaveLength(0);

    ddp.goOnline();
    await vi.waitFor(() => expect(state.desk.messages[0]?.delivery).toBe('sent'));
    expect(ddp.callsTo('livechat:registerGuest')[0]?.params).toEqual([
      { token: TOKEN, name: 'Ana', email: 'ana@example.com' },
    ]);
    const sent = ddp.callsTo('sendMessageLivechat');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.params[0]).toMatchObject({ _id: id });
    expect(state.desk.room).toEqual({ id: 'SERVER-ROOM', open: true, confirmed: true });
    expect(state.desk.messages[0]?.rid).toBe('SERVER-ROOM');
    const subscribed = ddp.subs.map((s) => `${s.name} ${String(s.params[0])}`);
    expect(subscribed).toContain('stream-room-messages SERVER-ROOM');
    expect(subscribed).toContain('stream-livechat-room SERVER-ROOM');
    expect(subscribed).toContain('stream-notify-room SERVER-ROOM/user-activity');
    expect(session.needsConnection()).toBe(true);
  });

  it("listens to typing on the line's one event name: <rid>/typing on 3.x, <rid>/user-activity otherwise", async () => {
    for (const [learnt, event, other] of [
      [{ '@line': '3.18', typing: 'typing' }, 'typing', 'user-activity'],
      [{}, 'user-activity', 'typing'],
    ] as const) {
      const { ddp, state, session } = setup(undefined, learnt);
      ddp.goOnline();
      session.send('hi');
      await vi.waitFor(() => expect(state.desk.room?.confirmed).toBe(true));
      const subscribed = ddp.subs.map((sub) => `${sub.name} ${String(sub.params[0])}`);
      expect(subscribed).toContain(`stream-notify-room SERVER-ROOM/${event}`);
      expect(subscribed).not.toContain(`stream-notify-room SERVER-ROOM/${other}`);
    }
  });

  it('asks for the agent only once the room shows one serving it (7.x+ refuse agent.info before)', async () => {
    const { ddp, state, session } = setup();
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.room?.confirmed).toBe(true));
    await vi.waitFor(() => expect(ddp.callsTo('livechat:loadHistory').length).toBeGreaterThan(0));
    await flush();
    expect(ddp.callsTo('livechat:getAgentData')).toHaveLength(0);
    ddp.handle('livechat:getAgentData', () => ({
      _id: 'A1',
      username: 'maria.agent',
      name: 'Maria',
      status: 'online',
    }));
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [
      {
        _id: 'uj1',
        rid: 'SERVER-ROOM',
        t: 'uj',
        msg: '',
        ts: { $date: 3000 },
        u: { _id: 'A1', username: 'maria.agent' },
      },
    ]);
    await vi.waitFor(() => expect(state.desk.agent?.username).toBe('maria.agent'));
    expect(ddp.callsTo('livechat:getAgentData')).toHaveLength(1);
  });

  it('subscribes to a remembered room only once the config says it is open, on lines that refuse closed rooms', async () => {
    for (const [learnt, early] of [
      [{}, true],
      [{ '@line': '8.9', restoredRoom: 'after-config' }, false],
    ] as const) {
      const desk = { ...newDesk('https://chat.example.com', TOKEN), room: { id: 'OLD', open: true, confirmed: true } };
      const { ddp } = setup(desk, learnt);
      expect(ddp.subs.some((sub) => sub.params[0] === 'OLD')).toBe(early);
      // The room closed while the worker slept: the config names no open room.
      ddp.goOnline();
      await flush();
      await flush();
      expect(ddp.subs.some((sub) => sub.params[0] === 'OLD')).toBe(early);
    }
  });

  it('keeps the room it held among the past conversations when the server names another one as open', async () => {
    const desk: DeskRecord = {
      ...newDesk('https://chat.example.com', TOKEN),
      room: { id: 'OLD', open: true, confirmed: true },
      messages: [chatMessage('o1', 10, { rid: 'OLD', text: 'earlier words' })],
    };
    const { ddp, state } = setup(desk);
    ddp.handle('livechat:getInitialData', () => ({ title: 'Desk', room: { _id: 'NEW', open: true } }));
    ddp.goOnline();
    await vi.waitFor(() => expect(state.desk.room?.id).toBe('NEW'));
    expect(state.desk.archive).toMatchObject([{ id: 'OLD', closed: true, firstLine: 'earlier words' }]);
    expect(state.desk.archive[0]?.messages.map((m) => m.id)).toEqual(['o1']);
    expect(state.desk.messages.some((m) => m.rid === 'OLD')).toBe(false);
  });

  it("still hears a room the visitor closed until the server's livechat-close arrives", async () => {
    const { ddp, state, session } = setup();
    ddp.handle('livechat:closeByVisitor', () => true);
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.room?.confirmed).toBe(true));
    await session.actions.close();
    expect(state.desk.room?.open).toBe(false);
    const roomSubs = () => ddp.subs.filter((sub) => String(sub.params[0]).startsWith('SERVER-ROOM'));
    expect(roomSubs().some((sub) => sub.stopped)).toBe(false);
    const close = { _id: 'c2', rid: 'SERVER-ROOM', t: 'livechat-close', msg: '', ts: { $date: 3000 }, token: TOKEN };
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [{ ...close, u: { _id: 'V1', username: 'guest-7' } }]);
    await vi.waitFor(() => expect(state.desk.messages.map((m) => m.id)).toContain('c2'));
    expect(roomSubs().every((sub) => sub.stopped)).toBe(true);
  });

  it('stops listening to a room once it is closed', async () => {
    const { ddp, state, session } = setup();
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.room?.confirmed).toBe(true));
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [
      {
        _id: 'c1',
        rid: 'SERVER-ROOM',
        t: 'livechat-close',
        msg: '',
        ts: { $date: 3000 },
        u: { _id: 'A1', username: 'maria.agent' },
      },
    ]);
    await vi.waitFor(() => expect(state.desk.room?.open).toBe(false));
    expect(ddp.subs.filter((sub) => String(sub.params[0]).startsWith('SERVER-ROOM')).every((sub) => sub.stopped)).toBe(
      true,
    );
  });

  it('reads back what the room said before its subscriptions were ready', async () => {
    const { ddp, state, session } = setup();
    ddp.handle('livechat:loadHistory', () => ({ messages: [agentMessage('early', 'SERVER-ROOM', 2500)] }));
    ddp.handle('livechat:getAgentData', () => ({
      _id: 'A1',
      username: 'maria.agent',
      name: 'Maria',
      status: 'online',
    }));
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.messages.map((m) => m.id)).toContain('early'));
    await vi.waitFor(() => expect(state.desk.agent?.name).toBe('Maria'));
  });

  it('shows agent messages once, counts them unread and reports them for notification', async () => {
    const { ddp, state, session, agentMessages } = setup();
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.room?.confirmed).toBe(true));
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [agentMessage('a1', 'SERVER-ROOM', 3000)]);
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [agentMessage('a1', 'SERVER-ROOM', 3000)]);
    ddp.emit('stream-room-messages', 'OTHER-ROOM', [agentMessage('a2', 'OTHER-ROOM', 3001)]);
    expect(state.desk.messages.filter((m) => m.from === 'agent').map((m) => m.id)).toEqual(['a1']);
    expect(state.desk.unread).toBe(1);
    expect(agentMessages).toHaveBeenCalledTimes(1);
    session.seen();
    expect(state.desk.unread).toBe(0);
  });

  it('follows agent data, typing, deletes and the close of the room', async () => {
    const { ddp, state, session } = setup();
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.room?.confirmed).toBe(true));
    ddp.emit('stream-livechat-room', 'SERVER-ROOM', [
      { type: 'agentData', data: { _id: 'A1', username: 'maria.agent', name: 'Maria', status: 'online' } },
    ]);
    expect(state.desk.agent?.name).toBe('Maria');
    ddp.emit('stream-notify-room', 'SERVER-ROOM/user-activity', ['Maria', ['user-typing'], {}]);
    expect(state.snapshot().agentTyping).toBe('Maria');
    ddp.emit('stream-notify-room', 'SERVER-ROOM/user-activity', ['Maria', [], {}]);
    expect(state.snapshot().agentTyping).toBeNull();
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [agentMessage('a1', 'SERVER-ROOM', 3000)]);
    ddp.emit('stream-notify-room', 'SERVER-ROOM/deleteMessage', [{ _id: 'a1' }]);
    expect(state.desk.messages.some((m) => m.id === 'a1')).toBe(false);
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [
      { _id: 'c1', rid: 'SERVER-ROOM', t: 'livechat-close', msg: 'Bye', ts: { $date: 4000 }, u: { _id: 'A1' } },
    ]);
    expect(state.desk.room?.open).toBe(false);
    expect(session.needsConnection()).toBe(false);
  });

  it("an agent's message read back again (a catch-up after the subscriptions) does not end their typing", async () => {
    const { ddp, state, session } = setup();
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.room?.confirmed).toBe(true));
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [agentMessage('a1', 'SERVER-ROOM', 3000)]);
    ddp.emit('stream-notify-room', 'SERVER-ROOM/user-activity', ['Maria', ['user-typing'], {}]);
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [agentMessage('a1', 'SERVER-ROOM', 3000)]);
    expect(state.snapshot().agentTyping).toBe('Maria');
    ddp.emit('stream-room-messages', 'SERVER-ROOM', [agentMessage('a2', 'SERVER-ROOM', 5000)]);
    expect(state.snapshot().agentTyping).toBeNull();
  });

  it('marks a permanently refused message failed, and retry sends it again with the same id', async () => {
    const { ddp, state, session } = setup();
    let refuse = true;
    ddp.handle('sendMessageLivechat', ([p]) => {
      if (refuse) throw meteorError('message-length-exceeds-character-limit', 'Too long');
      const { _id, msg } = p as { _id: string; msg: string };
      return { _id, rid: 'SERVER-ROOM', msg, token: TOKEN, ts: { $date: 2000 } };
    });
    ddp.goOnline();
    const id = session.send('hi');
    await vi.waitFor(() => expect(state.desk.messages[0]?.delivery).toBe('failed'));
    expect(state.snapshot().lastError).toMatch(/Too long/);
    refuse = false;
    session.retry(id);
    await vi.waitFor(() => expect(state.desk.messages[0]?.delivery).toBe('sent'));
    expect(ddp.callsTo('sendMessageLivechat').map((c) => (c.params[0] as { _id: string })._id)).toEqual([id, id]);
  });

  it('counts a resend refused as a duplicate (masked 500) as delivered when the server has the message', async () => {
    const { ddp, state, session } = setup();
    let storedId = '';
    ddp.handle('sendMessageLivechat', ([p]) => {
      storedId = (p as { _id: string })._id;
      throw meteorError(500, 'Internal server error');
    });
    ddp.handle('livechat:getInitialData', () => ({ title: 'Desk', room: { _id: 'SERVER-ROOM', open: true } }));
    ddp.handle('livechat:loadHistory', () => ({
      messages: [{ _id: storedId, rid: 'SERVER-ROOM', msg: 'hi', token: TOKEN, ts: { $date: 2000 } }],
    }));
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.messages[0]?.delivery).toBe('sent'));
    expect(state.desk.messages).toHaveLength(1);
    expect(state.desk.room).toMatchObject({ id: 'SERVER-ROOM', confirmed: true });
  });

  it('re-registers on invalid-token and opens a new room when the old one was closed', async () => {
    const { ddp, state, session } = setup();
    let calls = 0;
    ddp.handle('sendMessageLivechat', ([p]) => {
      calls += 1;
      if (calls === 1) throw meteorError('invalid-token');
      if (calls === 2) throw meteorError('room-closed', 'Room closed');
      const { _id, msg, rid } = p as { _id: string; msg: string; rid: string };
      return { _id, rid, msg, token: TOKEN, ts: { $date: 2000 } };
    });
    ddp.goOnline();
    session.send('hi');
    await vi.waitFor(() => expect(state.desk.messages[0]?.delivery).toBe('sent'));
    expect(ddp.callsTo('livechat:registerGuest')).toHaveLength(2);
    expect(state.desk.room?.confirmed).toBe(true);
  });

  it('refuses empty and oversize messages with a clear error and keeps nothing half-sent', () => {
    const { state, session } = setup();
    expect(() => session.send('   ')).toThrow(/empty/);
    expect(() => session.send('x'.repeat(10_001))).toThrow(/too long/);
    expect(state.desk.messages).toHaveLength(0);
  });

  it('catches up on history after connecting to a room it already had', async () => {
    const desk = { ...newDesk('https://chat.example.com', TOKEN), room: { id: 'R1', open: true, confirmed: true } };
    const { ddp, state, agentMessages } = setup(desk);
    ddp.handle('livechat:loadHistory', () => ({
      messages: [agentMessage('h2', 'R1', 3000), agentMessage('h1', 'R1', 2000)],
    }));
    ddp.goOnline();
    await vi.waitFor(() => expect(state.desk.messages.map((m) => m.id)).toEqual(['h1', 'h2']));
    expect(agentMessages).toHaveBeenCalledTimes(1);
    expect(state.desk.unread).toBe(2);
    ddp.goOnline();
    await flush();
    await flush();
    expect(agentMessages).toHaveBeenCalledTimes(1);
    expect(state.desk.unread).toBe(2);
  });

  it('after an absence longer than one catch-up, keeps only what joins the newest messages and pages back through the gap', async () => {
    const desk: DeskRecord = {
      ...newDesk('https://chat.example.com', TOKEN),
      room: { id: 'R1', open: true, confirmed: true },
      messages: [chatMessage('c1', 10, { rid: 'R1', from: 'visitor', text: 'hello', delivery: 'sent' })],
    };
    const history = [
      { _id: 'c1', rid: 'R1', msg: 'hello', token: TOKEN, ts: { $date: 10 } },
      ...Array.from({ length: 600 }, (_, i) => agentMessage(`a${i}`, 'R1', 1000 + i)),
    ];
    const { ddp, state, session } = setup(desk);
    ddp.handle('livechat:loadHistory', ([p]) => {
      const { end, limit } = p as { end?: Date; limit: number };
      const older = history.filter((m) => end === undefined || m.ts.$date < end.getTime());
      return { messages: older.slice(-limit).toReversed() };
    });
    ddp.goOnline();
    await vi.waitFor(() => expect(state.desk.messages).toHaveLength(500));
    expect(state.desk.messages[0]?.id).toBe('a100');
    expect(state.snapshot().hasOlder).toBe(true);
    expect(await session.actions.loadOlder()).toBe(50);
    expect(await session.actions.loadOlder()).toBe(50);
    expect(await session.actions.loadOlder()).toBe(1);
    expect(state.desk.messages.map((m) => m.id)).toEqual(history.map((m) => m._id));
    expect(state.snapshot().hasOlder).toBe(false);
  });
});
