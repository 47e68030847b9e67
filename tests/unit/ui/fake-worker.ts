/**
 * A scripted background worker for UI tests: every port it is given first receives a snapshot, and requests
 * are answered by per-operation handlers. Tests push deltas with `emit` and cut ports with `kill`.
 */
import {
  emptySnapshot,
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgPort,
  type BgToUi,
  type ChatSnapshot,
  type Events,
  type Op,
  type Params,
  type Result,
  type SnapshotEvent,
  type UiPort,
  type UiToBg,
} from '../../../lib/messaging';
import { themeOf } from '../../../lib/accent';
import { firstUnreadId } from '../../../lib/first-page';
import { createPortPair, type TestPort } from './port-pair';

type Handler<K extends Op> = (params: Params<K>) => Result<K> | Promise<Result<K>>;

export function baseSnapshot(overrides: Partial<ChatSnapshot> = {}): ChatSnapshot {
  return {
    ...emptySnapshot({ state: 'connected' }),
    serverUrl: 'https://chat.example.com',
    visitor: { name: 'Ada', email: 'ada@example.com', registered: true },
    room: { id: 'R1', open: true, surveySent: false, transcriptSent: false },
    // As the worker makes it from the desk's config (lib/background/chat-state.ts).
    theme: themeOf(overrides.config ?? null),
    ...overrides,
  };
}

/** A snapshot as the worker sends one that holds every message (none left for `chat/rest`). */
export function whole(snapshot: ChatSnapshot): SnapshotEvent {
  const byTime = snapshot.messages.toSorted((a, b) => a.ts - b.ts);
  return { ...snapshot, held: 0, unreadFrom: firstUnreadId(byTime, snapshot.unread) };
}

function post(port: BgPort, message: BgToUi): void {
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
  port.postMessage(message);
}

export function createFakeWorker(initial: ChatSnapshot = baseSnapshot()) {
  const ports: TestPort<UiToBg, BgToUi>[] = [];
  const requests: UiToBg[] = [];
  const handlers: { [K in Op]?: Handler<K> } = {};
  let seq = 0;
  let snapshot = initial;

  async function answer(port: BgPort, message: UiToBg): Promise<void> {
    requests.push(message);
    const handler = handlers[message.op] as ((p: unknown) => unknown) | undefined;
    if (!handler) {
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id: message.id, ok: true, result: null });
      return;
    }
    try {
      const result = await handler(message.params);
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id: message.id, ok: true, result });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      post(port, {
        v: PROTOCOL_VERSION,
        kind: 'response',
        id: message.id,
        ok: false,
        error: { code: 'server', message: text },
      });
    }
  }

  return {
    ports,
    requests,
    /** The `connect` function a background client is built with. */
    connect: (): UiPort => {
      const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
      ports.push(bg);
      bg.onMessage.addListener((message) => void answer(bg, message));
      post(bg, { v: PROTOCOL_VERSION, kind: 'event', seq, type: 'snapshot', payload: whole(snapshot) });
      return ui;
    },
    handle<K extends Op>(op: K, handler: Handler<K>): void {
      (handlers as Record<string, unknown>)[op] = handler;
    },
    setSnapshot(next: ChatSnapshot): void {
      snapshot = next;
    },
    /** Sends a delta to every live port; `skip` consumes a sequence number without sending (a lost delta). */
    emit<K extends keyof Events>(type: K, payload: Events[K], { skip = false } = {}): void {
      seq += 1;
      if (skip) return;
      const event = { v: PROTOCOL_VERSION, kind: 'event', seq, type, payload } as BgEvent;
      for (const port of ports) if (port.connected) post(port, event);
    },
    sendSnapshot(): void {
      for (const port of ports) {
        if (port.connected)
          post(port, { v: PROTOCOL_VERSION, kind: 'event', seq, type: 'snapshot', payload: whole(snapshot) });
      }
    },
    /** Simulates the service worker being stopped: every live port disconnects. */
    kill(): void {
      for (const port of ports) port.disconnect();
    },
  };
}

/** Lets queued microtasks and zero-delay timers run (port messages are delivered as microtasks). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
