// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it } from 'vitest';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { createChatModel } from '../../../lib/ui/chat-model';
import { upsertMessage } from '../../../lib/ui/message-deltas';
import { effect } from '../../../lib/ui/signals';
import { agentMessage } from '../fakes/chat-message';
import { baseSnapshot, createFakeWorker, flush } from './fake-worker';

const msg = agentMessage;

async function setup(snapshot = baseSnapshot()) {
  const worker = createFakeWorker(snapshot);
  const client = createBackgroundClient(worker.connect);
  // Frames come at once here; the test of batching below drives them by hand.
  const model = createChatModel(client, { frame: (fn) => setTimeout(fn, 0) });
  await flush();
  return { worker, client, model };
}

describe('upsertMessage', () => {
  it('inserts in ts order, replaces by id and moves a message whose ts changed', () => {
    let list = [msg('a', 10), msg('c', 30)];
    list = upsertMessage(list, msg('b', 20));
    expect(list.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    list = upsertMessage(list, msg('d', 30));
    expect(list.map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
    list = upsertMessage(list, { ...msg('b', 20), text: 'edited' });
    expect(list[1]).toMatchObject({ id: 'b', text: 'edited' });
    list = upsertMessage(list, msg('a', 40));
    expect(list.map((m) => m.id)).toEqual(['b', 'c', 'd', 'a']);
  });
});

describe('createChatModel', () => {
  it('orders a snapshot by time, keeping the worker’s order among messages of the same time', async () => {
    const same = [msg('z', 20), msg('y', 20), msg('x', 10), msg('w', 20)];
    const { model } = await setup(baseSnapshot({ messages: same }));
    expect(model.messages.value.map((m) => m.id)).toEqual(['x', 'z', 'y', 'w']);
  });

  it('applies the snapshot, then patches and message deltas in order', async () => {
    const { worker, client, model } = await setup(baseSnapshot({ messages: [msg('m2', 20), msg('m1', 10)] }));
    expect(model.ready.value).toBe(true);
    expect(model.messages.value.map((m) => m.id)).toEqual(['m1', 'm2']);

    worker.emit('patch', { agentTyping: 'Jane', unread: 2 });
    worker.emit('message/upsert', msg('m3', 30, { from: 'visitor', delivery: 'pending' }));
    worker.emit('message/upsert', { ...msg('m1', 10), text: 'edited' });
    worker.emit('message/remove', { id: 'm2' });
    await flush();

    expect(model.agentTyping.value).toBe('Jane');
    expect(model.unread.value).toBe(2);
    expect(model.connection.value).toEqual({ state: 'connected' });
    expect(model.messages.value.map((m) => [m.id, m.text])).toEqual([
      ['m1', 'edited'],
      ['m3', 'text m3'],
    ]);
    expect(model.pendingCount.value).toBe(1);
    model.dispose();
    client.close();
  });

  it('starts the view afresh for another desk: where its unread replies begin is that desk’s own', async () => {
    const { worker, model } = await setup(baseSnapshot({ messages: [msg('a1', 10)], unread: 1 }));
    expect(model.firstUnread.value).toBe('a1');
    // The same desk again (a resync) keeps the mark where the page opened.
    worker.setSnapshot(baseSnapshot({ messages: [msg('a1', 10), msg('a2', 20)], unread: 1 }));
    worker.sendSnapshot();
    await flush();
    expect(model.firstUnread.value).toBe('a1');
    worker.setSnapshot(
      baseSnapshot({ serverUrl: 'https://other.example', messages: [msg('b1', 10), msg('b2', 20)], unread: 1 }),
    );
    worker.sendSnapshot();
    await flush();
    expect(model.serverUrl.value).toBe('https://other.example');
    expect(model.firstUnread.value).toBe('b2');
  });

  it('asks for a resync on a gap and ignores deltas until the new snapshot', async () => {
    const { worker, client, model } = await setup();
    worker.emit('message/upsert', msg('m1', 10));
    worker.emit('message/upsert', msg('lost', 15), { skip: true });
    worker.emit('message/upsert', msg('m3', 30));
    worker.emit('message/upsert', msg('m4', 40));
    await flush();

    expect(model.messages.value.map((m) => m.id)).toEqual(['m1']);
    expect(worker.requests.filter((r) => r.op === 'chat/resync')).toHaveLength(1);

    worker.setSnapshot(baseSnapshot({ messages: [msg('m1', 10), msg('lost', 15), msg('m3', 30), msg('m4', 40)] }));
    worker.sendSnapshot();
    worker.emit('message/upsert', msg('m5', 50));
    await flush();

    expect(model.messages.value.map((m) => m.id)).toEqual(['m1', 'lost', 'm3', 'm4', 'm5']);
    model.dispose();
    client.close();
  });

  it('starts over from the snapshot of a new port after the worker restarts', async () => {
    const { worker, client, model } = await setup(baseSnapshot({ messages: [msg('m1', 10)] }));
    worker.setSnapshot(baseSnapshot({ messages: [msg('m1', 10), msg('m2', 20)], connection: { state: 'offline' } }));
    worker.kill();
    await flush();

    expect(model.messages.value.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(model.connection.value).toEqual({ state: 'offline' });
    expect(worker.requests.filter((r) => r.op === 'chat/resync')).toHaveLength(0);
    model.dispose();
    client.close();
  });

  it('sends actions as requests, deduplicating typing and seen', async () => {
    const { worker, client, model } = await setup();
    worker.handle('chat/send', ({ text }) => ({ messageId: `id:${text}` }));

    await expect(model.send('hi')).resolves.toBe('id:hi');
    await model.register({ name: 'Ada', email: 'ada@example.com', department: 'D1' });
    await model.retry('m9');
    model.typing(true);
    model.typing(true);
    model.typing(false);
    model.seen();
    model.seen();
    await flush();

    expect(worker.requests.map((r) => [r.op, r.params])).toEqual([
      ['chat/send', { text: 'hi' }],
      ['chat/register', { name: 'Ada', email: 'ada@example.com', department: 'D1' }],
      ['chat/retry', { messageId: 'm9' }],
      ['chat/typing', { typing: true }],
      ['chat/typing', { typing: false }],
      ['chat/seen', null],
    ]);
    model.dispose();
    client.close();
  });

  it('stops following the client once disposed', async () => {
    const { worker, client, model } = await setup();
    model.dispose();
    worker.emit('patch', { unread: 5 });
    await flush();

    expect(model.unread.value).toBe(0);
    client.close();
  });

  it('shows a single message at once, and a flood of 5 000 in a few renders, in order', async () => {
    const worker = createFakeWorker(baseSnapshot());
    const client = createBackgroundClient(worker.connect);
    const frames: Array<() => void> = [];
    const model = createChatModel(client, { frame: (fn) => void frames.push(fn) });
    await flush();
    let renders = 0;
    const stop = effect(() => {
      void model.messages.value;
      renders += 1;
    });
    renders = 0;

    worker.emit('message/upsert', msg('first', 1));
    await flush();
    // No waiting for a frame: the one message is there.
    expect(model.messages.value.map((m) => m.id)).toEqual(['first']);

    // As the worker sends them: each agent message followed by the unread count.
    for (let i = 2; i <= 5_000; i += 1) {
      worker.emit('message/upsert', msg(`m${i}`, 5_001 - i));
      worker.emit('patch', { unread: i });
    }
    worker.emit('message/remove', { id: 'm2' });
    await flush();
    while (frames.length > 0) frames.shift()?.();
    const ids = model.messages.value.map((m) => m.id);
    expect(ids).toHaveLength(4_999);
    expect(ids[0]).toBe('first');
    expect(ids.at(-1)).toBe('m3');
    expect(ids).not.toContain('m2');
    expect(renders).toBeLessThanOrEqual(3);
    expect(model.unread.value).toBe(5_000);
    stop();
    model.dispose();
    client.close();
  });

  it('has the deltas an operation caused applied when its answer resolves, frame or not', async () => {
    const worker = createFakeWorker(baseSnapshot());
    const client = createBackgroundClient(worker.connect);
    const frames: Array<() => void> = [];
    const model = createChatModel(client, { frame: (fn) => void frames.push(fn) });
    await flush();
    worker.handle('chat/loadOlder', async () => {
      for (let i = 1; i <= 50; i += 1) worker.emit('message/upsert', msg(`old${i}`, i));
      return { loaded: 50 };
    });
    await model.act('chat/loadOlder', null);
    expect(model.messages.value).toHaveLength(50);
    model.dispose();
    client.close();
  });
});
