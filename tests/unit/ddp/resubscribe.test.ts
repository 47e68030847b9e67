import { describe, expect, it, vi } from 'vitest';
import { flush, setup } from './harness';

const STREAM_PARAMS = ['Hk3mPq8ZrT2xWc7Ny', { useCollection: false, args: [{ token: 'vT7', visitorToken: 'vT7' }] }];

describe('resubscribe after reconnect', () => {
  it('re-sends every subscription with its original id and params on every connect', async () => {
    const h = setup();
    const first = h.handshake();
    const onReady = vi.fn();
    const msgs = h.client.subscribe('stream-room-messages', STREAM_PARAMS, { onReady });
    const room = h.client.subscribe('stream-livechat-room', STREAM_PARAMS);
    const sentFirst = first.framesOf('sub');
    expect(sentFirst).toEqual([
      { msg: 'sub', id: msgs.id, name: 'stream-room-messages', params: STREAM_PARAMS },
      { msg: 'sub', id: room.id, name: 'stream-livechat-room', params: STREAM_PARAMS },
    ]);
    first.receive({ msg: 'ready', subs: [msgs.id, room.id] });
    await expect(msgs.ready).resolves.toBeUndefined();
    expect(onReady).toHaveBeenCalledTimes(1);

    for (let round = 2; round <= 4; round++) {
      h.latest().serverClose(1006);
      expect(h.client.status.status).toBe('waiting');
      h.advanceToRetry();
      const next = h.handshake();
      expect(h.sockets).toHaveLength(round);
      expect(next.framesOf('sub')).toEqual(sentFirst);
      // `ready` is re-armed: it is pending until the server confirms again.
      let settled = false;
      void msgs.ready.then(() => (settled = true));
      await flush();
      expect(settled).toBe(false);
      next.receive({ msg: 'ready', subs: [msgs.id, room.id] });
      await flush();
      expect(settled).toBe(true);
      expect(onReady).toHaveBeenCalledTimes(round);
    }
  });

  it('sends subscriptions made while offline once connected, and not stopped ones', () => {
    const h = setup();
    const kept = h.client.subscribe('stream-notify-room', ['r/user-activity', { useCollection: false, args: [] }]);
    const stopped = h.client.subscribe('stream-room-messages', ['r', { useCollection: false, args: [] }]);
    stopped.stop();
    const socket = h.handshake();
    expect(socket.framesOf('sub').map((f) => f.id)).toEqual([kept.id]);
    expect(socket.framesOf('unsub')).toEqual([]);
  });

  it('does not re-send a subscription the server ended with nosub', () => {
    const h = setup();
    const first = h.handshake();
    const sub = h.client.subscribe('stream-room-messages', ['r', { useCollection: false, args: [] }]);
    first.receive({ msg: 'nosub', id: sub.id, error: { error: 'not-allowed', message: '[not-allowed]' } });
    first.serverClose();
    h.advanceToRetry();
    expect(h.handshake().framesOf('sub')).toEqual([]);
  });

  it('re-sends subscriptions before onConnected listeners run', () => {
    const h = setup();
    const order: string[] = [];
    h.client.subscribe('stream-room-messages', ['r', { useCollection: false, args: [] }]);
    h.client.onConnected(() => order.push(`listener saw ${h.latest().framesOf('sub').length} sub`));
    h.handshake();
    expect(order).toEqual(['listener saw 1 sub']);
  });
});
