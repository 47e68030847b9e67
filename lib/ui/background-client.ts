/**
 * The UI's end of the port to the background worker: typed requests with one response each, pushed events,
 * and a port that comes back by itself. An MV3 worker may be stopped at any moment; its ports then disconnect.
 * Connecting again wakes it, and a new port always starts with a fresh `snapshot`, so the UI never has to
 * replay anything: it only has to reconnect and to fail the calls that were in flight.
 */
import {
  eventsOf,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgToUi,
  type Op,
  type Params,
  type Result,
  type UiPort,
  type UiToBg,
} from '../messaging';

export interface BackgroundClient {
  /** Sends one operation to the worker; resolves with its result or rejects with a {@link RequestError}. */
  request<K extends Op>(op: K, params: Params<K>): Promise<Result<K>>;
  /** Listens to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: BgEvent) => void): () => void;
  /** Listens to port losses (a new port is already on its way); returns the unsubscribe function. */
  onDisconnect(listener: () => void): () => void;
  /** Drops the port for good: pending requests reject and no reconnect follows. */
  close(): void;
}

/** Why a request failed: the worker's error code, or `disconnected`/`closed` when the port went away. */
export class RequestError extends Error {
  constructor(
    readonly code: 'bad-request' | 'not-connected' | 'server' | 'internal' | 'disconnected' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface BackgroundClientOptions {
  /** Longest wait between two reconnect attempts when the worker keeps refusing the port. */
  maxRetryDelayMs?: number;
  /**
   * The first port opens once this settles (either way), not at once: opening it wakes a stopped worker, whose
   * start would compete with the page's own first screen. Requests made meanwhile wait and go out in order.
   */
  openAfter?: Promise<unknown>;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Opens a port with `connect` (in the extension `() => browser.runtime.connect({ name: PORT_NAME })`, in tests
 * one end of an in-memory pair) and keeps one open until {@link BackgroundClient.close}. `connect` gets the
 * port's listener for what the worker sends past the port (Chrome's channel, lib/ui/channel-port.ts).
 */
export function createBackgroundClient(
  connect: (deliver: (message: BgToUi) => void) => UiPort,
  { maxRetryDelayMs = 5_000, openAfter }: BackgroundClientOptions = {},
): BackgroundClient {
  const pending = new Map<string, PendingCall>();
  const eventListeners = new Set<(event: BgEvent) => void>();
  const disconnectListeners = new Set<() => void>();
  let nextId = 0;
  let closed = false;
  let port: UiPort | null = null;
  // Failed attempts in a row. A port that delivered anything resets it, so a worker restart reconnects at once,
  // while a worker that drops every port (or a connect() that throws) is retried with a growing delay.
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Requests made before the first port opened (`openAfter`), posted on it in order; null once it has. */
  let early: UiToBg[] | null = openAfter ? [] : null;

  function open(): void {
    retryTimer = undefined;
    if (closed) return;
    let next: UiPort;
    try {
      // What comes past a port counts while that port is the client's: nothing of a lost one gets in.
      next = connect((message) => port === next && onMessage(message));
    } catch {
      // e.g. "Extension context invalidated" right after an update; retrying is all a page can do.
      scheduleRetry();
      return;
    }
    const onDisconnect = (): void => {
      next.onMessage.removeListener(onMessage);
      next.onDisconnect.removeListener(onDisconnect);
      if (port === next) lose(new RequestError('disconnected', 'The extension background was restarted; try again'));
    };
    next.onMessage.addListener(onMessage);
    next.onDisconnect.addListener(onDisconnect);
    port = next;
    const waiting = early ?? [];
    early = null;
    try {
      // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
      for (const message of waiting) next.postMessage(message);
    } catch {
      // The port died at once: its onDisconnect fails the waiting calls and opens another.
    }
  }

  function onMessage(message: BgToUi): void {
    failures = 0;
    receive(message);
  }

  function scheduleRetry(): void {
    const delay = Math.min(250 * 2 ** failures, maxRetryDelayMs);
    failures += 1;
    retryTimer = setTimeout(open, delay);
  }

  function lose(error: RequestError): void {
    port = null;
    rejectAll(error);
    for (const listener of disconnectListeners) listener();
    if (closed) return;
    if (failures === 0) {
      failures = 1;
      open();
    } else scheduleRetry();
  }

  function rejectAll(error: RequestError): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(error);
  }

  function receive(message: BgToUi): void {
    if (typeof message !== 'object' || message === null || message.v !== PROTOCOL_VERSION) return;
    // An answer's events come first: whoever awaits the answer finds what the operation changed already applied.
    for (const event of eventsOf(message)) {
      if (typeof event !== 'object' || event === null || event.v !== PROTOCOL_VERSION || event.kind !== 'event')
        continue;
      for (const listener of eventListeners) listener(event);
    }
    if (message.kind !== 'response') return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(new RequestError(message.error.code, message.error.message));
  }

  if (openAfter) void openAfter.then(open, open);
  else open();
  return {
    request<K extends Op>(op: K, params: Params<K>): Promise<Result<K>> {
      if (closed) return Promise.reject(new RequestError('closed', 'The chat window was closed'));
      const current = port;
      const waiting = early;
      if (!current && !waiting) {
        return Promise.reject(new RequestError('disconnected', 'Not connected to the extension background yet'));
      }
      nextId += 1;
      const id = String(nextId);
      return new Promise<Result<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        const message = { v: PROTOCOL_VERSION, kind: 'request', id, op, params } as UiToBg;
        if (!current) return void waiting?.push(message);
        try {
          // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
          current.postMessage(message);
        } catch {
          // Chrome throws on a port that died before its onDisconnect ran; the listener will reopen it.
          pending.delete(id);
          reject(new RequestError('disconnected', 'The extension background is restarting; try again'));
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => void disconnectListeners.delete(listener);
    },
    close(): void {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      const current = port;
      port = null;
      rejectAll(new RequestError('closed', 'The chat window was closed'));
      current?.disconnect();
    },
  };
}
