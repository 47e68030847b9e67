/**
 * Composition root of the DDP client: wires the connection (socket, handshake, heartbeat, reconnect) to the method
 * registry, the subscription registry and the stream router, and owns the public listeners.
 */
import { resolveBackoff } from './backoff';
import { createConnection } from './connection';
import { DdpClosedError } from './errors';
import { createMethods } from './methods';
import { createStreams } from './streams';
import { createSubscriptions } from './subscriptions';
import type { Clock, DdpClient, DdpClientOptions, DdpStatus, SubscriptionHandle } from './types';
import { toWebSocketUrl } from './url';

/** The host's timers and clock; the default when no `clock` is injected. */
export const systemClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v))
    throw new RangeError(`${name} must be a positive number`);
  return v;
}

/** Runs every listener; one that throws is reported and does not stop the others or the client. */
function emit<T>(listeners: Set<(value: T) => void>, value: T, report: (e: unknown, c: string) => void, c: string) {
  // A snapshot: listeners added during this dispatch must not see the value that preceded them.
  for (const listener of Array.from(listeners)) {
    try {
      listener(value);
    } catch (err) {
      report(err, c);
    }
  }
}

function listen<T>(set: Set<T>, listener: T): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  set.add(listener);
  return () => void set.delete(listener);
}

/**
 * Creates a DDP client. It connects at once unless `autoConnect: false`, reconnects forever with jittered
 * backoff, and re-sends every subscription on every connect. See `DdpClientOptions` for the defaults.
 * @throws {TypeError|RangeError} on an invalid URL, a missing socket factory or nonsensical timings.
 */
export function createDdpClient(options: DdpClientOptions): DdpClient {
  const url = toWebSocketUrl(options.url);
  if (typeof options.socketFactory !== 'function') throw new TypeError('socketFactory must be a function');
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 3;
  if (!(Number.isInteger(maxRateLimitRetries) && maxRateLimitRetries >= 0)) {
    throw new RangeError('maxRateLimitRetries must be a non-negative integer');
  }
  const report = (error: unknown, context: string): void => {
    try {
      options.onError?.(error, context);
    } catch {
      // An error reporter that throws has nowhere left to report to.
    }
  };

  const statusListeners = new Set<(status: DdpStatus) => void>();
  const connectedListeners = new Set<() => void>();
  let seq = 0;
  const nextId = (): string => String(++seq);
  let ignoredFrames = 0;
  let closed = false;
  const reviveStreamArgs = options.reviveStreamArgs !== false;

  const connection = createConnection({
    url,
    socketFactory: options.socketFactory,
    clock,
    random,
    pingAfterMs: positive('pingAfterMs', options.pingAfterMs, 20_000),
    deadAfterMs: positive('deadAfterMs', options.deadAfterMs, 15_000),
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 20_000),
    backoff: resolveBackoff(options.backoff),
    reviveStreamArgs,
    takeText(text) {
      const outcome = streams.dispatchText(text, reviveStreamArgs);
      if (outcome === null) return false;
      if (outcome !== undefined) ignoredFrames++;
      return true;
    },
    onFrame(frame) {
      switch (frame.msg) {
        case 'result':
          methods.handleResult(frame.id, frame.hasError, frame.error, frame.result);
          return;
        case 'ready':
          subscriptions.handleReady(frame.subs);
          return;
        case 'nosub':
          subscriptions.handleNosub(frame.id, frame.error);
          return;
        case 'changed': {
          if (streams.dispatch(frame.collection, frame.fields) !== undefined) ignoredFrames++;
          return;
        }
        // `updated` needs no action: calls settle on `result` (see methods.ts).
      }
    },
    onConnected() {
      // Meteor's order: re-subscribe, let reconnect hooks run (their calls go first), then flush the queue.
      subscriptions.onConnected();
      emit(connectedListeners, undefined, report, 'onConnected listener');
      if (connection.status.connected) methods.onConnected();
    },
    onDisconnected() {
      methods.onDisconnected();
      subscriptions.onDisconnected();
    },
    onStatus: (status) => emit(statusListeners, status, report, 'onStatus listener'),
    onIgnored: () => void ignoredFrames++,
    onError: report,
  });

  const send = (text: string): boolean => connection.send(text);
  const methods = createMethods({
    clock,
    send,
    isConnected: () => connection.status.connected,
    nextId,
    defaultTimeoutMs: positive('methodTimeoutMs', options.methodTimeoutMs, 30_000),
    maxRateLimitRetries,
  });
  const subscriptions = createSubscriptions({ send, nextId, onError: report });
  const streams = createStreams(report);

  const client: DdpClient = {
    get status() {
      return connection.status;
    },
    call<T>(method: string, params: unknown[], callOptions?: Parameters<DdpClient['call']>[2]): Promise<T> {
      if (closed) return Promise.reject(new DdpClosedError());
      return methods.call(method, params, callOptions) as Promise<T>;
    },
    subscribe(name, params, subscribeOptions): SubscriptionHandle {
      if (!closed) return subscriptions.subscribe(name, params, subscribeOptions);
      const ready = Promise.reject(new DdpClosedError());
      ready.catch(() => {});
      return { id: nextId(), ready, stop: () => {} };
    },
    onStream: (collection, eventName, handler) => (closed ? () => {} : streams.on(collection, eventName, handler)),
    onStatus: (listener) => (closed ? () => {} : listen(statusListeners, listener)),
    onConnected: (listener) => (closed ? () => {} : listen(connectedListeners, listener)),
    connect: () => connection.connect(),
    disconnect: () => connection.disconnect(),
    reconnect: () => connection.reconnect(),
    close() {
      if (closed) return;
      closed = true;
      const error = new DdpClosedError();
      methods.failAll(error);
      subscriptions.failAll(error);
      connection.close();
      streams.clear();
      statusListeners.clear();
      connectedListeners.clear();
    },
    debugInfo: () => ({
      status: connection.status.status,
      calls: methods.counts(),
      subscriptions: subscriptions.count(),
      streamHandlers: streams.count(),
      ignoredFrames,
    }),
  };

  if (options.autoConnect !== false) connection.connect();
  return client;
}
