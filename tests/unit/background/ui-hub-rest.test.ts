/**
 * A port's snapshot carries the newest page of messages only; the older ones cross when the UI asks (`chat/rest`),
 * as one more numbered event read from the desk as it is then.
 */
import { describe, expect, it, vi } from 'vitest';
import { createUiHub, type Handlers } from '../../../lib/background/ui-hub';
import {
  emptySnapshot,
  eventsOf,
  PORT_NAME,
  PROTOCOL_VERSION,
  SNAPSHOT_PAGE_CHARS,
  SNAPSHOT_PAGE_MESSAGES,
  type BgEvent,
  type BgToUi,
  type ChatSnapshot,
  type UiToBg,
} from '../../../lib/messaging';
import type { ChatMessage } from '../../../lib/livechat/types';
import { agentMessage } from '../fakes/chat-message';
import { createPortPair } from '../ui/port-pair';

const A = 'https://a.example';
const B = 'https://b.example';

const message = agentMessage;
const many = (count: number, prefix = 'm'): ChatMessage[] =>
  Array.from({ length: count }, (_, i) => message(`${prefix}${i + 1}`, (i + 1) * 10));

function setup(messages: Record<string, ChatMessage[]>, unread = 0) {
  const snapshot = (desk: string | null): ChatSnapshot => ({
    ...emptySnapshot({ state: 'connected' }),
    serverUrl: desk,
    messages: messages[desk ?? ''] ?? [],
    unread,
  });
  const hub = createUiHub({ snapshot, initial: () => A, exists: () => true }, {} as Handlers);
  const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
  const seen: BgEvent[] = [];
  const answered: string[] = [];
  ui.onMessage.addListener((m) => {
    seen.push(...eventsOf(m));
    if (m.kind === 'response') answered.push(m.id);
  });
  hub.attach(bg);
  let next = 0;
  const ask = async (op: 'chat/rest' | 'desk/focus', params: unknown = null): Promise<void> => {
    const id = `q${(next += 1)}`;
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id, op, params } as UiToBg);
    await vi.waitFor(() => expect(answered).toContain(id));
  };
  return { hub, seen, ask };
}

const ids = (list: readonly ChatMessage[]): string[] => list.map((m) => m.id);

describe('a snapshot’s first page and its rest', () => {
  it('sends the newest page first, with the number held back and where unread starts over all of them', async () => {
    const all = many(500);
    const { seen } = setup({ [A]: all }, 100);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const [first] = seen;
    if (first?.type !== 'snapshot') throw new Error('no snapshot');
    expect(ids(first.payload.messages)).toEqual(ids(all.slice(-SNAPSHOT_PAGE_MESSAGES)));
    expect(first.payload.held).toBe(500 - SNAPSHOT_PAGE_MESSAGES);
    // The 100th newest agent message: outside the page, so the worker has to say it.
    expect(first.payload.unreadFrom).toBe('m401');
    expect(JSON.stringify(first).length).toBeLessThan(20_000);
  });

  it('bounds the page by characters too: long messages leave fewer of them', async () => {
    const long = many(40).map((m) => ({ ...m, text: 'x'.repeat(20_000) }));
    const { seen } = setup({ [A]: long });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const first = seen[0];
    if (first?.type !== 'snapshot') throw new Error('no snapshot');
    expect(first.payload.messages.length).toBe(3);
    expect(JSON.stringify(first.payload.messages).length).toBeLessThanOrEqual(SNAPSHOT_PAGE_CHARS);
    expect(first.payload.held).toBe(37);
  });

  it('sends the rest as the next numbered event, as the desk holds it then, once', async () => {
    const desk = { [A]: many(100) };
    const { hub, seen, ask } = setup(desk);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    // Between the snapshot and the request: an old message edited, another deleted, a new one, each published.
    const edited = { ...desk[A]![4]!, text: 'edited' };
    desk[A] = [...desk[A]!.slice(0, 4), edited, ...desk[A]!.slice(6), message('new', 5_000)];
    hub.publish(A, { type: 'message/upsert', payload: edited });
    hub.publish(A, { type: 'message/remove', payload: { id: 'm6' } });
    hub.publish(A, { type: 'message/upsert', payload: message('new', 5_000) });
    await ask('chat/rest');
    expect(seen.map((e) => [e.seq, e.type])).toEqual([
      [1, 'snapshot'],
      [2, 'message/upsert'],
      [3, 'message/remove'],
      [4, 'message/upsert'],
      [5, 'snapshot/rest'],
    ]);
    const rest = seen[4];
    if (rest?.type !== 'snapshot/rest') throw new Error('no rest');
    // Everything the page did not carry: the new message too (the UI keeps one of each), never the page again.
    expect(ids(rest.payload.messages)).toEqual([...ids(desk[A]!.slice(0, 69)), 'new']);
    expect(rest.payload.messages[4]?.text).toBe('edited');
    await ask('chat/rest');
    expect(seen).toHaveLength(5);
  });

  it('sends no rest for a snapshot that held every message', async () => {
    const { seen, ask } = setup({ [A]: many(SNAPSHOT_PAGE_MESSAGES) }, 3);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ type: 'snapshot', payload: { held: 0, unreadFrom: 'm28' } });
    await ask('chat/rest');
    expect(seen).toHaveLength(1);
  });

  it('sends the rest of the last snapshot: another desk’s after a move', async () => {
    const { seen, ask } = setup({ [A]: many(50, 'a'), [B]: many(80, 'b') });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await ask('desk/focus', { desk: B });
    await ask('chat/rest');
    expect(seen.map((e) => e.type)).toEqual(['snapshot', 'snapshot', 'snapshot/rest']);
    const rest = seen[2];
    expect(rest?.type === 'snapshot/rest' && ids(rest.payload.messages)).toEqual(ids(many(50, 'b')));
  });
});
