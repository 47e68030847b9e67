import { describe, expect, it, vi } from 'vitest';
import { DdpError } from '../../../lib/ddp/errors';
import { setup } from './harness';

const PARAMS = ['Hk3mPq8ZrT2xWc7Ny', { useCollection: false, args: [{ token: 'vT7', visitorToken: 'vT7' }] }];
const NOT_ALLOWED = { isClientSafe: true, error: 'not-allowed', message: '[not-allowed]', errorType: 'Meteor.Error' };

describe('subscriptions', () => {
  it('sends sub and resolves ready (SPEC F19–F20)', async () => {
    const h = setup();
    const s = h.handshake();
    const onReady = vi.fn();
    const sub = h.client.subscribe('stream-room-messages', PARAMS, { onReady });
    expect(s.last('sub')).toEqual({ msg: 'sub', id: sub.id, name: 'stream-room-messages', params: PARAMS });
    s.receive({ msg: 'ready', subs: [sub.id] });
    s.receive({ msg: 'ready', subs: [sub.id] });
    await expect(sub.ready).resolves.toBeUndefined();
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it('nosub with an error refuses the subscription (SPEC F15)', async () => {
    const h = setup();
    const s = h.handshake();
    const onNosub = vi.fn();
    const sub = h.client.subscribe('stream-room-messages', PARAMS, { onNosub });
    s.receive({ msg: 'nosub', id: sub.id, error: NOT_ALLOWED });
    const err = await sub.ready.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DdpError);
    expect(err).toMatchObject({ error: 'not-allowed', message: '[not-allowed]' });
    expect(onNosub).toHaveBeenCalledWith(err);
    expect(h.client.debugInfo().subscriptions).toBe(0);
  });

  it('a nosub whose error cannot be revived still refuses the subscription', async () => {
    const h = setup();
    const s = h.handshake();
    const sub = h.client.subscribe('stream-room-messages', PARAMS);
    s.receive({ msg: 'nosub', id: sub.id, error: { error: { $date: 'soon' } } });
    await expect(sub.ready).rejects.toMatchObject({ error: 'bad-error' });
    expect(h.client.debugInfo().subscriptions).toBe(0);
  });

  it('a bare nosub before ready is a refusal too (3.x, SPEC §8)', async () => {
    const h = setup();
    const s = h.handshake();
    const sub = h.client.subscribe('stream-room-messages', PARAMS);
    s.receive({ msg: 'nosub', id: sub.id });
    await expect(sub.ready).rejects.toMatchObject({ error: 'subscription-refused' });
  });

  it('a nosub after ready ends the subscription and tells onNosub', async () => {
    const h = setup();
    const s = h.handshake();
    const onNosub = vi.fn();
    const sub = h.client.subscribe('stream-room-messages', PARAMS, { onNosub });
    s.receive({ msg: 'ready', subs: [sub.id] });
    s.receive({ msg: 'nosub', id: sub.id });
    await expect(sub.ready).resolves.toBeUndefined();
    expect(onNosub).toHaveBeenCalledWith(undefined);
    expect(h.client.debugInfo().subscriptions).toBe(0);
  });

  it('stop() sends unsub and the confirming nosub is absorbed (SPEC F65–F66)', async () => {
    const h = setup();
    const s = h.handshake();
    const onNosub = vi.fn();
    const sub = h.client.subscribe('stream-notify-room', ['r/user-activity', { useCollection: false, args: [] }], {
      onNosub,
    });
    s.receive({ msg: 'ready', subs: [sub.id] });
    sub.stop();
    sub.stop();
    expect(s.framesOf('unsub')).toEqual([{ msg: 'unsub', id: sub.id }]);
    s.receive({ msg: 'nosub', id: sub.id });
    expect(onNosub).not.toHaveBeenCalled();
    expect(h.client.debugInfo().subscriptions).toBe(0);
  });

  it('stop() before ready rejects ready instead of leaving it pending forever', async () => {
    const h = setup();
    h.handshake();
    const sub = h.client.subscribe('s', []);
    sub.stop();
    await expect(sub.ready).rejects.toMatchObject({ error: 'subscription-stopped' });
  });

  it('bad params give a handle whose ready rejects, and nothing is sent', async () => {
    const h = setup();
    const s = h.handshake();
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    await expect(h.client.subscribe('s', cyclic).ready).rejects.toMatchObject({ error: 'invalid-arguments' });
    await expect(h.client.subscribe('', []).ready).rejects.toMatchObject({ error: 'invalid-arguments' });
    expect(s.framesOf('sub')).toEqual([]);
  });

  it('a throwing onReady listener is reported, not propagated', () => {
    const h = setup();
    const s = h.handshake();
    const sub = h.client.subscribe('s', [], {
      onReady: () => {
        throw new Error('bug');
      },
    });
    s.receive({ msg: 'ready', subs: [sub.id] });
    expect(h.errors.map((e) => e.context)).toEqual(['onReady listener']);
  });
});

/** A stream event frame (SPEC §1.6). */
function changed(collection: string, eventName: unknown, args: unknown) {
  return {
    msg: 'changed' as const,
    collection,
    id: 'id',
    fields: { eventName, args },
  };
}

describe('streams', () => {
  it('routes changed frames by collection and eventName (SPEC F27–F31)', () => {
    const h = setup();
    const s = h.handshake();
    const messages = vi.fn();
    const room = vi.fn();
    const typing = vi.fn();
    h.client.onStream('stream-room-messages', 'Hk3', messages);
    h.client.onStream('stream-livechat-room', 'Hk3', room);
    h.client.onStream('stream-notify-room', 'Hk3/user-activity', typing);
    s.receive({
      msg: 'changed',
      collection: 'stream-room-messages',
      id: 'id',
      fields: { eventName: 'Hk3', args: [{ _id: 'Tc5', ts: { $date: 1718000020000 }, msg: 'connected' }] },
    });
    s.receive(changed('stream-livechat-room', 'Hk3', [{ type: 'queueData', data: { spot: 1 } }]));
    s.receive(changed('stream-notify-room', 'Hk3/user-activity', ['maria.agent', ['user-typing'], {}]));
    expect(messages).toHaveBeenCalledWith([{ _id: 'Tc5', ts: new Date(1718000020000), msg: 'connected' }]);
    expect(room).toHaveBeenCalledWith([{ type: 'queueData', data: { spot: 1 } }]);
    expect(typing).toHaveBeenCalledWith(['maria.agent', ['user-typing'], {}]);
  });

  it('hands stream args over as plain JSON when asked, while method results stay revived', async () => {
    const h = setup({ reviveStreamArgs: false });
    const s = h.handshake();
    const messages = vi.fn();
    h.client.onStream('stream-room-messages', 'Hk3', messages);
    s.receive(changed('stream-room-messages', 'Hk3', [{ _id: 'Tc5', ts: { $date: 1718000020000 } }]));
    expect(messages).toHaveBeenCalledWith([{ _id: 'Tc5', ts: { $date: 1718000020000 } }]);
    const call = h.client.call('livechat:getAgentData', []);
    s.receive({ msg: 'result', id: String(JSON.parse(s.sent.at(-1) ?? '{}').id), result: { ts: { $date: 5 } } });
    await expect(call).resolves.toEqual({ ts: new Date(5) });
  });

  it('ignores unknown collections and event names; counts malformed stream events', () => {
    const h = setup();
    const s = h.handshake();
    const handler = vi.fn();
    h.client.onStream('stream-room-messages', 'Hk3', handler);
    s.receive(changed('stream-other', 'Hk3', []));
    s.receive(changed('stream-room-messages', 'other-room', []));
    expect(h.client.debugInfo().ignoredFrames).toBe(0);
    s.receive(changed('stream-room-messages', 7, []));
    s.receive(changed('stream-room-messages', 'Hk3', 'not-an-array'));
    s.receive({ msg: 'changed', collection: 'stream-room-messages', id: 'id' });
    expect(h.client.debugInfo().ignoredFrames).toBe(3);
    expect(handler).not.toHaveBeenCalled();
  });

  it('routes the same with many routes as with few, and as routes come and go', () => {
    const h = setup();
    const s = h.handshake();
    const seen: string[] = [];
    const offs = Array.from({ length: 30 }, (_, i) =>
      h.client.onStream(`stream-${i % 3}`, `room-${i}`, (args) => seen.push(`${i}:${String(args[0])}`)),
    );
    const deliverAll = (tag: string) => {
      for (let i = 0; i < 30; i++) s.receive(changed(`stream-${i % 3}`, `room-${i}`, [tag]));
      s.receive(changed('stream-0', 'room-1', [tag]));
      s.receive(changed('stream-0', 7, [tag]));
      s.receive(changed('stream-9', 7, [tag]));
    };
    deliverAll('many');
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `${i}:many`));
    expect(h.client.debugInfo().ignoredFrames).toBe(1);
    for (const off of offs.slice(2)) off();
    seen.length = 0;
    deliverAll('few');
    expect(seen).toEqual(['0:few', '1:few']);
    expect(h.client.debugInfo().ignoredFrames).toBe(2);
    expect(h.client.debugInfo().streamHandlers).toBe(2);
  });

  it('fans out to every handler; a throwing one is reported and the others still run', () => {
    const h = setup();
    const s = h.handshake();
    const calls: string[] = [];
    h.client.onStream('c', 'e', () => {
      throw new Error('bad handler');
    });
    const off = h.client.onStream('c', 'e', () => {
      calls.push('second');
      off();
    });
    h.client.onStream('c', 'e', () => calls.push('third'));
    s.receive(changed('c', 'e', []));
    s.receive(changed('c', 'e', []));
    expect(calls).toEqual(['second', 'third', 'third']);
    expect(h.errors.map((e) => e.context)).toEqual(['stream handler c/e', 'stream handler c/e']);
    expect(h.client.debugInfo().streamHandlers).toBe(2);
  });

  it('unsubscribing the same function registered twice removes one registration at a time', () => {
    const h = setup();
    const s = h.handshake();
    const handler = vi.fn();
    const off1 = h.client.onStream('c', 'e', handler);
    h.client.onStream('c', 'e', handler);
    off1();
    off1();
    s.receive(changed('c', 'e', []));
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
