/**
 * The hub posts the deltas of one task as one port message, and never lets that reorder what a UI sees: deltas
 * before the answer of the operation that caused them, no delta older than a snapshot after it, `seq` unbroken.
 */
import { describe, expect, it, vi } from 'vitest';
import { createUiHub, type Handlers, type HubOptions } from '../../../lib/background/ui-hub';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import {
  emptySnapshot,
  eventsOf,
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgToUi,
  type UiToBg,
} from '../../../lib/messaging';
import type { ChatMessage } from '../../../lib/livechat/types';
import { createPortPair } from '../ui/port-pair';

const DESK = 'https://desk.example';
const message = (id: string) => ({ id, rid: 'r', text: id, ts: 1, updatedAt: 1, from: 'agent' }) as ChatMessage;

function setup(handlers: Partial<Handlers> = {}, options: HubOptions = {}) {
  const hub = createUiHub(
    { snapshot: () => emptySnapshot({ state: 'connecting', attempt: 0 }), initial: () => DESK, exists: () => true },
    handlers as Handlers,
    options,
  );
  const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
  const posted: BgToUi[] = [];
  const post = bg.postMessage.bind(bg);
  bg.postMessage = (m) => {
    posted.push(m);
    post(m);
  };
  hub.attach(bg);
  return { hub, ui, posted };
}

const arrival = (hub: ReturnType<typeof setup>['hub'], id: string): void => {
  hub.publish(DESK, { type: 'message/upsert', payload: message(id) });
  hub.publish(DESK, { type: 'patch', payload: { unread: 1 } });
};

describe('ui hub batching', () => {
  it('posts the deltas of one task as one message, in order and numbered on; one delta alone as itself', async () => {
    const { hub, posted } = setup();
    arrival(hub, 'm1');
    hub.publish(DESK, { type: 'patch', payload: { agentTyping: null } });
    expect(posted).toHaveLength(1); // the snapshot; the deltas wait for the end of the task
    await Promise.resolve();
    expect(posted).toHaveLength(2);
    const [batch] = posted.slice(1);
    expect(batch?.kind).toBe('events');
    expect(eventsOf(batch as BgToUi).map((e) => [e.seq, e.type])).toEqual([
      [2, 'message/upsert'],
      [3, 'patch'],
      [4, 'patch'],
    ]);
    hub.publish(DESK, { type: 'message/remove', payload: { id: 'm1' } });
    await Promise.resolve();
    expect(posted.at(-1)).toMatchObject({ kind: 'event', seq: 5, type: 'message/remove' });
  });

  it('sends an operation’s deltas with its answer, and queued deltas before a snapshot, each in one message', async () => {
    let hubRef: ReturnType<typeof setup>['hub'] | undefined;
    const { hub, ui, posted } = setup({
      'chat/seen': async () => {
        arrival(hubRef!, 'm2');
        return null;
      },
    });
    hubRef = hub;
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/seen', params: null });
    await vi.waitFor(() => expect(posted.some((m) => m.kind === 'response')).toBe(true));
    expect(posted.slice(1).map((m) => m.kind)).toEqual(['response']);
    expect(eventsOf(posted[1]!).map((e) => [e.seq, e.type])).toEqual([
      [2, 'message/upsert'],
      [3, 'patch'],
    ]);
    arrival(hub, 'm3');
    hub.resnapshot();
    expect(posted.slice(2).map((m) => m.kind)).toEqual(['events']);
    expect(eventsOf(posted[2]!).map((e) => [e.seq, e.type])).toEqual([
      [4, 'message/upsert'],
      [5, 'patch'],
      [6, 'snapshot'],
    ]);
  });

  it('applies the events an answer carries before the answer resolves', async () => {
    let hubRef: ReturnType<typeof setup>['hub'] | undefined;
    const { hub, ui, posted } = setup({
      'chat/seen': async () => {
        hubRef!.publish(DESK, { type: 'patch', payload: { unread: 0 } });
        return null;
      },
    });
    hubRef = hub;
    const client = createBackgroundClient(() => ui);
    const seen: BgEvent[] = [];
    client.onEvent((event) => seen.push(event));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await client.request('chat/seen', null);
    expect(seen.map((e) => [e.seq, e.type])).toEqual([
      [1, 'snapshot'],
      [2, 'patch'],
    ]);
    expect(posted.map((m) => m.kind)).toEqual(['event', 'response']);
    client.close();
  });

  it('under a burst, posts the deltas of each window together; a delta after a quiet spell at once', async () => {
    let now = 1_000;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const clock = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => void timers.push({ at: now + ms, fn }),
    };
    const { hub, posted } = setup({}, { burst: { windowMs: 8, clock } });
    const runTimers = () => {
      for (const timer of timers.splice(0).filter((t) => t.at <= now)) timer.fn();
    };
    now = 1_100; // a quiet spell after the snapshot
    arrival(hub, 'm1');
    await Promise.resolve();
    expect(posted).toHaveLength(2); // the snapshot, then the first reply at once
    for (const id of ['m2', 'm3', 'm4']) {
      now += 2;
      arrival(hub, id);
      await Promise.resolve();
    }
    expect(posted).toHaveLength(2);
    expect(timers.map((t) => t.at)).toEqual([1_108]);
    now = 1_108;
    runTimers();
    expect(posted).toHaveLength(3);
    expect(eventsOf(posted[2]!).map((e) => [e.seq, e.type])).toEqual([
      [4, 'message/upsert'],
      [5, 'patch'],
      [6, 'message/upsert'],
      [7, 'patch'],
      [8, 'message/upsert'],
      [9, 'patch'],
    ]);
    now = 1_200;
    arrival(hub, 'm5');
    await Promise.resolve();
    expect(posted).toHaveLength(4);
    expect(timers).toHaveLength(0);
  });

  it('counts an answer as a post: the window after it is the answer’s, not the next timer’s', async () => {
    let now = 1_000;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const clock = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => void timers.push({ at: now + ms, fn }),
    };
    let hubRef: ReturnType<typeof setup>['hub'] | undefined;
    const { hub, ui, posted } = setup(
      { 'chat/seen': async () => (hubRef!.publish(DESK, { type: 'patch', payload: { unread: 0 } }), null) },
      { burst: { windowMs: 8, clock } },
    );
    hubRef = hub;
    now = 1_100;
    arrival(hub, 'm1');
    await Promise.resolve();
    now = 1_103;
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/seen', params: null });
    await vi.waitFor(() => expect(posted.at(-1)?.kind).toBe('response'));
    expect(eventsOf(posted.at(-1)!).map((e) => e.type)).toEqual(['patch']);
    now = 1_108;
    for (const timer of timers.splice(0)) timer.fn();
    const before = posted.length;
    now = 1_112;
    arrival(hub, 'm2');
    await Promise.resolve();
    expect(posted).toHaveLength(before + 1);
  });

  it('reaches the UI’s listeners one event at a time, in order, with no gap in seq', async () => {
    const { hub, ui } = setup();
    const client = createBackgroundClient(() => ui);
    const seen: BgEvent[] = [];
    client.onEvent((event) => seen.push(event));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    for (const id of ['a', 'b', 'c']) arrival(hub, id);
    await vi.waitFor(() => expect(seen).toHaveLength(7));
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen.flatMap((e) => (e.type === 'message/upsert' ? [e.payload.id] : []))).toEqual(['a', 'b', 'c']);
    client.close();
  });

  it('ignores a batch of another protocol version and anything in a batch that is not an event', async () => {
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const client = createBackgroundClient(() => ui);
    const seen: BgEvent[] = [];
    client.onEvent((event) => seen.push(event));
    const patch = { v: PROTOCOL_VERSION, kind: 'event', seq: 1, type: 'patch', payload: {} } as BgEvent;
    bg.postMessage({ v: PROTOCOL_VERSION + 1, kind: 'events', events: [patch] } as unknown as BgToUi);
    bg.postMessage({
      v: PROTOCOL_VERSION,
      kind: 'events',
      events: [null, { ...patch, kind: 'events' }, patch],
    } as never);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual(patch);
    client.close();
  });
});
