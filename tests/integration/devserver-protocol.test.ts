// DDP framing of the stand-in (SPEC §1): handshake, protocol errors, heartbeat both ways, Meteor.Error shapes,
// subscription refusals and stream authorization, one frame per subscription.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver';
import { RawDdp, visitorParams } from '../../devserver/testing/raw-ddp';

const TOKEN = 'tok-protocol';
let server: DevServer;
let rid = '';

beforeAll(async () => {
  server = await startDevServer({ port: 0, profile: 'legacy', heartbeat: { pingAfterMs: 150, closeAfterMs: 150 } });
  const ddp = await RawDdp.connect(server.ddpUrl);
  await ddp.call('livechat:registerGuest', [{ token: TOKEN, name: 'Ana' }]);
  const { result } = await ddp.call('sendMessageLivechat', [
    { _id: 'ProtoMsg000000001', rid: 'ProtoRoom00000001', msg: 'hi', token: TOKEN },
  ]);
  rid = (result as { rid: string }).rid;
  ddp.close();
});

afterAll(async () => {
  await server?.close();
});

describe('handshake', () => {
  it('fails an unsupported version and closes the socket', async () => {
    const ddp = await RawDdp.open(server.ddpUrl);
    ddp.send({ msg: 'connect', version: '2', support: ['2'] });
    expect(await ddp.waitFor((f) => f.msg === 'failed')).toEqual({ msg: 'failed', version: '1' });
    await ddp.closed;
  });

  it('proposes the best common version when the client asks for a worse one', async () => {
    const ddp = await RawDdp.open(server.ddpUrl);
    ddp.send({ msg: 'connect', version: 'pre1', support: ['1', 'pre1'] });
    expect(await ddp.waitFor((f) => f.msg === 'failed')).toEqual({ msg: 'failed', version: '1' });
    await ddp.closed;
  });

  it('fails a malformed offer with its preferred version', async () => {
    const ddp = await RawDdp.open(server.ddpUrl);
    ddp.send({ msg: 'connect', version: '2', support: ['pre1'] });
    expect(await ddp.waitFor((f) => f.msg === 'failed')).toEqual({ msg: 'failed', version: '1' });
    await ddp.closed;
  });

  it('gives a fresh session on every connection (no resumption)', async () => {
    const a = await RawDdp.open(server.ddpUrl);
    a.send({ msg: 'connect', version: '1', support: ['1'], session: 'OldSession0000001' });
    const first = await a.waitFor((f) => f.msg === 'connected');
    expect(first.session).not.toBe('OldSession0000001');
    a.close();
  });
});

describe('protocol errors', () => {
  it('reports parse errors, bad requests, missing connect and double connect, and keeps going', async () => {
    const ddp = await RawDdp.open(server.ddpUrl);
    ddp.send('{not json');
    expect(await ddp.waitFor((f) => f.msg === 'error')).toEqual({ msg: 'error', reason: 'Parse error' });
    ddp.send({ hello: 1 });
    expect(await ddp.waitFor((f) => f.msg === 'error')).toEqual({
      msg: 'error',
      reason: 'Bad request',
      offendingMessage: { hello: 1 },
    });
    ddp.send({ msg: 'method', method: 'x', params: [], id: '1' });
    expect(await ddp.waitFor((f) => f.msg === 'error')).toMatchObject({ reason: 'Must connect first' });
    ddp.send({ msg: 'connect', version: '1', support: ['1'] });
    await ddp.waitFor((f) => f.msg === 'connected');
    ddp.send({ msg: 'connect', version: '1', support: ['1'] });
    expect(await ddp.waitFor((f) => f.msg === 'error')).toMatchObject({ reason: 'Already connected' });
    ddp.send({ msg: 'method', method: 42, id: '2' });
    expect(await ddp.waitFor((f) => f.msg === 'error')).toMatchObject({ reason: 'Malformed method invocation' });
    ddp.send({ msg: 'method', method: 'x', id: '2b', randomSeed: 5 });
    expect(await ddp.waitFor((f) => f.msg === 'error')).toMatchObject({ reason: 'Malformed method invocation' });
    ddp.send({ msg: 'sub', id: 3, name: 'x' });
    expect(await ddp.waitFor((f) => f.msg === 'error')).toMatchObject({ reason: 'Malformed subscription' });
    ddp.send({ msg: 'dance' });
    expect(await ddp.waitFor((f) => f.msg === 'error')).toMatchObject({ reason: 'Bad request' });
    ddp.send('null');
    expect(await ddp.waitFor((f) => f.msg === 'error')).toEqual({ msg: 'error', reason: 'Bad request' });
    expect((await ddp.call('livechat:setUpConnection', [{ token: TOKEN }])).msg).toBe('result');
    ddp.close();
  });
});

describe('heartbeat', () => {
  it('answers pings, echoing the id', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    ddp.send({ msg: 'ping', id: 'hb-1' });
    expect(await ddp.waitFor((f) => f.msg === 'pong')).toEqual({ msg: 'pong', id: 'hb-1' });
    ddp.send({ msg: 'ping' });
    expect(await ddp.waitFor((f) => f.msg === 'pong')).toEqual({ msg: 'pong' });
    ddp.close();
  });

  it('pings an idle client and closes it when it never answers', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    ddp.autoPong = false;
    expect(await ddp.waitFor((f) => f.msg === 'ping')).toEqual({ msg: 'ping' });
    await ddp.closed;
    expect(ddp.isOpen).toBe(false);
  });

  it('keeps a client that answers the pings', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    for (let i = 0; i < 3; i += 1) await ddp.waitFor((f) => f.msg === 'ping');
    expect(ddp.isOpen).toBe(true);
    ddp.close();
  });
});

describe('method errors (Meteor.Error shapes)', () => {
  it('404 for unknown methods, 400 Match failed, invalid-token, masked 500, character limit', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    expect((await ddp.call('nope', [])).error).toEqual({
      isClientSafe: true,
      error: 404,
      reason: "Method 'nope' not found",
      message: "Method 'nope' not found [404]",
      errorType: 'Meteor.Error',
    });
    const matchFailed = {
      isClientSafe: true,
      error: 400,
      reason: 'Match failed',
      message: 'Match failed [400]',
      errorType: 'Meteor.Error',
    };
    expect((await ddp.call('sendMessageLivechat', [{ rid, msg: 'hello', token: TOKEN }])).error).toEqual(matchFailed);
    expect(
      (await ddp.call('sendMessageLivechat', [{ _id: 'x', rid, msg: 'hello', token: TOKEN, extra: 1 }])).error,
    ).toEqual(matchFailed);
    expect(
      (await ddp.call('livechat:sendOfflineMessage', [{ name: 'a', email: 'b', message: 'c', department: 'd' }])).error,
    ).toEqual(matchFailed);
    expect(
      (await ddp.call('sendMessageLivechat', [{ _id: 'Bn3Xq7KcW2zTm8RpL', rid, msg: 'hello?', token: 'nope' }])).error,
    ).toEqual({
      isClientSafe: true,
      error: 'invalid-token',
      message: '[invalid-token]',
      errorType: 'Meteor.Error',
    });
    expect(
      (await ddp.call('sendMessageLivechat', [{ _id: 'ProtoMsg000000001', rid, msg: 'again', token: TOKEN }])).error,
    ).toEqual({
      isClientSafe: true,
      error: 500,
      reason: 'Internal server error',
      message: 'Internal server error [500]',
      errorType: 'Meteor.Error',
    });
    server.control.settings({ limitTextLength: 5 });
    expect(
      (await ddp.call('sendMessageLivechat', [{ _id: 'Cq8Wz2NxK5mTp7RbL', rid, msg: 'xxxxxxxxxx', token: TOKEN }]))
        .error,
    ).toEqual({
      isClientSafe: true,
      error: 'message-length-exceeds-character-limit',
      message: '[message-length-exceeds-character-limit]',
      errorType: 'Meteor.Error',
    });
    server.control.settings({ limitTextLength: false });
    expect((await ddp.call('livechat:registerGuest', [{}])).error).toMatchObject({
      error: 'error-invalid-token',
      details: { method: 'livechat:registerGuest' },
    });
    ddp.close();
  });

  it('survives garbage params without crashing', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    const garbage = [[null], [1, 2, 3], [{ $date: 'x' }], [[[]]], [{ token: { $escape: { $x: 1 } } }], ['x', null, {}]];
    for (const method of [
      'livechat:getInitialData',
      'livechat:loadHistory',
      'livechat:closeByVisitor',
      'livechat:pageVisited',
      'stream-notify-room',
      'livechat:getAgentData',
    ]) {
      for (const params of garbage) {
        const frame = await ddp.call(method, params);
        expect(frame.msg).toBe('result');
        if (frame.error) expect(frame.error).not.toMatchObject({ error: 500 });
      }
    }
    ddp.close();
  });
});

describe('subscriptions', () => {
  it('404 for unknown publications, Match failed for bad params, nosub for unsub', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    expect(await ddp.sub('meteor_autoupdate_clientVersions', [], 's1')).toMatchObject({
      msg: 'nosub',
      error: { error: 404, reason: "Subscription 'meteor_autoupdate_clientVersions' not found" },
    });
    expect(await ddp.sub('stream-room-messages', [rid], 's2')).toMatchObject({
      msg: 'nosub',
      error: { error: 400, reason: 'Match failed' },
    });
    expect((await ddp.sub('stream-room-messages', visitorParams(rid, TOKEN), 's3')).msg).toBe('ready');
    ddp.send({ msg: 'unsub', id: 's3' });
    expect(await ddp.waitFor((f) => f.msg === 'nosub' && f.id === 's3')).toEqual({ msg: 'nosub', id: 's3' });
    ddp.close();
  });

  it('refuses other tokens, missing extraData and the old boolean form on every stream', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    const notAllowed = {
      isClientSafe: true,
      error: 'not-allowed',
      message: '[not-allowed]',
      errorType: 'Meteor.Error',
    };
    for (const [name, eventName] of [
      ['stream-room-messages', rid],
      ['stream-livechat-room', rid],
      ['stream-notify-room', `${rid}/user-activity`],
    ] as const) {
      expect((await ddp.sub(name, visitorParams(eventName, 'someone-else'))).error).toEqual(notAllowed);
      expect((await ddp.sub(name, [eventName, { useCollection: false, args: [null] }])).error).toEqual(notAllowed);
      expect((await ddp.sub(name, [eventName, false])).error).toEqual(notAllowed);
    }
    expect(
      (await ddp.sub('stream-room-messages', [rid, { useCollection: false, args: [{ visitorToken: TOKEN }] }])).msg,
    ).toBe('ready');
    expect((await ddp.sub('stream-livechat-room', [rid, { useCollection: false, args: [{ token: TOKEN }] }])).msg).toBe(
      'ready',
    );
    ddp.close();
  });

  it('drops typing writes with a wrong token silently', async () => {
    const visitor = await RawDdp.connect(server.ddpUrl);
    await visitor.sub('stream-notify-room', visitorParams(`${rid}/user-activity`, TOKEN));
    const writer = await RawDdp.connect(server.ddpUrl);
    const refused = await writer.call('stream-notify-room', [
      `${rid}/user-activity`,
      'intruder',
      ['user-typing'],
      { token: 'wrong' },
    ]);
    expect(refused).toEqual({ msg: 'result', id: refused.id });
    await writer.call('stream-notify-room', [`${rid}/user-activity`, 'guest-1', ['user-typing'], { token: TOKEN }]);
    const frame = await visitor.changed('stream-notify-room', `${rid}/user-activity`);
    expect((frame.fields as { args: unknown[] }).args[0]).toBe('guest-1');
    visitor.close();
    writer.close();
  });

  it('sends one changed frame per matching subscription, with id "id"', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    await ddp.sub('stream-room-messages', visitorParams(rid, TOKEN), 'dup-a');
    await ddp.sub('stream-room-messages', visitorParams(rid, TOKEN), 'dup-b');
    const said = server.control.say(rid, { text: 'twice' });
    const first = await ddp.changed('stream-room-messages', rid, (m) => m._id === said._id);
    const second = await ddp.changed('stream-room-messages', rid, (m) => m._id === said._id);
    expect(first).toEqual(second);
    expect(first).toMatchObject({
      msg: 'changed',
      collection: 'stream-room-messages',
      id: 'id',
      fields: { eventName: rid },
    });
    ddp.close();
  });
});

describe('prepared agent messages (the bench writes these)', () => {
  it('publishes nothing until each is sent, then each in order, stamped when sent', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    await ddp.sub('stream-room-messages', visitorParams(rid, TOKEN), 'prepared');
    const stored = () =>
      (server.control.state().rooms as { _id: string; messages: unknown[] }[]).find((r) => r._id === rid)?.messages
        .length;
    const before = stored();
    const sends = server.control.prepareSay(rid, ['first *one*', 'second']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored()).toBe(before);
    expect(ddp.frames.filter((f) => f.msg === 'changed')).toHaveLength(0);
    const sentAt = Date.now();
    for (const send of sends) send();
    const first = await ddp.changed('stream-room-messages', rid, (m) => m.msg === 'first *one*');
    const second = await ddp.changed('stream-room-messages', rid, (m) => m.msg === 'second');
    const [a, b] = [first, second].map((f) => (f.fields as { args: Record<string, any>[] }).args[0] ?? {});
    expect(a?.md).toBeDefined();
    expect(a?.ts.$date).toBeGreaterThanOrEqual(sentAt);
    expect(b?.ts.$date).toBeGreaterThan(a?.ts.$date);
    expect(ddp.frames.indexOf(first)).toBeLessThan(ddp.frames.indexOf(second));
    expect(stored()).toBe((before ?? 0) + 2);
    ddp.close();
  });
});
