// The seed conversation against the legacy (4.x) profile, over raw DDP frames: client-chosen rid, getInitialData,
// registerGuest, the three streams, agent take/typing/say/edit/delete/close, history, survey, reopen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver';
import { RawDdp, visitorParams, type Frame } from '../../devserver/testing/raw-ddp';

const TOKEN = 'vT7qKp2mXw9ZrB4nLc8sYd';
const RID = 'Hk3mPq8ZrT2xWc7Ny';

let server: DevServer;
let ddp: RawDdp;

beforeAll(async () => {
  // Rocket.Chat's own debounce of queueData (1 s) leaves the test's subscriptions time to be ready, also under load.
  server = await startDevServer({ port: 0, profile: 'legacy' });
  ddp = await RawDdp.connect(server.ddpUrl);
});

afterAll(async () => {
  ddp?.close();
  await server?.close();
});

const args = (frame: Frame) => (frame.fields as { args: unknown[] }).args;

describe('legacy seed flow (client rid)', () => {
  it('greets with {server_id:"0"} and a 17-char session', async () => {
    const raw = await RawDdp.open(server.ddpUrl);
    expect(raw.frames[0]).toEqual({ server_id: '0' });
    raw.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
    const connected = await raw.waitFor((f) => f.msg === 'connected');
    expect(connected.session).toMatch(/^[A-Za-z0-9]{17}$/);
    raw.close();
  });

  it('answers getInitialData with the flat 4.x config and sends updated before result', async () => {
    ddp.send({ msg: 'method', method: 'livechat:getInitialData', params: [TOKEN], id: 'init' });
    const updated = await ddp.waitFor((f) => f.msg === 'updated');
    const result = await ddp.waitFor((f) => f.msg === 'result' && f.id === 'init');
    expect(ddp.frames.indexOf(updated)).toBeLessThan(ddp.frames.indexOf(result));
    const config = result.result as Record<string, unknown>;
    expect(config).toMatchObject({ enabled: true, title: 'Rocket.Chat', room: null, visitor: null, online: true });
    expect(config).not.toHaveProperty('agentData');
    expect(Array.isArray(config.departments)).toBe(true);
  });

  it('binds the connection with setUpConnection (result without a result key)', async () => {
    const result = await ddp.call('livechat:setUpConnection', [{ token: TOKEN }]);
    expect(result).toEqual({ msg: 'result', id: result.id });
  });

  it('registers the guest', async () => {
    const { result } = await ddp.call('livechat:registerGuest', [
      { token: TOKEN, name: 'Ana Lima', email: 'ana@example.com' },
    ]);
    expect(result).toMatchObject({
      visitor: { token: TOKEN, name: 'Ana Lima', username: 'guest-1', visitorEmails: [{ address: 'ana@example.com' }] },
    });
    expect((result as { userId: string }).userId).toBe((result as { visitor: { _id: string } }).visitor._id);
  });

  it('refuses a stream subscription before the room exists', async () => {
    const nosub = await ddp.sub('stream-room-messages', visitorParams(RID, TOKEN), 'sub-early');
    expect(nosub).toEqual({
      msg: 'nosub',
      id: 'sub-early',
      error: { isClientSafe: true, error: 'not-allowed', message: '[not-allowed]', errorType: 'Meteor.Error' },
    });
  });

  it('creates the room under the client rid on the first message', async () => {
    const { result } = await ddp.call('sendMessageLivechat', [
      { _id: 'Mq2Zx8KcT4pWn7RbL', rid: RID, msg: 'Hi, I need help with my order', token: TOKEN },
    ]);
    expect(result).toMatchObject({
      _id: 'Mq2Zx8KcT4pWn7RbL',
      rid: RID,
      token: TOKEN,
      alias: 'Ana Lima',
      newRoom: true,
      showConnecting: false,
    });
    expect((result as { ts: unknown }).ts).toEqual({ $date: expect.any(Number) });
  });

  it('accepts the visitor subscriptions of the room', async () => {
    for (const [name, eventName] of [
      ['stream-room-messages', RID],
      ['stream-livechat-room', RID],
      ['stream-notify-room', `${RID}/user-activity`],
      ['stream-notify-room', `${RID}/typing`],
      ['stream-notify-room', `${RID}/deleteMessage`],
    ] as const) {
      expect((await ddp.sub(name, visitorParams(eventName, TOKEN))).msg).toBe('ready');
    }
  });

  it('sends queueData while the room waits', async () => {
    const frame = await ddp.changed('stream-livechat-room', RID, (a) => a.type === 'queueData');
    expect(args(frame)[0]).toMatchObject({ type: 'queueData', data: { spot: 1 } });
  });

  it('announces the agent: command/connected, uj with the username, agentData', async () => {
    server.control.take(RID, { agent: 'maria.agent' });
    const connected = await ddp.changed('stream-room-messages', RID, (m) => m.t === 'command');
    expect(args(connected)[0]).toMatchObject({ msg: 'connected', u: { username: 'maria.agent', name: 'Maria Souza' } });
    const uj = await ddp.changed('stream-room-messages', RID, (m) => m.t === 'uj');
    expect(args(uj)[0]).toMatchObject({ msg: 'maria.agent', groupable: false });
    const agentData = await ddp.changed('stream-livechat-room', RID, (a) => a.type === 'agentData');
    expect(args(agentData)[0]).toMatchObject({ data: { username: 'maria.agent', status: 'online' } });
  });

  it('relays agent typing on user-activity and on the legacy typing event', async () => {
    server.control.typing(RID, { typing: true });
    const activity = await ddp.changed('stream-notify-room', `${RID}/user-activity`);
    expect(args(activity)).toEqual(['maria.agent', ['user-typing'], {}]);
    const typing = await ddp.changed('stream-notify-room', `${RID}/typing`);
    expect(args(typing)).toEqual(['maria.agent', true]);
  });

  it('accepts the visitor typing write without echoing it to the writer', async () => {
    const before = ddp.frames.length;
    const result = await ddp.call('stream-notify-room', [
      `${RID}/user-activity`,
      'guest-1',
      ['user-typing'],
      { token: TOKEN },
    ]);
    expect(result).not.toHaveProperty('error');
    expect(result).not.toHaveProperty('result');
    expect((server.control.state().rooms as { visitorTyping: boolean }[])[0]?.visitorTyping).toBe(true);
    const echoes = ddp.frames.slice(before).filter((f) => f.msg === 'changed' && f.collection === 'stream-notify-room');
    expect(echoes).toEqual([]);
  });

  it('delivers agent messages, edits and deletes', async () => {
    const said = server.control.say(RID, { text: 'Hello **Ana**!' });
    const message = await ddp.changed('stream-room-messages', RID, (m) => m._id === said._id && !m.editedAt);
    expect(args(message)[0]).toMatchObject({
      msg: 'Hello **Ana**!',
      md: expect.any(Array),
      u: { username: 'maria.agent' },
    });
    server.control.edit(RID, { messageId: said._id as string, text: 'Hello Ana!' });
    const edit = await ddp.changed('stream-room-messages', RID, (m) => m._id === said._id && Boolean(m.editedAt));
    expect(args(edit)[0]).toMatchObject({
      msg: 'Hello Ana!',
      editedAt: { $date: expect.any(Number) },
      editedBy: { username: 'maria.agent' },
    });
    server.control.delete(RID, { messageId: said._id as string });
    const deleted = await ddp.changed('stream-notify-room', `${RID}/deleteMessage`);
    expect(args(deleted)).toEqual([{ _id: said._id }]);
  });

  it('returns the agent with getAgentData', async () => {
    const { result } = await ddp.call('livechat:getAgentData', [{ roomId: RID, token: TOKEN }]);
    expect(result).toMatchObject({ username: 'maria.agent', name: 'Maria Souza', status: 'online' });
  });

  it('loads history newest first', async () => {
    const { result } = await ddp.call('livechat:loadHistory', [{ token: TOKEN, rid: RID, limit: 50 }]);
    const messages = (result as { messages: { ts: { $date: number }; t?: string }[] }).messages;
    expect(messages.map((m) => m.t ?? 'text')).toEqual(['uj', 'command', 'text', 'livechat-started']);
    expect(messages[0]!.ts.$date).toBeGreaterThanOrEqual(messages[1]!.ts.$date);
  });

  it('closes with livechat-close and promptTranscript when transcripts are on', async () => {
    server.control.settings({ transcript: true });
    server.control.close(RID, { comment: 'Issue solved, thanks!' });
    const close = await ddp.changed('stream-room-messages', RID, (m) => m.t === 'livechat-close');
    expect(args(close)[0]).toMatchObject({
      msg: 'Issue solved, thanks!',
      groupable: false,
      u: { username: 'maria.agent' },
    });
    const prompt = await ddp.changed(
      'stream-room-messages',
      RID,
      (m) => m.t === 'command' && m.msg === 'promptTranscript',
    );
    expect(prompt).toBeDefined();
  });

  it('saves the survey', async () => {
    const { result } = await ddp.call('livechat:saveSurveyFeedback', [
      TOKEN,
      RID,
      [{ name: 'satisfaction', value: '5' }],
    ]);
    expect(result).toMatchObject({ acknowledged: true, modifiedCount: 1 });
    expect((server.control.state().rooms as { surveyFeedback: unknown }[])[0]?.surveyFeedback).toEqual({
      satisfaction: '5',
    });
  });

  it('opens a new room (new id) when the visitor writes to the closed one', async () => {
    const { result } = await ddp.call('sendMessageLivechat', [
      { _id: 'Nw2Zx8KcT4pWn7RbL', rid: RID, msg: 'One more thing', token: TOKEN },
    ]);
    const { rid, newRoom } = result as { rid: string; newRoom: boolean };
    expect(newRoom).toBe(true);
    expect(rid).not.toBe(RID);
  });

  it('closes by visitor (4.x method)', async () => {
    const state = server.control.state().rooms as { _id: string; open: boolean }[];
    const open = state.find((r) => r.open);
    const { result } = await ddp.call('livechat:closeByVisitor', [{ roomId: open?._id, token: TOKEN }]);
    expect(result).toBe(true);
  });
});
