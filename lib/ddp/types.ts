/**
 * Public surface of the DDP client. `lib/livechat` codes against `DdpConnection`, so it can be tested with a
 * scripted fake and never sees sockets or timers.
 */

/** The slice of the WHATWG WebSocket the client uses; `globalThis.WebSocket` and `ws` both satisfy it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
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
