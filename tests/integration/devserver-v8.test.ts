// The seed conversation against the v8 profile: REST for config/visitor/room/history, server-chosen room ids,
// the streamer framing (result before updated), removed methods answering 404, uploads and REST errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver';
import { RawDdp, visitorParams, type Frame } from '../../devserver/testing/raw-ddp';

const TOKEN = 'vT7qKp2mXw9ZrB4nLc8sYd';
let server: DevServer;
let ddp: RawDdp;
let rid = '';

beforeAll(async () => {
  server = await startDevServer({ port: 0, profile: 'v8', rateLimits: false, queueDebounceMs: 10 });
  ddp = await RawDdp.connect(server.ddpUrl);
});

afterAll(async () => {
  ddp?.close();
  await server?.close();
});

async function rest(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${server.url}/api/v1/${path}`, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

const args = (frame: Frame) => (frame.fields as { args: unknown[] }).args;

describe('v8 flow (server rid, REST)', () => {
  it('greets with the streamer form', async () => {
    const raw = await RawDdp.open(server.ddpUrl);
    expect(raw.frames[0]).toEqual({ msg: 'server_id', server_id: '0' });
    raw.close();
  });

  it('answers 404 for methods removed before 8.x, result before updated', async () => {
    for (const method of [
      'livechat:getInitialData',
      'livechat:registerGuest',
      'livechat:loadHistory',
      'sendFileLivechatMessage',
    ]) {
      const { error } = await ddp.call(method, [TOKEN]);
      expect(error).toEqual({
        isClientSafe: true,
        error: 404,
        reason: `Method '${method}' not found`,
        message: `Method '${method}' not found [404]`,
        errorType: 'Meteor.Error',
      });
    }
    const id = 'order';
    ddp.send({ msg: 'method', method: 'livechat:setUpConnection', params: [{ token: TOKEN }], id });
    const result = await ddp.waitFor((f) => f.msg === 'result' && f.id === id);
    const updated = await ddp.waitFor((f) => f.msg === 'updated' && (f.methods as string[]).includes(id));
    expect(ddp.frames.indexOf(result)).toBeLessThan(ddp.frames.indexOf(updated));
  });

  it('serves the nested config', async () => {
    const { status, body } = await rest('GET', `livechat/config?token=${TOKEN}`);
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.config).toMatchObject({
      enabled: true,
      online: true,
      theme: { title: 'Rocket.Chat' },
      settings: { visitorsCanCloseChat: true },
    });
    expect(body.config).not.toHaveProperty('guest');
  });

  it('names the next agent for a token without a room (trigger messages)', async () => {
    const { body } = await rest('GET', 'livechat/agent.next/some-new-token');
    expect(body).toMatchObject({ success: true, agent: { username: 'maria.agent', name: 'Maria Souza' } });
  });

  it('registers the visitor over REST with ISO dates', async () => {
    const { body } = await rest('POST', 'livechat/visitor', {
      visitor: { token: TOKEN, name: 'Ana Lima', email: 'ana@example.com', department: 'Support' },
    });
    expect(body.visitor).toMatchObject({
      token: TOKEN,
      name: 'Ana Lima',
      username: 'guest-1',
      department: 'dP4xK8mQ2zR7nTcWa',
    });
    expect(body.visitor.ts).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('ignores the client rid for a new room and answers the server id', async () => {
    const { result } = await ddp.call('sendMessageLivechat', [
      { _id: 'Mq2Zx8KcT4pWn7RbL', rid: 'ClientChosenRid01', msg: 'Hi', token: TOKEN },
    ]);
    const message = result as { rid: string; newRoom: boolean };
    expect(message.newRoom).toBe(true);
    expect(message.rid).not.toBe('ClientChosenRid01');
    expect(message.rid).toMatch(/^[A-Za-z0-9]{17}$/);
    rid = message.rid;
    expect((await ddp.sub('stream-room-messages', visitorParams('ClientChosenRid01', TOKEN))).msg).toBe('nosub');
    expect((await ddp.sub('stream-room-messages', visitorParams(rid, TOKEN))).msg).toBe('ready');
    expect((await ddp.sub('stream-livechat-room', visitorParams(rid, TOKEN))).msg).toBe('ready');
    expect((await ddp.sub('stream-notify-room', visitorParams(`${rid}/user-activity`, TOKEN))).msg).toBe('ready');
  });

  it('returns the open room from GET livechat/room and refuses a foreign rid', async () => {
    const { body } = await rest('GET', `livechat/room?token=${TOKEN}`);
    expect(body).toMatchObject({ room: { _id: rid, t: 'l', open: true }, newRoom: false, success: true });
    const foreign = await rest('GET', `livechat/room?token=${TOKEN}&rid=NotMyRoom00000001`);
    expect(foreign).toMatchObject({ status: 400, body: { success: false, error: 'invalid-room' } });
  });

  it('sends over REST and refuses a second message with the same _id', async () => {
    const first = await rest('POST', 'livechat/message', {
      token: TOKEN,
      rid,
      msg: 'Order #12345',
      _id: 'RestMsg0000000001',
    });
    expect(first.body.message).toMatchObject({ _id: 'RestMsg0000000001', rid, msg: 'Order #12345' });
    const echo = await ddp.changed('stream-room-messages', rid, (m) => m._id === 'RestMsg0000000001');
    expect(args(echo)[0]).toMatchObject({ ts: { $date: expect.any(Number) } });
    const again = await rest('POST', 'livechat/message', {
      token: TOKEN,
      rid,
      msg: 'Order #12345',
      _id: 'RestMsg0000000001',
    });
    expect(again.status).toBe(400);
    const dup = await ddp.call('sendMessageLivechat', [
      { _id: 'RestMsg0000000001', rid, msg: 'Order #12345', token: TOKEN },
    ]);
    expect(dup.error).toMatchObject({ error: 500, reason: 'Internal server error' });
    const history = await rest('GET', `livechat/messages.history/${rid}?token=${TOKEN}`);
    expect(history.body.messages.filter((m: { _id: string }) => m._id === 'RestMsg0000000001')).toHaveLength(1);
  });

  it('answers agent.info once an agent took the room, uj without text on 6.x+', async () => {
    expect((await rest('GET', `livechat/agent.info/${rid}/${TOKEN}`)).body).toEqual({
      success: false,
      error: 'invalid-agent',
    });
    server.control.take(rid, { agent: 'maria.agent' });
    const uj = await ddp.changed('stream-room-messages', rid, (m) => m.t === 'uj');
    expect(args(uj)[0]).toMatchObject({ msg: '', u: { username: 'maria.agent' } });
    const { body } = await rest('GET', `livechat/agent.info/${rid}/${TOKEN}`);
    expect(body.agent).toMatchObject({ username: 'maria.agent', name: 'Maria Souza' });
  });

  it('does not relay the removed <rid>/typing event', async () => {
    expect((await ddp.sub('stream-notify-room', visitorParams(`${rid}/typing`, TOKEN))).msg).toBe('ready');
    const before = ddp.frames.length;
    server.control.typing(rid, { typing: true });
    await ddp.changed('stream-notify-room', `${rid}/user-activity`);
    expect(
      ddp.frames
        .slice(before)
        .some((f) => (f.fields as { eventName?: string } | undefined)?.eventName === `${rid}/typing`),
    ).toBe(false);
  });

  it('uploads a file, serves it back, refuses bad tokens, types and sizes', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('PNGDATA')], { type: 'image/png' }), 'photo.png');
    form.append('description', 'my photo');
    const res = await fetch(`${server.url}/api/v1/livechat/upload/${rid}`, {
      method: 'POST',
      headers: { 'x-visitor-token': TOKEN },
      body: form,
    });
    const body = (await res.json()) as Record<string, any>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      rid,
      file: { name: 'photo.png', type: 'image/png' },
      attachments: [{ title: 'photo.png', image_type: 'image/png', description: 'my photo' }],
    });
    // Files are protected (FileUpload_ProtectFiles on): the visitor's rc_* credentials open them.
    const link = `${server.url}${body.attachments[0].title_link}`;
    expect((await fetch(link)).status).toBe(403);
    const file = await fetch(`${link}?rc_token=${TOKEN}&rc_rid=${rid}&rc_room_type=l`);
    expect(await file.text()).toBe('PNGDATA');
    const cookies = { cookie: `rc_token=${TOKEN}; rc_rid=${rid}; rc_room_type=l` };
    expect((await fetch(link, { headers: cookies })).status).toBe(200);
    // Cookies without rc_uid replace the query, as FileUpload.requestCanAccessFiles reads them.
    const overridden = await fetch(`${link}?rc_token=${TOKEN}&rc_rid=${rid}&rc_room_type=l`, {
      headers: { cookie: 'other=1' },
    });
    expect(overridden.status).toBe(403);
    expect((await fetch(`${link}?rc_token=someone-else&rc_rid=${rid}&rc_room_type=l`)).status).toBe(403);
    expect(server.control.violations().map((v) => v.rule)).toContain('rest-4xx');
    const anonymous = await fetch(`${server.url}/api/v1/livechat/upload/${rid}`, { method: 'POST', body: form });
    expect(anonymous.status).toBe(403);
    server.control.settings({ fileUploadMediaTypes: 'application/pdf' });
    const refused = await fetch(`${server.url}/api/v1/livechat/upload/${rid}`, {
      method: 'POST',
      headers: { 'x-visitor-token': TOKEN },
      body: form,
    });
    expect(await refused.json()).toEqual({ success: false, reason: 'error-type-not-allowed' });
    server.control.settings({ fileUploadMediaTypes: '', fileUploadMaxSize: 3 });
    const tooBig = await fetch(`${server.url}/api/v1/livechat/upload/${rid}`, {
      method: 'POST',
      headers: { 'x-visitor-token': TOKEN },
      body: form,
    });
    expect(await tooBig.json()).toMatchObject({ success: false, reason: 'error-size-not-allowed' });
  });

  it('changes department through visitor/department.transfer; room.transfer is gone', async () => {
    expect((await rest('POST', 'livechat/room.transfer', { rid, token: TOKEN, department: 'Sales' })).status).toBe(404);
    const invalid = await rest('POST', 'livechat/visitor/department.transfer', { rid, department: 'x' });
    expect(invalid.body).toEqual({
      success: false,
      error: "must have required property 'token' [invalid-params]",
      errorType: 'invalid-params',
    });
    const { body } = await rest('POST', 'livechat/visitor/department.transfer', {
      token: TOKEN,
      rid,
      department: 'Sales',
    });
    expect(body).toEqual({ success: true });
    const history = await ddp.changed('stream-room-messages', rid, (m) => m.t === 'livechat_transfer_history');
    expect(args(history)[0]).toMatchObject({
      transferData: { scope: 'department', nextDepartment: { name: 'Sales' } },
    });
  });

  it('answers the CORS preflight with x-visitor-token allowed', async () => {
    const res = await fetch(`${server.url}/api/v1/livechat/message`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abc',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-visitor-token',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-visitor-token');
  });

  it('closes from the visitor side, then refuses messages to the closed room', async () => {
    const { body } = await rest('POST', 'livechat/room.close', { rid, token: TOKEN });
    expect(body).toEqual({ rid, comment: 'Closed by visitor', success: true });
    const close = await ddp.changed('stream-room-messages', rid, (m) => m.t === 'livechat-close');
    expect(args(close)[0]).toMatchObject({ token: TOKEN, transcriptRequested: false });
    expect((await rest('POST', 'livechat/message', { token: TOKEN, rid, msg: 'still there?' })).body).toEqual({
      success: false,
      error: 'room-closed',
    });
    expect(
      (
        await rest('POST', 'livechat/room.survey', {
          rid,
          token: TOKEN,
          data: [
            { name: 'satisfaction', value: '5' },
            { name: 'agentKnowledge', value: '9' },
            { name: 'mood', value: '1' },
            { name: 'agentFriendliness', value: '4' },
            { name: 'additionalFeedback', value: 'ok' },
          ],
        })
      ).body,
    ).toEqual({ rid, data: { satisfaction: '5', agentFriendliness: '4', additionalFeedback: 'ok' }, success: true });
    expect((await rest('POST', 'livechat/transcript', { rid, token: TOKEN, email: 'ana@example.com' })).body).toEqual({
      message: 'Livechat transcript sent',
      success: true,
    });
    // The history route checks only that the room is the token's (findRoom), never `open`: a past conversation pages.
    const history = await rest('GET', `livechat/messages.history/${rid}?token=${TOKEN}&limit=2`);
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: { t?: string }) => m.t)).toContain('livechat-close');
    const foreign = await rest('GET', `livechat/messages.history/${rid}?token=SomeoneElse0000001`);
    expect(foreign.body).toMatchObject({ success: false, error: 'invalid-token' });
  });

  it('refuses visitor DDP transcripts on 8.x', async () => {
    const { error } = await ddp.call('livechat:sendTranscript', [TOKEN, rid, 'ana@example.com']);
    expect(error).toMatchObject({
      error: 'error-not-allowed',
      reason: 'Not allowed',
      details: { method: 'livechat:sendTranscript' },
    });
  });
});
