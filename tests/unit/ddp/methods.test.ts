import { describe, expect, it } from 'vitest';
import { DdpDisconnectedError, DdpError, DdpTimeoutError } from '../../../lib/ddp/errors';
import { flush, setup } from './harness';

const RATE_LIMIT = {
  isClientSafe: true,
  error: 'too-many-requests',
  reason: 'Error, too many requests. Please slow down. You must wait 4 seconds before trying again.',
  details: { timeToReset: 3712 },
  message:
    'Error, too many requests. Please slow down. You must wait 4 seconds before trying again. [too-many-requests]',
  errorType: 'Meteor.Error',
};

describe('method calls', () => {
  it('sends the method frame and resolves with the result (EJSON revived)', async () => {
    const h = setup();
    const s = h.handshake();
    const p = h.client.call<{ ts: Date }>('livechat:getInitialData', ['vT7', new Date(5)]);
    const frame = s.last('method');
    expect(frame).toEqual({
      msg: 'method',
      method: 'livechat:getInitialData',
      params: ['vT7', { $date: 5 }],
      id: frame.id,
    });
    s.receive({ msg: 'result', id: frame.id, result: { ts: { $date: 1718000020000 } } });
    s.receive({ msg: 'updated', methods: [frame.id] });
    await expect(p).resolves.toEqual({ ts: new Date(1718000020000) });
    expect(h.client.debugInfo().calls).toEqual({ queued: 0, inFlight: 0, waitingRateLimit: 0 });
  });

  it('settles a call whose answer it cannot revive instead of leaving it waiting', async () => {
    const h = setup();
    const s = h.handshake();
    const deep = h.client.call<{ md: unknown }>('livechat:loadHistory', []);
    const bad = h.client.call('livechat:getInitialData', []);
    const [deepId, badId] = s.framesOf('method').map((f) => f.id as string);
    const depth = 200_000;
    s.receive(`{"msg":"result","id":"${deepId}","result":{"md":${'['.repeat(depth)}{"$date":1}${']'.repeat(depth)}}}`);
    s.receive(`{"msg":"result","id":"${badId}","result":{"$date":"soon"}}`);
    await expect(deep).resolves.toMatchObject({ md: expect.any(Array) });
    await expect(bad).rejects.toMatchObject({ error: 'bad-result' });
    expect(h.client.debugInfo().calls).toEqual({ queued: 0, inFlight: 0, waitingRateLimit: 0 });
  });

  it('accepts updated before result (Meteor) and result before updated (streamer)', async () => {
    const h = setup();
    const s = h.handshake();
    const a = h.client.call('a', []);
    const b = h.client.call('b', []);
    const [idA, idB] = s.framesOf('method').map((f) => f.id as string);
    s.receive({ msg: 'updated', methods: [idA] });
    s.receive({ msg: 'result', id: idA, result: 'A' });
    s.receive({ msg: 'result', id: idB, result: 'B' });
    s.receive({ msg: 'updated', methods: [idB] });
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('B');
    expect(h.client.debugInfo().ignoredFrames).toBe(0);
  });

  it('resolves a void method to undefined (SPEC F11) and uses unique ids', async () => {
    const h = setup();
    const s = h.handshake();
    const calls = [h.client.call('x', []), h.client.call('x', [])];
    const ids = s.framesOf('method').map((f) => f.id);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) s.receive({ msg: 'result', id });
    await expect(Promise.all(calls)).resolves.toEqual([undefined, undefined]);
  });

  it('rejects with a typed Meteor.Error (SPEC F09, F64)', async () => {
    const h = setup();
    const s = h.handshake();
    const p = h.client.call('livechat:getInitialData', ['vT7']);
    s.receive({
      msg: 'result',
      id: s.last('method').id,
      error: {
        isClientSafe: true,
        error: 500,
        reason: 'Internal server error',
        message: 'Internal server error [500]',
        errorType: 'Meteor.Error',
        details: { method: 'm' },
      },
    });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DdpError);
    expect(err).toMatchObject({
      error: 500,
      reason: 'Internal server error',
      details: { method: 'm' },
      isClientSafe: true,
    });
  });

  it('rejects bad arguments with a clear error instead of throwing', async () => {
    const h = setup();
    h.handshake();
    await expect(h.client.call('', [])).rejects.toMatchObject({ error: 'invalid-arguments' });
    await expect(h.client.call('m', 'nope' as unknown as unknown[])).rejects.toMatchObject({
      error: 'invalid-arguments',
    });
    await expect(h.client.call('m', [1n])).rejects.toMatchObject({ error: 'invalid-arguments' });
    await expect(h.client.call('m', [], { timeoutMs: -1 })).rejects.toMatchObject({ error: 'invalid-arguments' });
  });

  it('times out a call that gets no answer, and ignores the late answer', async () => {
    const h = setup();
    const s = h.handshake();
    const p = h.client.call('slow', [], { timeoutMs: 1_000 });
    h.clock.advance(1_000);
    await expect(p).rejects.toBeInstanceOf(DdpTimeoutError);
    s.receive({ msg: 'result', id: s.last('method').id, result: 1 });
    expect(h.client.debugInfo().calls.inFlight).toBe(0);
  });

  it('uses methodTimeoutMs (30 s by default)', async () => {
    const h = setup();
    h.handshake();
    const p = h.client.call('slow', []);
    h.clock.advance(29_999);
    expect(h.client.debugInfo().calls.inFlight).toBe(1);
    h.clock.advance(1);
    await expect(p).rejects.toMatchObject({ error: 'timeout' });
  });
});

describe('rate limits', () => {
  it('waits details.timeToReset, retries and resolves (SPEC F56)', async () => {
    const h = setup();
    const s = h.handshake();
    const p = h.client.call('livechat:sendOfflineMessage', [{ message: 'Hello again?' }]);
    const id = s.last('method').id;
    s.receive({ msg: 'result', id, error: RATE_LIMIT });
    expect(h.client.debugInfo().calls.waitingRateLimit).toBe(1);
    h.clock.advance(3_711);
    expect(s.framesOf('method')).toHaveLength(1);
    h.clock.advance(1);
    expect(s.framesOf('method')).toHaveLength(2);
    s.receive({ msg: 'result', id: s.last('method').id, result: true });
    await expect(p).resolves.toBe(true);
  });

  it('gives up after maxRateLimitRetries and rejects with the rate-limit error', async () => {
    const h = setup({ maxRateLimitRetries: 2 });
    const s = h.handshake();
    const p = h.client.call('m', [], { timeoutMs: 120_000 });
    const rl = { error: 'error-too-many-requests', details: { timeToReset: 1_000, seconds: 1 } };
    for (let i = 0; i < 3; i++) {
      s.receive({ msg: 'result', id: s.last('method').id, error: rl });
      h.clock.advance(1_000);
    }
    expect(s.framesOf('method')).toHaveLength(3);
    await expect(p).rejects.toMatchObject({ error: 'error-too-many-requests' });
  });

  it('does not wait beyond the call’s own timeout', async () => {
    const h = setup();
    const s = h.handshake();
    const p = h.client.call('m', [], { timeoutMs: 2_000 });
    s.receive({ msg: 'result', id: s.last('method').id, error: RATE_LIMIT });
    await expect(p).rejects.toMatchObject({ error: 'too-many-requests' });
  });

  it('a call waiting out a limit survives a reconnect and is sent after it', async () => {
    const h = setup();
    const s = h.handshake();
    const p = h.client.call('m', []);
    s.receive({ msg: 'result', id: s.last('method').id, error: RATE_LIMIT });
    s.serverClose();
    h.clock.advance(3_712);
    expect(h.client.debugInfo().calls.queued).toBe(1);
    const next = h.handshake();
    next.receive({ msg: 'result', id: next.last('method').id, result: 'ok' });
    await expect(p).resolves.toBe('ok');
  });
});

describe('calls across drops', () => {
  it('an in-flight call fails typed on drop; a resendOnReconnect one is re-sent and resolves', async () => {
    const h = setup();
    const s = h.handshake();
    const plain = h.client.call('sendMessageLivechat', [{ _id: 'a' }]);
    const safe = h.client.call('sendMessageLivechat', [{ _id: 'b' }], { resendOnReconnect: true });
    const safeFrame = s.last('method');
    s.serverClose();
    const err = await plain.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DdpDisconnectedError);
    expect(err).toMatchObject({ error: 'disconnected', errorType: 'DdpClient.Error' });
    expect(h.client.debugInfo().calls).toEqual({ queued: 1, inFlight: 0, waitingRateLimit: 0 });
    h.advanceToRetry();
    const next = h.handshake();
    expect(next.framesOf('method')).toEqual([safeFrame]);
    next.receive({ msg: 'result', id: safeFrame.id, result: { _id: 'b' } });
    await expect(safe).resolves.toEqual({ _id: 'b' });
  });

  it('queues calls made while offline, sends them once connected, in order', async () => {
    const h = setup();
    const a = h.client.call('a', [1]);
    h.latest().serverClose();
    const b = h.client.call('b', [2]);
    expect(h.client.debugInfo().calls.queued).toBe(2);
    h.advanceToRetry();
    const s = h.handshake();
    const sent = s.framesOf('method');
    expect(sent.map((f) => f.method)).toEqual(['a', 'b']);
    for (const f of sent) s.receive({ msg: 'result', id: f.id, result: f.method });
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
  });

  it('queued calls still obey their timeout', async () => {
    const h = setup();
    const p = h.client.call('a', [], { timeoutMs: 5_000 });
    h.clock.advance(5_000);
    await expect(p).rejects.toBeInstanceOf(DdpTimeoutError);
    h.handshake();
    expect(h.latest().framesOf('method')).toEqual([]);
  });

  it('calls made by onConnected listeners go before the queued ones (Meteor’s onReconnect order)', async () => {
    const h = setup();
    void h.client.call('queued', []);
    h.client.onConnected(() => void h.client.call('livechat:setUpConnection', [{ token: 't' }]));
    const s = h.handshake();
    expect(s.framesOf('method').map((f) => f.method)).toEqual(['livechat:setUpConnection', 'queued']);
    await flush();
  });

  it('disconnect() fails in-flight calls but keeps resendable and queued ones', async () => {
    const h = setup();
    h.handshake();
    const plain = h.client.call('a', []);
    void h.client.call('b', [], { resendOnReconnect: true });
    h.client.disconnect();
    await expect(plain).rejects.toBeInstanceOf(DdpDisconnectedError);
    expect(h.client.debugInfo().calls.queued).toBe(1);
  });
});
