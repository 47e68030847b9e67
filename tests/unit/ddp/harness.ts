/** Shared set-up for the DDP client unit tests: a client on a fake socket and a fake clock. */
import { createDdpClient } from '../../../lib/ddp/client';
import type { DdpClient, DdpClientOptions } from '../../../lib/ddp/types';
import { FakeClock } from './fake-clock';
import { fakeSocketFactory, type FakeSocket } from './fake-socket';

export interface Harness {
  client: DdpClient;
  clock: FakeClock;
  sockets: FakeSocket[];
  latest(): FakeSocket;
  /** Opens the latest socket and completes the handshake (Meteor greeting, then `connected`). */
  handshake(): FakeSocket;
  errors: { error: unknown; context: string }[];
  /** Advances the clock to the scheduled retry (the status must be `waiting`) and returns the delay waited. */
  advanceToRetry(): number;
}

/** Creates a client (auto-connecting) with a fixed `random` of 0.5 unless overridden. */
export function setup(overrides: Partial<DdpClientOptions> = {}): Harness {
  const clock = new FakeClock();
  const { factory, sockets, latest } = fakeSocketFactory();
  const errors: Harness['errors'] = [];
  const client = createDdpClient({
    url: 'http://chat.example.com',
    socketFactory: factory,
    clock,
    random: () => 0.5,
    onError: (error, context) => errors.push({ error, context }),
    ...overrides,
  });
  return {
    client,
    clock,
    sockets,
    latest,
    errors,
    advanceToRetry() {
      const status = client.status;
      if (status.status !== 'waiting') throw new Error(`expected status waiting, got ${status.status}`);
      const delay = status.retryTime - clock.now();
      clock.advance(delay);
      return delay;
    },
    handshake() {
      const socket = latest();
      socket.open();
      socket.receive({ server_id: '0' });
      socket.receive({ msg: 'connected', session: `session-${sockets.length}` });
      return socket;
    },
  };
}

/** Lets pending promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
