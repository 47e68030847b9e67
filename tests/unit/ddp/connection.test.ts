import { describe, expect, it, vi } from 'vitest';
import { createDdpClient } from '../../../lib/ddp/client';
import type { DdpStatus } from '../../../lib/ddp/types';
import { fakeSocketFactory } from './fake-socket';
import { setup } from './harness';

describe('handshake', () => {
  it('derives /websocket from an http(s) URL and sends connect once the socket opens (SPEC F02)', () => {
    const h = setup({ url: 'https://chat.example.com/base/' });
    expect(h.latest().url).toBe('wss://chat.example.com/base/websocket');
    expect(h.client.status).toEqual({ status: 'connecting', connected: false, retryCount: 0 });
    h.latest().open();
    expect(h.latest().frames()).toEqual([{ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] }]);
  });

  it('keeps a ws(s) URL as it is and rejects bad ones', () => {
    expect(setup({ url: 'ws://127.0.0.1:3000/websocket' }).latest().url).toBe('ws://127.0.0.1:3000/websocket');
    expect(() => setup({ url: 'ftp://x' })).toThrow(TypeError);
    expect(() => setup({ url: 'not a url' })).toThrow(TypeError);
  });

  it.each([{ server_id: '0' }, { msg: 'server_id', server_id: '0' }])('accepts greeting %j', (greeting) => {
    const h = setup();
    const s = h.latest();
    s.open();
    s.receive(greeting);
    s.receive({ msg: 'connected', session: 'Fq4ZcW8xN2mRk7TpB' });
    expect(h.client.status).toEqual({ status: 'connected', connected: true, retryCount: 0 });
    expect(h.client.debugInfo().ignoredFrames).toBe(0);
  });

  it('re-offers a version the server proposes if we speak it, then fails for good', () => {
    const h = setup();
    h.latest().open();
    h.latest().receive({ msg: 'failed', version: 'pre2' });
    expect(h.sockets).toHaveLength(2);
    h.latest().open();
    expect(h.latest().last('connect').version).toBe('pre2');
    h.latest().receive({ msg: 'failed', version: '1' });
    expect(h.client.status).toMatchObject({ status: 'failed', connected: false });
    expect(h.sockets[1]?.closedByClient).toBeDefined();
  });

  it('`failed` on version mismatch is permanent until connect() (SPEC F04)', () => {
    const h = setup();
    const statuses: DdpStatus[] = [];
    h.client.onStatus((s) => statuses.push(s));
    h.latest().open();
    h.latest().receive({ msg: 'failed', version: '2' });
    expect(h.client.status).toEqual({
      status: 'failed',
      connected: false,
      retryCount: 0,
      reason: 'DDP version negotiation failed: we offered 1, the server proposed version 2',
    });
    h.clock.advance(3_600_000);
    expect(h.sockets).toHaveLength(1);
    h.client.connect();
    expect(h.sockets).toHaveLength(2);
    h.handshake();
    expect(h.latest().last('connect').version).toBe('1');
    expect(statuses.map((s) => s.status)).toEqual(['failed', 'connecting', 'connected']);
  });

  it('reports protocol error frames without dropping the link', () => {
    const h = setup();
    const s = h.handshake();
    s.receive({ msg: 'error', reason: 'Already connected', offendingMessage: { msg: 'connect' } });
    expect(h.client.status.status).toBe('connected');
    expect(h.errors).toEqual([
      { error: expect.objectContaining({ error: 'protocol-error', reason: 'Already connected' }), context: 'server' },
    ]);
  });

  it('gives up on a socket that never completes the handshake', () => {
    const h = setup({ connectTimeoutMs: 5_000 });
    h.latest().open();
    h.clock.advance(5_000);
    expect(h.client.status.status).toBe('waiting');
    expect(h.sockets[0]?.closedByClient).toBeDefined();
    expect(h.errors[0]?.context).toBe('connect');
  });

  it('ignores frames that arrive before the handshake', () => {
    const h = setup();
    h.latest().open();
    h.latest().receive({ msg: 'result', id: '1', result: 1 });
    expect(h.client.debugInfo().ignoredFrames).toBe(1);
  });

  it('stays offline with autoConnect false until connect()', () => {
    const { factory, sockets } = fakeSocketFactory();
    const client = createDdpClient({ url: 'http://x', socketFactory: factory, autoConnect: false });
    expect(client.status.status).toBe('offline');
    expect(sockets).toHaveLength(0);
    client.close();
  });
});

describe('ping/pong', () => {
  it('answers a server ping with the same id, or with none (SPEC F43–F46)', () => {
    const h = setup();
    const s = h.handshake();
    s.receive({ msg: 'ping' });
    s.receive({ msg: 'ping', id: 'x-7' });
    expect(s.framesOf('pong')).toEqual([{ msg: 'pong' }, { msg: 'pong', id: 'x-7' }]);
  });
});

describe('reconnect', () => {
  it('reconnects forever with a jittered, capped exponential backoff', () => {
    const randoms = [0, 1, 0.5];
    let i = 0;
    const h = setup({ random: () => randoms[i++ % randoms.length] ?? 0 });
    const delays: number[] = [];
    h.latest().serverClose();
    for (let n = 0; n < 12; n++) {
      expect(h.client.status).toMatchObject({ status: 'waiting', retryCount: n });
      delays.push(h.advanceToRetry());
      expect(h.client.status).toMatchObject({ status: 'connecting', retryCount: n + 1 });
      h.latest().fail();
    }
    // base = min(30000, 500·2^n); delay = base·(1 − 0.5·random)
    const expected = delays.map((_, n) => {
      const base = Math.min(30_000, 500 * 2 ** n);
      return Math.round(base * (1 - 0.5 * (randoms[n % 3] ?? 0)));
    });
    expect(delays).toEqual(expected);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    expect(delays.slice(-3)).toEqual([30_000, 15_000, 22_500]);
  });

  it('resets the backoff after a good connection', () => {
    const h = setup();
    for (let n = 0; n < 5; n++) {
      if (n === 0) h.latest().serverClose();
      else h.latest().fail();
      h.advanceToRetry();
    }
    h.handshake();
    h.latest().serverClose();
    expect(h.client.status).toMatchObject({ status: 'waiting', retryCount: 0 });
    expect(h.advanceToRetry()).toBe(375);
  });

  it('reconnect() retries at once and does not count as a retry', () => {
    const h = setup();
    h.handshake().serverClose();
    h.advanceToRetry();
    h.latest().fail();
    expect(h.client.status).toMatchObject({ status: 'waiting', retryCount: 1 });
    h.client.reconnect();
    expect(h.client.status).toEqual({ status: 'connecting', connected: false, retryCount: 1 });
    expect(h.sockets).toHaveLength(3);
  });

  it('reconnect() while connected probes the link instead of dropping it', () => {
    const h = setup();
    const s = h.handshake();
    h.client.reconnect();
    expect(s.framesOf('ping')).toHaveLength(1);
    expect(h.sockets).toHaveLength(1);
    s.receive({ msg: 'pong', id: s.last('ping').id });
    h.clock.advance(15_000);
    expect(h.client.status.status).toBe('connected');
  });

  it('comes straight back after the streamer’s 4000 close, then backs off as usual', () => {
    const h = setup();
    h.handshake().serverClose(4000, 'timeout');
    expect(h.client.status).toMatchObject({ status: 'waiting', retryCount: 0 });
    expect(h.advanceToRetry()).toBe(0);
    h.latest().serverClose(4000);
    expect(h.advanceToRetry()).toBe(750);
  });

  it('disconnect() stays offline until connect(); stale socket events are ignored', () => {
    const h = setup();
    const s = h.handshake();
    h.client.disconnect();
    expect(h.client.status).toEqual({ status: 'offline', connected: false, retryCount: 0 });
    expect(s.closedByClient).toEqual({ code: 1000 });
    s.serverClose();
    h.clock.advance(3_600_000);
    expect(h.sockets).toHaveLength(1);
    h.client.connect();
    h.handshake();
    expect(h.client.status.status).toBe('connected');
  });

  it('retries when the socket factory throws', () => {
    let calls = 0;
    const { factory, sockets } = fakeSocketFactory();
    const h = setup({
      socketFactory: (url) => {
        if (++calls === 1) throw new Error('CSP says no');
        return factory(url);
      },
    });
    expect(h.client.status.status).toBe('waiting');
    expect(h.errors[0]?.context).toBe('socketFactory');
    h.advanceToRetry();
    expect(sockets).toHaveLength(1);
  });

  it('a throwing status listener neither breaks the client nor the other listeners', () => {
    const h = setup();
    const seen = vi.fn();
    h.client.onStatus(() => {
      throw new Error('listener bug');
    });
    h.client.onStatus(seen);
    h.handshake();
    expect(h.client.status.status).toBe('connected');
    expect(seen).toHaveBeenCalledWith({ status: 'connected', connected: true, retryCount: 0 });
    expect(h.errors.map((e) => e.context)).toEqual(['onStatus listener']);
  });

  it('close() stops everything and clears every timer', async () => {
    const h = setup();
    h.handshake();
    const call = h.client.call('m', []);
    const sub = h.client.subscribe('s', []);
    h.client.close();
    await expect(call).rejects.toMatchObject({ name: 'DdpClosedError', error: 'client-closed' });
    await expect(sub.ready).rejects.toMatchObject({ error: 'client-closed' });
    await expect(h.client.call('m', [])).rejects.toMatchObject({ error: 'client-closed' });
    expect(h.clock.pendingDelays()).toEqual([]);
    h.client.connect();
    expect(h.sockets).toHaveLength(1);
  });
});
