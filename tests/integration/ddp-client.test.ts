// lib/ddp over real sockets against the devserver: both server framings, EJSON, errors, rate limits, server
// restarts and a server that keeps cutting the socket. Waits are event-driven with generous bounds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startDevServer, type DevServer } from '../../devserver/index';
import { createDdpClient, DdpDisconnectedError, isMethodNotFound, isRateLimited } from '../../lib/ddp';
import type { DdpClient, DdpClientOptions, SocketLike } from '../../lib/ddp';

const socketFactory = (url: string): SocketLike => new WebSocket(url);
const visitorParams = (eventName: string, token: string) => [
  eventName,
  { useCollection: false, args: [{ token, visitorToken: token }] },
];

interface Message {
  _id: string;
  rid: string;
  msg: string;
  ts: Date;
}

const clients: DdpClient[] = [];

function client(server: DevServer, options: Partial<DdpClientOptions> = {}): DdpClient {
  const c = createDdpClient({ url: server.url, socketFactory, ...options });
  clients.push(c);
  return c;
}

/** Resolves on the next `connected` (or at once if connected and `now` is set). */
function connected(c: DdpClient, now = true): Promise<void> {
  if (now && c.status.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const off = c.onConnected(() => {
      off();
      resolve();
    });
  });
}

/** Resolves when the link next goes down. */
function disconnected(c: DdpClient): Promise<void> {
  return new Promise((resolve) => {
    const off = c.onStatus((status) => {
      if (status.connected) return;
      off();
      resolve();
    });
  });
}

/** Collects stream events and lets a test wait for one that matches. */
function collect<T>(c: DdpClient, collection: string, eventName: string) {
  const seen: T[] = [];
  let waiters: { match: (x: T) => boolean; resolve: (x: T) => void }[] = [];
  c.onStream(collection, eventName, (args) => {
    const event = args[0] as T;
    seen.push(event);
    const due = waiters.filter((w) => w.match(event));
    waiters = waiters.filter((w) => !due.includes(w));
    for (const w of due) w.resolve(event);
  });
  return {
    seen,
    next(match: (x: T) => boolean): Promise<T> {
      const found = seen.find(match);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('lib/ddp against the legacy (Meteor-framed) devserver', () => {
  let server: DevServer;
  const TOKEN = 'tok-ddp-client';
  let rid = '';

  beforeAll(async () => {
    server = await startDevServer({ port: 0, profile: 'legacy', rateLimits: false });
    const setupClient = createDdpClient({ url: server.url, socketFactory });
    await setupClient.call('livechat:registerGuest', [{ token: TOKEN, name: 'Ana Lima' }]);
    const first = await setupClient.call<Message>('sendMessageLivechat', [
      { _id: 'DdpClientMsg00000', rid: 'DdpClientRoom0001', msg: 'Hi', token: TOKEN },
    ]);
    rid = first.rid;
    setupClient.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('handshakes from an http URL, calls methods, subscribes and receives stream events with Dates', async () => {
    const c = client(server);
    await connected(c);
    await c.call('livechat:registerGuest', [{ token: TOKEN, name: 'Ana Lima' }]);
    const sent = await c.call<Message>('sendMessageLivechat', [
      { _id: 'DdpClientMsg00001', rid, msg: 'Hello', token: TOKEN },
    ]);
    expect(sent.rid).toBe(rid);
    expect(sent.ts).toBeInstanceOf(Date);

    const sub = c.subscribe('stream-room-messages', visitorParams(rid, TOKEN));
    await sub.ready;
    const events = collect<Message>(c, 'stream-room-messages', rid);
    server.control.say(rid, { text: 'Hi Ana, how can I help?' });
    const event = await events.next((m) => m.msg === 'Hi Ana, how can I help?');
    expect(event.ts).toBeInstanceOf(Date);

    const err = await c.call('livechat:noSuchMethod', []).catch((e: unknown) => e);
    expect(isMethodNotFound(err)).toBe(true);

    sub.stop();
    expect(c.debugInfo().subscriptions).toBe(0);
  });

  it('a refused subscription rejects ready with the server’s error', async () => {
    const c = client(server);
    const sub = c.subscribe('stream-room-messages', visitorParams('NoSuchRoom0000001', 'wrong-token'));
    await expect(sub.ready).rejects.toMatchObject({ error: 'not-allowed' });
  });

  it('reconnects after the server goes away and re-subscribes on its own', async () => {
    const c = client(server, { backoff: { initialMs: 50, maxMs: 200 } });
    await connected(c);
    const sub = c.subscribe('stream-room-messages', visitorParams(rid, TOKEN));
    await sub.ready;
    const events = collect<Message>(c, 'stream-room-messages', rid);
    const back = connected(c, false);
    server.control.setFaults({ downForMs: 500 });
    await back;
    await sub.ready;
    server.control.say(rid, { text: 'Still there?' });
    await events.next((m) => m.msg === 'Still there?');
  });

  it('keeps working while the server cuts the socket every few frames', async () => {
    const c = client(server, { backoff: { initialMs: 5, maxMs: 50 }, methodTimeoutMs: 15_000 });
    await connected(c);
    let reconnects = 0;
    c.onConnected(() => reconnects++);
    const sub = c.subscribe('stream-room-messages', visitorParams(rid, TOKEN));
    await sub.ready;
    const events = collect<Message>(c, 'stream-room-messages', rid);
    server.control.setFaults({ dropEveryFrames: 8 });

    const safe: Promise<unknown>[] = [];
    const unsafe: Promise<unknown>[] = [];
    let delivered = 0;
    // Once the server has the subscription on the current link, an agent message either arrives or the link drops
    // first (events emitted while disconnected are lost: DDP has no resume).
    const sayOnce = async (text: string): Promise<boolean> => {
      await sub.ready;
      const down = disconnected(c);
      server.control.say(rid, { text });
      const outcome = await Promise.race([events.next((m) => m.msg === text), down.then(() => 'dropped' as const)]);
      return outcome !== 'dropped';
    };
    for (let i = 0; i < 30; i++) {
      safe.push(c.call('livechat:setUpConnection', [{ token: TOKEN }], { resendOnReconnect: true }));
      unsafe.push(c.call('livechat:setUpConnection', [{ token: TOKEN }]).catch((e: unknown) => e));
      if (await sayOnce(`burst ${i}`)) delivered++;
    }
    // Every resendable call completes; every other one either completes or fails typed, none hangs.
    await expect(Promise.all(safe)).resolves.toHaveLength(30);
    for (const outcome of await Promise.all(unsafe)) {
      if (outcome !== undefined) expect(outcome).toBeInstanceOf(DdpDisconnectedError);
    }
    expect(reconnects).toBeGreaterThanOrEqual(5);
    expect(delivered).toBeGreaterThan(0);
    expect(c.debugInfo().calls).toEqual({ queued: 0, inFlight: 0, waitingRateLimit: 0 });

    server.control.setFaults({});
    // A socket the server cut just before may not have reported its close yet; then the event is lost once.
    let attempt = 0;
    while (!(await sayOnce(`calm again ${attempt}`))) attempt++;
    expect(events.seen.every((m) => m.ts instanceof Date)).toBe(true);
  });
});

describe('lib/ddp against the v8 (ddp-streamer-framed) devserver', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer({ port: 0, profile: 'v8' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('accepts the streamer greeting and result-before-updated', async () => {
    const c = client(server, { url: server.ddpUrl, autoConnect: false });
    c.connect();
    await connected(c);
    await expect(c.call('livechat:setUpConnection', [{ token: 'tok-v8' }])).resolves.toBeUndefined();
    const gone = await c.call('livechat:registerGuest', [{ token: 'tok-v8' }]).catch((e: unknown) => e);
    expect(isMethodNotFound(gone)).toBe(true);
  });
});

describe('lib/ddp against Rocket.Chat’s DDP rate limits (devserver defaults)', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer({ port: 0, profile: 'legacy' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('waits out a DDP rate limit (details.timeToReset) and then succeeds', async () => {
    const c = client(server);
    await connected(c);
    const offline = { name: 'Ana Lima', email: 'ana@example.com', message: 'Hello?' };
    await c.call('livechat:sendOfflineMessage', [offline]);
    const started = Date.now();
    await expect(c.call('livechat:sendOfflineMessage', [offline])).resolves.not.toBeInstanceOf(Error);
    // The server allows one call per 5 s on this connection; the client waited rather than failing.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it('surfaces the rate-limit error when retries are not allowed', async () => {
    const c = client(server, { maxRateLimitRetries: 0 });
    await connected(c);
    const offline = { name: 'Ana Lima', email: 'ana@example.com', message: 'Hello?' };
    await c.call('livechat:sendOfflineMessage', [offline]);
    const err = await c.call('livechat:sendOfflineMessage', [offline]).catch((e: unknown) => e);
    expect(isRateLimited(err)).toBe(true);
  });
});
