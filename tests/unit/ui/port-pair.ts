/**
 * An in-memory `runtime.Port` pair for unit tests (WXT's fake browser has no `runtime.connect`). It behaves as
 * Chrome's ports do where it matters: messages are JSON round-tripped and delivered asynchronously, and
 * `disconnect()` notifies only the other end. Generic over the message types, so `createPortPair<UiToBg,
 * BgToUi>(PORT_NAME)` yields `[UiPort, BgPort]` with no casts.
 */
import type { PortLike } from '../../../lib/messaging';

/** A port with test-only access to whether it is still connected. */
export type TestPort<In, Out> = PortLike<In, Out> & { readonly connected: boolean };

interface Internal<In> {
  fire(message: In): void;
  drop(): void;
}

function makePort<In, Out>(name: string): TestPort<In, Out> & Internal<In> & { peer: Internal<Out> | null } {
  const messageListeners = new Set<(message: In) => void>();
  const disconnectListeners = new Set<() => void>();
  let connected = true;
  const port = {
    name,
    peer: null as Internal<Out> | null,
    get connected() {
      return connected;
    },
    postMessage(message: Out): void {
      if (!connected) throw new Error('Attempting to use a disconnected port object');
      const copy = JSON.parse(JSON.stringify(message)) as Out;
      queueMicrotask(() => port.peer?.fire(copy));
    },
    onMessage: {
      addListener: (listener: (message: In) => void) => void messageListeners.add(listener),
      removeListener: (listener: (message: In) => void) => void messageListeners.delete(listener),
    },
    onDisconnect: {
      addListener: (listener: () => void) => void disconnectListeners.add(listener),
      removeListener: (listener: () => void) => void disconnectListeners.delete(listener),
    },
    disconnect(): void {
      if (!connected) return;
      connected = false;
      queueMicrotask(() => port.peer?.drop());
    },
    fire(message: In): void {
      if (!connected) return;
      for (const listener of messageListeners) listener(message);
    },
    drop(): void {
      if (!connected) return;
      connected = false;
      for (const listener of disconnectListeners) listener();
    },
  };
  return port;
}

/** Two connected ends: the first sends `A` and receives `B`, the second the reverse. */
export function createPortPair<A, B>(name: string): [TestPort<B, A>, TestPort<A, B>] {
  const first = makePort<B, A>(name);
  const second = makePort<A, B>(name);
  first.peer = second;
  second.peer = first;
  return [first, second];
}
