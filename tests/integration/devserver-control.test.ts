// The control API over HTTP (and in-process): state, agent actions with their stream side effects, settings,
// reset, Server-Sent Events and the call log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver';
import { RawDdp, visitorParams, type Frame } from '../../devserver/testing/raw-ddp';

const TOKEN = 'tok-control';
let server: DevServer;
let ddp: RawDdp;
let rid = '';

async function control(path: string, body?: unknown) {
  const res = await fetch(
    `${server.url}/control/${path}`,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const args = (frame: Frame) => (frame.fields as { args: unknown[] }).args;

beforeAll(async () => {
  server = await startDevServer({ port: 0, profile: 'v6', queueDebounceMs: 10 });
  ddp = await RawDdp.connect(server.ddpUrl);
  await ddp.call('livechat:registerGuest', [{ token: TOKEN, name: 'Ana Lima' }]);
  const { result } = await ddp.call('sendMessageLivechat', [
    { _id: 'CtlMsg00000000001', rid: 'CtlRoom0000000001', msg: 'hi', token: TOKEN },
  ]);
  rid = (result as { rid: string }).rid;
  for (const [name, eventName] of [
    ['stream-room-messages', rid],
    ['stream-livechat-room', rid],
    ['stream-notify-room', `${rid}/user-activity`],
    ['stream-notify-room', `${rid}/deleteMessage`],
  ] as const) {
    await ddp.sub(name, visitorParams(eventName, TOKEN));
  }
});

afterAll(async () => {
  ddp?.close();
  await server?.close();
});

describe('control API', () => {
  it('shows the waiting room in the state with the visitor and its messages', async () => {
    const { body } = await control('state');
    expect(body.profile).toBe('v6');
    expect(body.rooms[0]).toMatchObject({
      _id: rid,
      open: true,
      waiting: true,
      agent: null,
      visitor: { token: TOKEN, name: 'Ana Lima' },
    });
    expect(body.rooms[0].messages.map((m: { msg: string }) => m.msg)).toContain('hi');
    expect(body.agents.map((a: { username: string }) => a.username)).toEqual(['maria.agent', 'joao.agent']);
  });

  it('say takes the room first, then writes', async () => {
    const { body } = await control(`rooms/${rid}/say`, { text: 'Hello from Maria', agent: 'maria.agent' });
    expect(body).toMatchObject({ rid, msg: 'Hello from Maria', u: { username: 'maria.agent' } });
    await ddp.changed('stream-room-messages', rid, (m) => m.t === 'command' && m.msg === 'connected');
    await ddp.changed('stream-livechat-room', rid, (a) => a.type === 'agentData');
    await ddp.changed('stream-room-messages', rid, (m) => m.msg === 'Hello from Maria');
    expect((await control(`rooms/${rid}/take`, {})).status).toBe(409);
  });

  it('typing, edit and delete', async () => {
    await control(`rooms/${rid}/typing`, { typing: false });
    expect(args(await ddp.changed('stream-notify-room', `${rid}/user-activity`))).toEqual(['maria.agent', [], {}]);
    const said = (await control(`rooms/${rid}/say`, { text: 'tpyo' })).body;
    const edited = await control(`rooms/${rid}/edit`, { messageId: said._id, text: 'typo' });
    expect(edited.body).toMatchObject({ msg: 'typo', editedBy: { username: 'maria.agent' } });
    await ddp.changed('stream-room-messages', rid, (m) => m._id === said._id && m.msg === 'typo');
    await control(`rooms/${rid}/delete`, { messageId: said._id });
    await ddp.changed('stream-notify-room', `${rid}/deleteMessage`);
    expect((await control(`rooms/${rid}/delete`, { messageId: said._id })).status).toBe(404);
  });

  it("video calls: the line's default is a videoconf block message; a WebRTC call records its end", async () => {
    const call = (await control(`rooms/${rid}/call`, {})).body;
    expect(call).toMatchObject({ t: 'videoconf', msg: '' });
    const join = call.blocks[1].elements[0];
    expect(join).toMatchObject({ appId: 'videoconf-core', actionId: 'joinLivechat', type: 'button' });
    expect(join.url).toMatch(/^https:\/\//);
    await ddp.changed('stream-room-messages', rid, (m) => m._id === call._id);
    expect((await control(`rooms/${rid}/end-call`, { messageId: call._id })).status).toBe(409);
    const webrtc = (await control(`rooms/${rid}/call`, { kind: 'webrtc' })).body;
    expect(webrtc).toMatchObject({ t: 'livechat_webrtc_video_call', actionLinks: [{}, {}] });
    const ended = await control(`rooms/${rid}/end-call`, { messageId: webrtc._id });
    expect(ended.body.webRtcCallEndTs).toBeTruthy();
    await ddp.changed('stream-room-messages', rid, (m) => m._id === webrtc._id && Boolean(m.webRtcCallEndTs));
    expect((await control(`rooms/${rid}/call`, { kind: 'jitsi' })).status).toBe(400);
  });

  it('agent status reaches the room as agentStatus', async () => {
    const { body } = await control('agents/maria.agent/status', { status: 'away' });
    expect(body.status).toBe('away');
    expect(args(await ddp.changed('stream-livechat-room', rid, (a) => a.type === 'agentStatus'))[0]).toEqual({
      type: 'agentStatus',
      status: 'away',
    });
    expect((await control('agents/maria.agent/status', { status: 'sleeping' })).status).toBe(400);
    await control('agents/maria.agent/status', { status: 'online' });
  });

  it('transfer to another agent: history, ul, uj, agentData', async () => {
    const { body } = await control(`rooms/${rid}/transfer`, { agent: 'joao.agent', comment: 'Sales question' });
    expect(body.agent).toMatchObject({ username: 'joao.agent' });
    const history = await ddp.changed('stream-room-messages', rid, (m) => m.t === 'livechat_transfer_history');
    expect(args(history)[0]).toMatchObject({
      transferData: { scope: 'agent', comment: 'Sales question', transferredTo: { username: 'joao.agent' } },
    });
    expect(args(await ddp.changed('stream-room-messages', rid, (m) => m.t === 'ul'))[0]).toMatchObject({
      u: { username: 'maria.agent' },
    });
    expect(
      args(
        await ddp.changed(
          'stream-room-messages',
          rid,
          (m) => m.t === 'uj' && (m.u as { username: string }).username === 'joao.agent',
        ),
      ),
    ).toBeDefined();
    expect(
      args(
        await ddp.changed(
          'stream-livechat-room',
          rid,
          (a) => a.type === 'agentData' && (a.data as { username?: string })?.username === 'joao.agent',
        ),
      ),
    ).toBeDefined();
  });

  it('validates settings and refuses unknown keys', async () => {
    expect((await control('settings', { title: 'Help desk' })).body.title).toBe('Help desk');
    expect((await control('settings', { nope: 1 })).status).toBe(400);
    expect((await control('settings', { title: 5 })).status).toBe(400);
    expect((await control('settings', { triggers: [{ _id: 'T' }] })).status).toBe(400);
    expect((await control('rooms/none/take', {})).status).toBe(404);
    expect((await control('nothing-here')).status).toBe(404);
  });

  it("carries triggers set through the control API in the config, enabled ones only, in Rocket.Chat's shape", async () => {
    const trigger = (id: string, enabled: boolean) => ({
      _id: id,
      name: id,
      enabled,
      runOnce: true,
      conditions: [{ name: 'chat-opened-by-visitor', value: '' }],
      actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Bot', msg: 'Hi' } }],
    });
    expect((await control('settings', { triggers: [trigger('on', true), trigger('off', false)] })).status).toBe(200);
    const body = (await (await fetch(`${server.url}/api/v1/livechat/config`)).json()) as {
      config: { triggers: unknown[] };
    };
    const { name: _n, enabled: _e, ...delivered } = trigger('on', true);
    expect(body.config.triggers).toEqual([delivered]);
    await control('settings', { triggers: [] });
  });

  it('streams state events over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/control/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('event: hello')) text += decoder.decode((await reader.read()).value);
    await control(`rooms/${rid}/say`, { text: 'sse check' });
    while (!text.includes('event: message')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain(`"rid":"${rid}"`);
    controller.abort();
  });

  it('logs DDP calls and REST requests with their outcome', async () => {
    await ddp.call('livechat:getInitialData', [TOKEN]);
    await fetch(`${server.url}/api/v1/livechat/config`);
    const { body } = await control('log');
    const entries = body as unknown as {
      transport: string;
      name: string;
      outcome: string;
      error?: unknown;
      status?: number;
    }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ transport: 'ddp', name: 'livechat:getInitialData', outcome: 'error', error: 404 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ transport: 'rest', name: '/api/v1/livechat/config', status: 200 }),
    );
    const last = entries[entries.length - 1] as unknown as { seq: number };
    expect(server.control.log(last.seq)).toEqual([]);
  });

  it('closes the room, then reset drops connections and state', async () => {
    const closed = await control(`rooms/${rid}/close`, { comment: 'Bye' });
    expect(closed.body).toMatchObject({ open: false, closer: 'user' });
    expect(args(await ddp.changed('stream-room-messages', rid, (m) => m.t === 'livechat-close'))[0]).toMatchObject({
      msg: 'Bye',
      transcriptRequested: false,
    });
    expect((await control(`rooms/${rid}/close`, {})).status).toBe(409);
    await control('reset', {});
    await ddp.closed;
    const { body } = await control('state');
    expect(body.rooms).toEqual([]);
    expect(body.settings.title).toBe('Rocket.Chat');
    expect(server.control.log()).toEqual(expect.any(Array));
  });
});
