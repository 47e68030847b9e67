/**
 * The model against the worker's real hub: a snapshot brings the newest page, the model asks for the rest once it
 * has drawn, and whatever crossed in between (new, edited, deleted, paged messages) is neither lost nor doubled.
 */
import { describe, expect, it } from 'vitest';
import type { createUiHub, Handlers } from '../../../lib/background/ui-hub';
import type { ChatMessage } from '../../../lib/livechat/types';
import { PROTOCOL_VERSION, SNAPSHOT_PAGE_MESSAGES } from '../../../lib/messaging';
import { createChatModel } from '../../../lib/ui/chat-model';
import { flush } from './fake-worker';
import { createHubDesk, DESK, msg } from './hub-desk';

/** A desk of `count` agent messages behind a real hub, a model on a port to it, and the model's frames by hand. */
async function open(count = 500, unread = 0, handlers: Partial<Handlers> = {}) {
  const messages = Array.from({ length: count }, (_, i) => msg(`m${i + 1}`, (i + 1) * 10));
  const served = createHubDesk(messages, { unread }, handlers);
  const frames: Array<() => void> = [];
  const model = createChatModel(served.client, { frame: (fn) => void frames.push(fn) });
  await flush();
  const nextFrame = async (): Promise<void> => {
    for (const fn of frames.splice(0)) fn();
    await flush();
  };
  return { ...served, model, nextFrame };
}

const ids = (list: readonly ChatMessage[]): string[] => list.map((m) => m.id);

describe('a long conversation’s snapshot', () => {
  it('shows the newest page first, asks for the rest after that frame, then shows every message', async () => {
    const { desk, model, requests, nextFrame } = await open(500, 100);
    expect(model.ready.value).toBe(true);
    expect(model.live.value).toBe(false);
    expect(ids(model.messages.value)).toEqual(ids(desk.messages.slice(-SNAPSHOT_PAGE_MESSAGES)));
    // Where "new messages" starts lies beyond the page: the worker said it.
    expect(model.firstUnread.value).toBe('m401');
    expect(requests).not.toContain('chat/rest');
    await nextFrame();
    expect(requests.filter((op) => op === 'chat/rest')).toHaveLength(1);
    expect(model.live.value).toBe(true);
    expect(ids(model.messages.value)).toEqual(ids(desk.messages));
    expect(model.firstUnread.value).toBe('m401');
  });

  it('loses and doubles nothing that changed between the snapshot and the rest', async () => {
    const { desk, model, nextFrame, upsert, remove } = await open(200);
    upsert(msg('new', 5_000));
    upsert({ ...desk.messages[10]!, text: 'edited while the rest was on its way' });
    remove('m20');
    upsert(msg('m180', 1_800, { text: 'edited in the page' }));
    await flush();
    expect(model.messages.value.at(-1)?.id).toBe('new');
    await nextFrame();
    await nextFrame();
    expect(model.messages.value).toEqual(desk.messages);
    expect(model.live.value).toBe(true);
  });

  it('keeps what an older page from the server brought before the rest came', async () => {
    let hub: ReturnType<typeof createUiHub> | undefined;
    const older = Array.from({ length: 20 }, (_, i) => msg(`old${i + 1}`, (i + 1) / 10));
    const handlers: Partial<Handlers> = {
      'chat/loadOlder': async () => {
        for (const m of older) hub?.publish(DESK, { type: 'message/upsert', payload: m });
        return { loaded: older.length };
      },
    };
    const opened = await open(100, 0, handlers);
    hub = opened.hub;
    opened.desk.messages = [...older, ...opened.desk.messages];
    await opened.model.act('chat/loadOlder', null);
    expect(opened.model.messages.value).toHaveLength(SNAPSHOT_PAGE_MESSAGES + 20);
    await opened.nextFrame();
    expect(opened.model.messages.value).toEqual(opened.desk.messages);
  });

  it('after a delta lost while the rest was due, takes a new snapshot and its rest', async () => {
    const { desk, model, ports, requests, nextFrame, upsert } = await open(120);
    // A delta numbered far ahead: the model sees a gap and asks for a snapshot.
    ports[0]!.postMessage({ v: PROTOCOL_VERSION, kind: 'event', seq: 99, type: 'patch', payload: {} });
    await flush();
    expect(requests).toContain('chat/resync');
    upsert(msg('after', 4_000));
    await nextFrame();
    await nextFrame();
    expect(ids(model.messages.value)).toEqual(ids(desk.messages));
    expect(model.live.value).toBe(true);
  });
});
