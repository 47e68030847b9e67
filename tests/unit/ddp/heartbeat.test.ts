import { describe, expect, it } from 'vitest';
import { setup } from './harness';

describe('heartbeat', () => {
  it('pings after 20 s of inbound silence, and again after every quiet 20 s', () => {
    const h = setup();
    const s = h.handshake();
    h.clock.advance(19_999);
    expect(s.framesOf('ping')).toHaveLength(0);
    h.clock.advance(1);
    expect(s.last('ping')).toEqual({ msg: 'ping', id: 'hb-1' });
    s.receive({ msg: 'pong', id: 'hb-1' });
    h.clock.advance(20_000);
    expect(s.framesOf('ping')).toHaveLength(2);
    expect(h.client.status.status).toBe('connected');
  });

  it('any inbound frame postpones the ping', () => {
    const h = setup();
    const s = h.handshake();
    for (let i = 0; i < 10; i++) {
      h.clock.advance(15_000);
      s.receive({ msg: 'changed', collection: 'stream-x', id: 'id', fields: { eventName: 'e', args: [] } });
    }
    expect(s.framesOf('ping')).toHaveLength(0);
    h.clock.advance(20_000);
    expect(s.framesOf('ping')).toHaveLength(1);
  });

  it('drops a link that stays silent 15 s after our ping, reconnects, and revives', () => {
    const h = setup();
    const s = h.handshake();
    h.clock.advance(20_000);
    h.clock.advance(14_999);
    expect(h.client.status.status).toBe('connected');
    h.clock.advance(1);
    expect(h.client.status).toMatchObject({ status: 'waiting', retryCount: 0 });
    expect(s.closedByClient).toBeDefined();
    expect(h.errors.map((e) => e.context)).toEqual(['heartbeat']);

    h.advanceToRetry();
    const revived = h.handshake();
    expect(h.client.status.status).toBe('connected');
    h.clock.advance(20_000);
    expect(revived.framesOf('ping')).toHaveLength(1);
    revived.receive({ msg: 'pong', id: revived.last('ping').id });
    h.clock.advance(20_000);
    revived.receive({ msg: 'pong', id: revived.last('ping').id });
    h.clock.advance(15_000);
    expect(revived.framesOf('ping')).toHaveLength(2);
    expect(h.client.status.status).toBe('connected');
    expect(h.sockets).toHaveLength(2);
  });

  it('honours custom timings and stops pinging once disconnected', () => {
    const h = setup({ pingAfterMs: 1_000, deadAfterMs: 500 });
    const s = h.handshake();
    h.clock.advance(1_000);
    expect(s.framesOf('ping')).toHaveLength(1);
    h.client.disconnect();
    expect(h.clock.pendingDelays()).toEqual([]);
  });
});
