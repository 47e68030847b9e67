// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createChatUi } from '../../../components/chat-ui';
import { followNotificationFocus } from '../../../components/notification-focus';
import { focusMessageItem } from '../../../lib/focus';
import { FIRST_SCREEN_MAX_CHARS, readFirstScreen } from '../../../lib/first-screen';
import { FIRST_SCREEN_MESSAGE_CHARS, FIRST_SCREEN_MESSAGES, firstScreenOf } from '../../../lib/first-screen-shape';
import { fnv1a } from '../../../lib/hash-runs';
import { createDateFormats } from '../../../lib/shown-times';
import type { ChatMessage } from '../../../lib/livechat/types';
import {
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgToUi,
  type ChatSnapshot,
  type UiToBg,
} from '../../../lib/messaging';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { createChatModel } from '../../../lib/ui/chat-model';
import { agentMessage } from '../fakes/chat-message';
import { testConfig } from './config';
import { baseSnapshot, flush, whole } from './fake-worker';
import { createPortPair } from './port-pair';

function msg(n: number, from: ChatMessage['from'] = 'agent'): ChatMessage {
  return agentMessage(`m${n}`, n * 1000, { text: `text ${n}`, from });
}

/** The extension version of the page and worker in these tests. */
const BUILD = '1.4.0';
const many = (count: number): ChatMessage[] => Array.from({ length: count }, (_, i) => msg(i + 1));
/** A snapshot as the worker has it, with `count` messages, through storage's JSON. */
const stored = (overrides: Partial<ChatSnapshot> = {}, count = 50): unknown =>
  JSON.parse(
    JSON.stringify(
      firstScreenOf(
        baseSnapshot({ config: testConfig(), messages: many(count), unread: 2, agentTyping: 'Jane', ...overrides }),
        BUILD,
      ),
    ),
  );

describe('the stored first screen', () => {
  it('keeps the newest messages and nothing that only holds while the worker runs', () => {
    const screen = readFirstScreen(stored(), BUILD)?.snapshot;
    expect(screen?.messages.map((m) => m.id)).toEqual(
      many(50)
        .slice(-FIRST_SCREEN_MESSAGES)
        .map((m) => m.id),
    );
    expect(screen).toMatchObject({
      serverUrl: 'https://chat.example.com',
      connection: { state: 'connecting', attempt: 0 },
      agentTyping: null,
      unread: 2,
      visitor: { name: 'Ada', registered: true },
    });
    expect(screen?.config?.title).toBe(testConfig().title);
  });

  it('keeps fewer messages when they are long, so the key stays small', () => {
    const long = many(20).map((m) => ({ ...m, text: 'x'.repeat(15_000) }));
    const screen = readFirstScreen(firstScreenOf(baseSnapshot({ messages: long }), BUILD), BUILD)?.snapshot;
    expect(screen?.messages.map((m) => m.id)).toEqual(['m17', 'm18', 'm19', 'm20']);
    expect(JSON.stringify(screen?.messages).length).toBeLessThanOrEqual(FIRST_SCREEN_MESSAGE_CHARS);
    expect(readFirstScreen(firstScreenOf(baseSnapshot({ messages: [] }), BUILD), BUILD)?.snapshot.messages).toEqual([]);
  });

  it('is ignored unless it is exactly what a worker of the same build wrote', () => {
    const good = stored() as { v: number; build: string; json: string; sum: number };
    const signed = (json: string) => ({ ...good, json, sum: fnv1a(json) });
    const variants: unknown[] = [
      undefined,
      null,
      'firstScreen',
      [],
      // The first version stored the snapshot itself, checked by a walk a page had to load first.
      { v: 1, snapshot: JSON.parse(good.json) as unknown },
      { ...good, v: 2 },
      { ...good, v: 4 },
      { ...good, build: '1.3.9' },
      { ...good, json: JSON.parse(good.json) as unknown },
      { ...good, sum: good.sum + 1 },
      // Damaged, or changed by anything but the worker: the checksum no longer matches.
      { ...good, json: good.json.replace('text 50', 'text 51') },
      { ...good, json: good.json.slice(0, -1) },
      signed('{"serverUrl":'),
      signed('null'),
      signed('7'),
      // What the second version stored: the snapshot itself, without its times.
      signed(JSON.stringify((JSON.parse(good.json) as { snapshot: unknown }).snapshot)),
      signed(JSON.stringify({ ...(JSON.parse(good.json) as object), pad: 'x'.repeat(FIRST_SCREEN_MAX_CHARS) })),
    ];
    for (const variant of variants) expect(readFirstScreen(variant, BUILD)).toBeNull();
    expect(readFirstScreen(good, BUILD)?.snapshot.messages.at(-1)?.id).toBe('m50');
  });
});

describe('the stored first screen’s times', () => {
  const tags = (language: string) =>
    readFirstScreen(
      firstScreenOf(baseSnapshot({ config: { ...testConfig(), language }, messages: many(30) }), BUILD, undefined, {
        ui: 'en-US',
        formats: createDateFormats(),
      }),
      BUILD,
    )?.times.map(({ tag, at }) => [tag, at.length]);

  it('are stored for its messages in the browser’s language and the desk’s, the languages a page may speak', () => {
    expect(tags('pt-BR')).toEqual([
      ['en-US', FIRST_SCREEN_MESSAGES],
      ['pt-BR', FIRST_SCREEN_MESSAGES],
    ]);
    expect(tags('')).toEqual([['en-US', FIRST_SCREEN_MESSAGES]]);
    expect(tags('en-US')).toEqual([['en-US', FIRST_SCREEN_MESSAGES]]);
    expect(tags('x'.repeat(36))).toEqual([['en-US', FIRST_SCREEN_MESSAGES]]);
    // Without a language (a worker that was given none) the page formats them itself.
    expect(readFirstScreen(stored(), BUILD)?.times).toEqual([]);
  });

  it('are left out, the screen kept, when they do not have their shape', () => {
    const good = stored() as { json: string };
    const body = JSON.parse(good.json) as { snapshot: ChatSnapshot };
    const json = JSON.stringify({ ...body, times: [{ tag: 'en', at: [[1, 0, 7, 'day']] }] });
    const screen = readFirstScreen({ ...good, json, sum: fnv1a(json) }, BUILD);
    expect(screen?.times).toEqual([]);
    expect(screen?.snapshot.messages).toHaveLength(FIRST_SCREEN_MESSAGES);
  });
});

/** A chat page whose worker answers only what the test emits. */
function open() {
  const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
  const client = createBackgroundClient(() => ui);
  const model = createChatModel(client, { frame: (fn) => setTimeout(fn, 0) });
  const requests: UiToBg[] = [];
  bg.onMessage.addListener((m) => void requests.push(m));
  let seq = 0;
  const emit = (type: BgEvent['type'], payload: unknown, at = (seq += 1)): void =>
    bg.postMessage({ v: PROTOCOL_VERSION, kind: 'event', seq: at, type, payload } as BgEvent);
  return { model, emit, requests };
}

describe('a chat opening on the stored first screen', () => {
  it('shows it until the worker’s snapshot replaces it whole, without duplicates', async () => {
    const { model, emit } = open();
    model.preview(readFirstScreen(stored(), BUILD)!.snapshot);
    expect(model.ready.value).toBe(true);
    expect(model.messages.value).toHaveLength(FIRST_SCREEN_MESSAGES);
    expect(model.connection.value.state).toBe('connecting');
    // Deltas only count after a snapshot: the worker's first message is always one.
    emit('message/upsert', msg(99));
    await flush();
    expect(model.messages.value.some((m) => m.id === 'm99')).toBe(false);
    emit('snapshot', whole(baseSnapshot({ config: testConfig(), messages: [...many(50), msg(51)], unread: 25 })), 0);
    await flush();
    const ids = model.messages.value.map((m) => m.id);
    expect(ids).toHaveLength(51);
    expect(new Set(ids).size).toBe(51);
    expect(model.connection.value.state).toBe('connected');
    // Where "new messages" starts is the worker's to say: the stored screen may not hold the oldest unread one.
    expect(model.firstUnread.value).toBe('m27');
  });

  it('is drawn before the worker’s snapshot that came meanwhile, which follows in the next task, in order', async () => {
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const frames: Array<() => void> = [];
    const model = createChatModel(
      createBackgroundClient(() => ui),
      { frame: (fn) => void frames.push(fn) },
    );
    const post = (seq: number, type: BgEvent['type'], payload: unknown): void =>
      bg.postMessage({ v: PROTOCOL_VERSION, kind: 'event', seq, type, payload } as BgEvent);
    model.preview(readFirstScreen(stored(), BUILD)!.snapshot);
    post(0, 'snapshot', whole(baseSnapshot({ config: testConfig(), messages: many(50) })));
    post(1, 'message/upsert', msg(51));
    await flush();
    // The first screen's frame has not been drawn: what it shows stays as it is.
    expect(model.live.value).toBe(false);
    expect(model.messages.value).toHaveLength(FIRST_SCREEN_MESSAGES);
    for (const fn of frames.splice(0)) fn();
    expect(model.live.value).toBe(false);
    await flush();
    expect(model.live.value).toBe(true);
    expect(model.messages.value.map((m) => m.id)).toEqual([...many(50), msg(51)].map((m) => m.id));
  });

  it('is not shown once the worker answered', async () => {
    const { model, emit } = open();
    emit('snapshot', whole(baseSnapshot({ messages: [msg(1)] })), 0);
    await flush();
    model.preview(readFirstScreen(stored(), BUILD)!.snapshot);
    expect(model.messages.value.map((m) => m.id)).toEqual(['m1']);
  });

  it('sends what the visitor writes on it once, when the worker takes the port', async () => {
    const { model, requests } = open();
    model.preview(readFirstScreen(stored(), BUILD)!.snapshot);
    const sent = model.send('typed before the worker woke');
    await flush();
    expect(requests.filter((r) => r.op === 'chat/send')).toEqual([
      expect.objectContaining({ params: { text: 'typed before the worker woke' } }),
    ]);
    void sent.catch(() => undefined);
  });

  it('looks for a clicked notification’s message in the worker’s state, not in an older stored screen', async () => {
    fakeBrowser.reset();
    const { model, emit } = open();
    const ui = createChatUi();
    model.preview(readFirstScreen(stored(), BUILD)!.snapshot);
    const stop = followNotificationFocus(ui, model);
    await focusMessageItem.setValue('m51');
    await flush();
    expect(model.live.value).toBe(false);
    expect(ui.focusId.value).toBeNull();
    emit('snapshot', whole(baseSnapshot({ config: testConfig(), messages: [...many(50), msg(51)] })), 0);
    await flush();
    expect(model.live.value).toBe(true);
    expect(ui.focusId.value).toBe('m51');
    stop();
  });
});
