// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountChat } from '../../../components/mount-chat';
import { readFirstScreen, type StoredFirstScreen } from '../../../lib/first-screen';
import { firstScreenOf } from '../../../lib/first-screen-shape';
import type { ChatMessage } from '../../../lib/livechat/types';
import { createDateFormats } from '../../../lib/shown-times';
import { PORT_NAME, PROTOCOL_VERSION, type BgEvent, type BgToUi, type UiToBg } from '../../../lib/messaging';
import { agentMessage } from '../fakes/chat-message';
import { testConfig } from './config';
import { baseSnapshot } from './fake-worker';
import { createPortPair } from './port-pair';

const msg = (n: number): ChatMessage => agentMessage(`m${n}`, n * 1000, { text: `text ${n}` });
const many = (count: number): ChatMessage[] => Array.from({ length: count }, (_, i) => msg(i + 1));
/** The stored first screen of a desk with 30 messages, as a page reads it. */
const storedScreen = () =>
  readFirstScreen(firstScreenOf(baseSnapshot({ config: testConfig(), messages: many(30) }), '1.0'), '1.0');

/** How often the page started following clicked notifications. */
const follow = vi.hoisted(() => ({ started: 0 }));
vi.mock('../../../components/notification-focus', () => ({
  followNotificationFocus: () => {
    follow.started += 1;
    return () => undefined;
  },
}));

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
  document.body.replaceChildren();
});

/** A chat page on a worker that answers only what the test emits. */
function open(firstScreen?: Promise<StoredFirstScreen | null>) {
  const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
  const root = document.createElement('div');
  document.body.append(root);
  /** What the log showed each time the page opened its port (the port wakes a stopped worker). */
  const connects: string[] = [];
  unmount = mountChat(root, {
    connect: () => (connects.push(logText(root)), ui),
    layout: 'popup',
    actions: { openOptions: vi.fn() },
    ...(firstScreen ? { firstScreen } : {}),
  });
  const snapshot = (messages: ChatMessage[]): void =>
    bg.postMessage({
      v: PROTOCOL_VERSION,
      kind: 'event',
      seq: 0,
      type: 'snapshot',
      payload: baseSnapshot({ config: testConfig(), messages }),
    } as BgEvent);
  return { root, snapshot, connects };
}

const logText = (root: HTMLElement): string => root.querySelector('[role=log]')?.textContent ?? '';

/** A stand-in for `Intl.DateTimeFormat` that records the options of every formatter made. */
function countingFormatters() {
  const Real = Intl.DateTimeFormat;
  const made: unknown[] = [];
  class Counting extends Real {
    constructor(...args: ConstructorParameters<typeof Real>) {
      super(...args);
      made.push(args[1]);
    }
  }
  return { Real, made, Counting };
}

describe('a chat page opening', () => {
  it('paints the loading screen at once, before storage or the worker answer, then the first screen', async () => {
    let answer: (value: StoredFirstScreen | null) => void = () => undefined;
    const { root } = open(new Promise((resolve) => (answer = resolve)));
    expect(root.querySelector('.lqs-loading')).not.toBeNull();
    answer(storedScreen());
    await waitFor(() => expect(logText(root)).toContain('text 30'));
    expect(root.querySelector('textarea')?.disabled).toBe(false);
  });

  it('keeps the loading screen until the worker answers when nothing usable is stored', async () => {
    for (const stored of [() => Promise.resolve(null), () => Promise.reject(new Error('storage is gone'))]) {
      const { root, snapshot } = open(stored());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(root.querySelector('.lqs-loading')).not.toBeNull();
      snapshot(many(2));
      await waitFor(() => expect(logText(root)).toContain('text 2'));
      unmount?.();
    }
  });

  it('starts following a clicked notification only once the chat is on screen', async () => {
    follow.started = 0;
    const { root, snapshot } = open(Promise.resolve(null));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(follow.started).toBe(0);
    snapshot(many(2));
    await waitFor(() => expect(logText(root)).toContain('text 2'));
    await waitFor(() => expect(follow.started).toBe(1));
  });

  it('opens the port to the worker once the stored first screen is drawn, not while it is on its way', async () => {
    let answer: (value: StoredFirstScreen | null) => void = () => undefined;
    const { connects } = open(new Promise((resolve) => (answer = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(connects).toEqual([]);
    answer(storedScreen());
    await waitFor(() => expect(connects).toHaveLength(1));
    expect(connects[0]).toContain('text 30');
  });

  it('opens the port at once when no first screen can come, after storage when none is stored', async () => {
    expect(open().connects).toHaveLength(1);
    unmount?.();
    for (const stored of [() => Promise.resolve(null), () => Promise.reject(new Error('storage is gone'))]) {
      const { connects } = open(stored());
      await waitFor(() => expect(connects).toHaveLength(1));
      expect(connects[0]).toBe('');
      unmount?.();
    }
  });

  it('opens the port after a while when storage never answers', async () => {
    const { connects } = open(new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connects).toEqual([]);
    await waitFor(() => expect(connects).toHaveLength(1), { timeout: 2_000 });
  });

  it('draws the stored first screen with its stored times, and makes a formatter only once the port is open', async () => {
    const { Real, made, Counting } = countingFormatters();
    // A fresh formatter cache and language: the ones other tests filled are not the page's.
    vi.resetModules();
    const fresh = await import('../../../components/mount-chat');
    const { locale } = await import('../../../lib/ui/i18n');
    const screen = firstScreenOf(baseSnapshot({ config: testConfig(), messages: many(30) }), '1.0', undefined, {
      ui: locale.value,
      formats: createDateFormats(),
    });
    const newest = new Real(locale.value, { hour: 'numeric', minute: '2-digit' }).format(30_000);
    vi.stubGlobal('Intl', { ...Intl, DateTimeFormat: Counting });
    try {
      const [ui] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
      const root = document.createElement('div');
      document.body.append(root);
      const atConnect: unknown[][] = [];
      unmount = fresh.mountChat(root, {
        connect: () => (atConnect.push([...made]), ui),
        layout: 'popup',
        actions: { openOptions: vi.fn() },
        firstScreen: Promise.resolve(readFirstScreen(screen, '1.0')),
      });
      await waitFor(() => expect(atConnect).toHaveLength(1));
      expect(logText(root)).toContain('text 30');
      expect([...root.querySelectorAll('.lqs-group__meta')].at(-1)?.textContent).toBe(newest);
      expect(atConnect[0]).toEqual([]);
      await waitFor(() => expect(made).toContainEqual({ hour: 'numeric', minute: '2-digit' }));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('makes the time formatter while it waits for the worker when nothing is stored', async () => {
    const { made, Counting } = countingFormatters();
    vi.stubGlobal('Intl', { ...Intl, DateTimeFormat: Counting });
    try {
      vi.resetModules();
      const fresh = await import('../../../components/mount-chat');
      const [ui] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
      unmount = fresh.mountChat(document.createElement('div'), {
        connect: () => ui,
        layout: 'popup',
        actions: { openOptions: vi.fn() },
        firstScreen: Promise.resolve(null),
      });
      await waitFor(() => expect(made).toContainEqual({ hour: 'numeric', minute: '2-digit' }));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
