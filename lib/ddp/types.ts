/**
 * Public surface of the DDP client. `lib/livechat` codes against `DdpConnection`, so it can be tested with a
 * scripted fake and never sees sockets or timers.
 */

/**
 * An event-handler slot. Declared through a method signature so its parameter is checked bivariantly, as the DOM
 * declares `onmessage` & co.: that is what lets a DOM `WebSocket` or a `ws` socket be assigned without a cast.
 */
export type SocketHandler<E> = { bivarianceHack(event: E): void }['bivarianceHack'] | null;

/** The slice of the WHATWG WebSocket the client uses; `globalThis.WebSocket` and `ws` both satisfy it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: SocketHandler<unknown>;
  onmessage: SocketHandler<{ data: unknown }>;
  onclose: SocketHandler<{ code?: number; reason?: string }>;
  onerror: SocketHandler<unknown>;
}

export type SocketFactory = (url: string) => SocketLike;

/** Injected timers and clock, so tests drive time and nothing global is touched. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** Meteor's connection status shape. */
export type DdpStatus =
  | { status: 'connecting'; connected: false; retryCount: number }
  | { status: 'connected'; connected: true; retryCount: 0 }
  | { status: 'waiting'; connected: false; retryCount: number; retryTime: number }
  | { status: 'offline'; connected: false; retryCount: number }
  | { status: 'failed'; connected: false; retryCount: number; reason: string };

export interface CallOptions {
  /** Per-call timeout; defaults to the client's `methodTimeoutMs`. */
  timeoutMs?: number;
  /**
   * The call may be sent again after a reconnect if its answer was lost with the socket (idempotent calls,
   * or sends keyed by a client `_id`). Otherwise an in-flight call fails with `DdpDisconnectedError`.
   */
  resendOnReconnect?: boolean;
}

export interface SubscriptionHandle {
  readonly id: string;
  /** Resolves on `ready`; rejects with a `DdpError` on `nosub` before ready. Re-armed on every reconnect. */
  readonly ready: Promise<void>;
  stop(): void;
}

export interface SubscribeOptions {
  /** Called on each `ready`, including after every reconnect. */
  onReady?: () => void;
  /** Called when the server refuses or ends the subscription (`nosub`). */
  onNosub?: (error: unknown) => void;
}

/** What `lib/livechat` needs from a DDP connection. */
export interface DdpConnection {
  readonly status: DdpStatus;
  call<T = unknown>(method: string, params: unknown[], options?: CallOptions): Promise<T>;
  subscribe(name: string, params: unknown[], options?: SubscribeOptions): SubscriptionHandle;
  /** Routes `changed` frames of a stream collection by `fields.eventName`. Returns an unsubscribe function. */
  onStream(collection: string, eventName: string, handler: (args: unknown[]) => void): () => void;
  onStatus(listener: (status: DdpStatus) => void): () => void;
  /** Fires after each successful handshake (first connect and every reconnect), after subs are re-sent. */
  onConnected(listener: () => void): () => void;
}

/** Reconnect backoff: delay = min(maxMs, initialMs·factor^retry), then scaled down by up to `jitter` (0–1). */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  jitter: number;
}

export interface DdpClientOptions {
  /** `ws(s)://host/websocket`, or an `http(s)://` server URL from which `/websocket` is derived. */
  url: string;
  /** Opens a socket; never read from `globalThis`. In a browser: `(url) => new WebSocket(url)`. */
  socketFactory: SocketFactory;
  /** Defaults to the host's timers and `Date.now`. */
  clock?: Clock;
  /** Uniform in [0, 1); used only for backoff jitter. Defaults to `Math.random`. */
  random?: () => number;
  /** Ping after this much inbound silence (default 20 000 ms; keeps an MV3 worker alive too). */
  pingAfterMs?: number;
  /** Drop the socket when nothing arrives this long after our ping (default 15 000 ms). */
  deadAfterMs?: number;
  /** Give up on a socket that has not completed the DDP handshake after this long (default 20 000 ms). */
  connectTimeoutMs?: number;
  /** Default per-call timeout (default 30 000 ms). */
  methodTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** How many times a call refused with a rate-limit error is retried after `details.timeToReset` (default 3). */
  maxRateLimitRetries?: number;
  /**
   * Revive EJSON in stream event args (default true). With false they arrive as plain JSON with tags such as
   * `{"$date":…}` as written, as `@rocket.chat/ddp-client` delivers them: for consumers that read the tags
   * themselves and would only turn a revived `Date` back into a number (the worker's message normalizer).
   * Method results and errors are always revived.
   */
  reviveStreamArgs?: boolean;
  /** Open the socket at once (default true); otherwise the client stays `offline` until `connect()`. */
  autoConnect?: boolean;
  /** Receives errors thrown by listeners and protocol `error` frames; they never break the client. */
  onError?: (error: unknown, context: string) => void;
}

/** Counts for tests and diagnostics. */
export interface DdpDebugInfo {
  status: DdpStatus['status'];
  /** Calls not yet settled, by phase. */
  calls: { queued: number; inFlight: number; waitingRateLimit: number };
  subscriptions: number;
  streamHandlers: number;
  /** Frames that failed validation and were dropped. */
  ignoredFrames: number;
}

/** The full client: a `DdpConnection` plus lifecycle control. */
export interface DdpClient extends DdpConnection {
  /** Start connecting if `offline`, `failed` or `waiting`; no-op while connecting or connected. */
  connect(): void;
  /** Close the socket and stay `offline` until `connect()`/`reconnect()`. In-flight calls fail unless resendable. */
  disconnect(): void;
  /** Like `connect()`, and when already connected, probe the link with a ping (use on the browser `online` event). */
  reconnect(): void;
  /** Permanently stop: every pending call fails with `DdpClosedError`, timers are cleared, listeners dropped. */
  close(): void;
  debugInfo(): DdpDebugInfo;
}
