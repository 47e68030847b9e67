/**
 * Subscription registry. Every subscription is re-sent, with its original id, on every connect: DDP has no session
 * resumption, so the server forgets them with the socket (SPEC §1.10).
 */
import { stringifyEjson } from './ejson';
import { clientError, toDdpError } from './errors';
import type { SubscribeOptions, SubscriptionHandle } from './types';

export interface SubscriptionsOptions {
  send(text: string): boolean;
  nextId(): string;
  onError(error: unknown, context: string): void;
}

interface Sub {
  readonly frame: string;
  readonly options: SubscribeOptions;
  ready: Promise<void>;
  isReady: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

export interface Subscriptions {
  subscribe(name: string, params: unknown[], options?: SubscribeOptions): SubscriptionHandle;
  handleReady(ids: string[]): void;
  handleNosub(id: string, error: unknown): void;
  /** Re-sends every subscription. */
  onConnected(): void;
  /** Re-arms `ready` of subscriptions that were ready: they are not until the server says so again. */
  onDisconnected(): void;
  /** Rejects every pending `ready` with `error` and forgets all subscriptions. */
  failAll(error: unknown): void;
  count(): number;
}

/** Nobody is obliged to await `ready`; without this a refused subscription would be an unhandled rejection. */
const swallow = (): void => {};

function arm(sub: Pick<Sub, 'ready' | 'isReady' | 'resolve' | 'reject'>): void {
  sub.isReady = false;
  sub.ready = new Promise<void>((resolve, reject) => {
    sub.resolve = resolve;
    sub.reject = reject;
  });
  sub.ready.catch(swallow);
}

function rejectedHandle(id: string, error: unknown): SubscriptionHandle {
  const ready = Promise.reject(error);
  ready.catch(swallow);
  return { id, ready, stop: () => {} };
}

/** Creates the registry; `send` returns false while offline, which is fine since `onConnected` re-sends. */
export function createSubscriptions(o: SubscriptionsOptions): Subscriptions {
  const subs = new Map<string, Sub>();

  const notify = (fn: ((e?: unknown) => void) | undefined, arg: unknown, context: string): void => {
    if (fn === undefined) return;
    try {
      fn(arg);
    } catch (err) {
      o.onError(err, context);
    }
  };

  function subscribe(name: string, params: unknown[], options: SubscribeOptions = {}): SubscriptionHandle {
    const id = o.nextId();
    if (typeof name !== 'string' || name === '' || !Array.isArray(params)) {
      return rejectedHandle(id, clientError('invalid-arguments', 'subscribe needs a name and a params array'));
    }
    let paramsJson: string;
    try {
      paramsJson = stringifyEjson(params);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return rejectedHandle(id, clientError('invalid-arguments', `params of '${name}' cannot be sent: ${why}`));
    }
    const frame = `{"msg":"sub","id":${JSON.stringify(id)},"name":${JSON.stringify(name)},"params":${paramsJson}}`;
    const sub = { frame, options } as Sub;
    arm(sub);
    subs.set(id, sub);
    o.send(frame);
    return {
      id,
      get ready() {
        return sub.ready;
      },
      stop() {
        if (subs.get(id) !== sub) return;
        subs.delete(id);
        o.send(`{"msg":"unsub","id":${JSON.stringify(id)}}`);
        if (!sub.isReady) sub.reject(clientError('subscription-stopped', `'${name}' was stopped before it was ready`));
      },
    };
  }

  return {
    subscribe,
    handleReady(ids) {
      for (const id of ids) {
        const sub = subs.get(id);
        if (sub === undefined || sub.isReady) continue;
        sub.isReady = true;
        sub.resolve();
        notify(sub.options.onReady, undefined, 'onReady listener');
      }
    },
    handleNosub(id, rawError) {
      const sub = subs.get(id);
      if (sub === undefined) return; // the answer to our own unsub, or an id we never used
      subs.delete(id);
      const hasError = rawError !== undefined && rawError !== null;
      // A bare nosub before ready is how 3.x servers refuse a stream (SPEC §8), not a success.
      const error = hasError
        ? toDdpError(rawError)
        : sub.isReady
          ? undefined
          : clientError('subscription-refused', 'The server ended the subscription before it was ready');
      if (!sub.isReady) sub.reject(error);
      notify(sub.options.onNosub, error, 'onNosub listener');
    },
    onConnected() {
      for (const sub of subs.values()) if (!o.send(sub.frame)) return;
    },
    onDisconnected() {
      for (const sub of subs.values()) if (sub.isReady) arm(sub);
    },
    failAll(error) {
      for (const sub of subs.values()) if (!sub.isReady) sub.reject(error);
      subs.clear();
    },
    count: () => subs.size,
  };
}
