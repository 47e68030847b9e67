import type {
  CallOptions,
  DdpConnection,
  DdpStatus,
  SubscribeOptions,
  SubscriptionHandle,
} from '../../../lib/ddp/types';

type MethodHandler = (params: unknown[]) => unknown;

/** A Meteor.Error as the server serialises it. */
export function meteorError(error: string | number, reason?: string, details?: unknown) {
  return {
    isClientSafe: true,
    error,
    ...(reason === undefined ? {} : { reason }),
    ...(details === undefined ? {} : { details }),
    message: reason === undefined ? `[${error}]` : `${reason} [${error}]`,
    errorType: 'Meteor.Error',
  };
}

/** An error the DDP client raises itself when the socket drops. */
export const disconnectedError = {
  error: 'disconnected',
  reason: 'Connection lost',
  errorType: 'DdpClient.Error',
  message: 'Connection lost',
};

/**
 * A scripted DDP connection: methods answer through handlers (a missing handler answers 404 like a server that
 * lacks the method), subscriptions are recorded, and the test pushes stream events and status changes.
 */
export class FakeDdp implements DdpConnection {
  status: DdpStatus = { status: 'connecting', connected: false, retryCount: 0 };
  readonly calls: Array<{ method: string; params: unknown[]; options?: CallOptions }> = [];
  readonly subs: Array<{ name: string; params: unknown[]; stopped: boolean }> = [];
  readonly methods = new Map<string, MethodHandler>();
  connects = 0;
  disconnects = 0;
  private readonly streams = new Map<string, Set<(args: unknown[]) => void>>();
  private readonly statusListeners = new Set<(status: DdpStatus) => void>();
  private readonly connectedListeners = new Set<() => void>();

  handle(method: string, handler: MethodHandler): this {
    this.methods.set(method, handler);
    return this;
  }

  async call<T>(method: string, params: unknown[], options?: CallOptions): Promise<T> {
    this.calls.push({ method, params, ...(options ? { options } : {}) });
    if (!this.status.connected) throw disconnectedError;
    const handler = this.methods.get(method);
    if (!handler) throw meteorError(404, `Method '${method}' not found`);
    return (await handler(params)) as T;
  }

  subscribe(name: string, params: unknown[], _options?: SubscribeOptions): SubscriptionHandle {
    const record = { name, params, stopped: false };
    this.subs.push(record);
    return {
      id: String(this.subs.length),
      ready: Promise.resolve(),
      stop: () => {
        record.stopped = true;
      },
    };
  }

  onStream(collection: string, eventName: string, handler: (args: unknown[]) => void): () => void {
    const key = `${collection}|${eventName}`;
    const set = this.streams.get(key) ?? new Set();
    set.add(handler);
    this.streams.set(key, set);
    return () => set.delete(handler);
  }

  onStatus(listener: (status: DdpStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  connect(): void {
    this.connects += 1;
  }
  disconnect(): void {
    this.disconnects += 1;
  }
  reconnect(): void {}
  close(): void {}

  /** Simulates a successful handshake. */
  goOnline(): void {
    this.setStatus({ status: 'connected', connected: true, retryCount: 0 });
    for (const listener of this.connectedListeners) listener();
  }

  goOffline(): void {
    this.setStatus({ status: 'waiting', connected: false, retryCount: 1, retryTime: Date.now() + 1000 });
  }

  emit(collection: string, eventName: string, args: unknown[]): void {
    for (const handler of this.streams.get(`${collection}|${eventName}`) ?? []) handler(args);
  }

  callsTo(method: string) {
    return this.calls.filter((c) => c.method === method);
  }

  private setStatus(status: DdpStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
