/**
 * Brings the extension to the state a returning visitor is in: registered on the devserver, one open room with
 * an agent, and the newest 500 messages of that room persisted by the worker itself in `chrome.storage.local`
 * (`desk:` and its `page:` keys), so every figure starts from the real persisted shape rather than a hand-built copy of it.
 */
import type { Page } from 'playwright-core';
import type { DevServer, RoomView } from '../devserver/index';
import type { BenchBrowser } from './browser';
import { run } from './in-page';

/** The Chrome API inside an extension page. */
declare const chrome: {
  runtime: {
    connect(info: { name: string }): {
      postMessage(message: unknown): void;
      onMessage: { addListener(listener: (message: Record<string, unknown>) => void): void };
      disconnect(): void;
    };
  };
};

export interface BenchRoom {
  rid: string;
  /** The visitor token: the raw baseline socket subscribes with it, as the worker does. */
  token: string;
  /** Text of the newest cached message: when it is in the DOM, all 500 are. */
  newestText: string;
  /** The cached messages' texts, oldest first (the static baseline page renders the same ones). */
  texts: string[];
}

/** A settings key the options page writes (lib/settings.ts). */
const SETTINGS_KEY = 'settings';
/** A persisted desk's key: one per server URL, and its messages in pages it lists (lib/background/desk-store.ts). */
const DESK_PREFIX = 'desk:';
const pageKey = (url: string, name: string): string => `page:${url}#${name}`;
const PORT_NAME = 'livechat-ui';

/** Varied, realistic agent lines: short acknowledgements and longer explanations. */
const LINES = [
  'Thanks, I can see your order in our system.',
  'Let me check that with the warehouse team, it will only take a minute or two.',
  'Could you confirm the e-mail address you used when you placed the order?',
  'The parcel left our depot this morning and should arrive tomorrow before noon.',
  'Sure!',
  'I have refunded the shipping cost; you will see it on your statement within 3 to 5 business days.',
  'Is there anything else I can help you with today?',
];

/** The text of cached message `i` (0-based); unique, so the DOM check cannot match an older one. */
function seedText(i: number): string {
  return `Reply ${i + 1}: ${LINES[i % LINES.length] ?? ''}`;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`setup: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Registers the visitor and writes a first message through the worker's port, as a chat UI would. */
async function registerAndOpenRoom(page: Page): Promise<void> {
  await run(
    page,
    async ({ portName }) => {
      const port = chrome.runtime.connect({ name: portName });
      // The worker's own protocol version (its every message carries it), so that A/B runs of older builds work.
      let version: unknown;
      const responses = new Map<string, (message: Record<string, unknown>) => void>();
      let onConnected: (() => void) | null = null;
      const connected = new Promise<void>((resolve) => (onConnected = resolve));
      port.onMessage.addListener((message) => {
        version = message.v;
        // Deltas of one task come as one `events` message, or before an answer in it (lib/background/ui-hub.ts).
        const events = (message.kind === 'event' ? [message] : (message.events ?? [])) as Array<
          Record<string, unknown>
        >;
        for (const event of events) {
          const payload = event.payload as { connection?: { state: string } } | undefined;
          if (event.kind === 'event' && payload?.connection?.state === 'connected') onConnected?.();
        }
        if (message.kind === 'response') responses.get(String(message.id))?.(message);
      });
      const request = (id: string, op: string, params: unknown): Promise<void> =>
        new Promise((resolve, reject) => {
          responses.set(id, (reply) => (reply.ok ? resolve() : reject(new Error(JSON.stringify(reply.error)))));
          port.postMessage({ v: version, kind: 'request', id, op, params });
        });
      await connected;
      await request('register', 'chat/register', { name: 'Bench Visitor', email: 'bench@example.com' });
      await request('send', 'chat/send', { text: 'Hello, I have a question about my order.' });
      port.disconnect();
    },
    { portName: PORT_NAME },
  );
}

/**
 * Configures the extension for `server`, opens a room, has the agent write `count` messages while the worker is
 * connected, and waits until the worker has persisted the newest `count` of them.
 */
export async function prepareRoom(browser: BenchBrowser, server: DevServer, count: number): Promise<BenchRoom> {
  await browser.setLocal({
    [SETTINGS_KEY]: { serverUrl: server.url, name: 'Bench Visitor', email: 'bench@example.com', notifications: true },
  });
  const driver = await browser.newPage();
  await driver.goto(browser.url('options.html'));
  await registerAndOpenRoom(driver);
  const room = await waitFor(
    'the visitor’s room on the devserver',
    async () => (server.control.state().rooms as RoomView[])[0],
    20_000,
  );
  // The worker stays connected while the room is open, so it hears every one of these and persists them.
  const texts = Array.from({ length: count }, (_, i) => seedText(i));
  for (const text of texts) server.control.say(room._id, { text });
  const newestText = texts.at(-1) ?? '';
  await waitFor(
    `${count} messages persisted in chrome.storage.local`,
    async () => {
      type Text = { text: string };
      const desk = await browser.getLocal<{ pages?: string[]; messages?: Text[] }>(DESK_PREFIX + server.url);
      const pages = await Promise.all(
        (desk?.pages ?? []).map((name) => browser.getLocal<Text[]>(pageKey(server.url, name))),
      );
      // Builds before storage layout v6 (measured with LQS_EXTENSION_DIR) keep the messages in the record itself.
      const messages = desk?.messages ?? pages.flatMap((page) => page ?? []);
      return messages.length === count && messages.at(-1)?.text === newestText ? true : undefined;
    },
    60_000,
  );
  await driver.close();
  return { rid: room._id, token: room.visitor.token, newestText, texts };
}
