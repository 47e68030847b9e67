/**
 * Property-based fuzzing of inbound frames: whatever the server sends, the client must not throw out of its event
 * loop, its state must stay consistent, and a well-formed conversation must still work afterwards.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DdpStatus } from '../../../lib/ddp/types';
import { CONNECTING } from './fake-socket';
import { flush, setup, type Harness } from './harness';

const MSGS = [
  'connected',
  'failed',
  'error',
  'ping',
  'pong',
  'result',
  'updated',
  'ready',
  'nosub',
  'changed',
  'added',
  'server_id',
];
const FIELDS = [
  'id',
  'result',
  'error',
  'methods',
  'subs',
  'collection',
  'fields',
  'session',
  'version',
  'reason',
  'server_id',
];

/** Values that sometimes hit live ids, collections and event names, and otherwise are anything JSON can carry. */
const fieldValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('1', '2', '3', '4', 'stream-room-messages', 'room'),
  fc.array(fc.constantFrom('1', '2', '3', '4', 5, null)),
  fc.record({
    eventName: fc.oneof(fc.constant('room'), fc.jsonValue()),
    args: fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue())),
  }),
  fc.record({
    error: fc.oneof(fc.jsonValue(), fc.constantFrom('too-many-requests', 404)),
    details: fc.jsonValue(),
    reason: fc.jsonValue(),
  }),
);

/** An object with a plausible or wrong `msg` and any subset of DDP fields, each with a value of any type. */
const structuredFrame = fc
  .tuple(
    fc.oneof(fc.constantFrom(...MSGS), fc.string(), fc.jsonValue()),
    fc.dictionary(fc.constantFrom(...FIELDS), fieldValue),
  )
  .map(([msg, rest]) => JSON.stringify({ msg, ...rest }));

const liveOrUnknownId = fc.constantFrom('1', '2', '3', '4', '5', 'hb-1', '');

/** Well-formed frames of every type, aimed at live and unknown ids. */
const wellFormed = fc.oneof(
  fc.record({ msg: fc.constant('result'), id: liveOrUnknownId, result: fc.jsonValue() }),
  fc.record({
    msg: fc.constant('result'),
    id: liveOrUnknownId,
    error: fc.record({
      error: fc.constantFrom('too-many-requests', 404, 'x'),
      reason: fc.string(),
      details: fc.jsonValue(),
    }),
  }),
  fc.record({ msg: fc.constant('updated'), methods: fc.array(liveOrUnknownId) }),
  fc.record({ msg: fc.constant('ready'), subs: fc.array(liveOrUnknownId) }),
  fc.record({ msg: fc.constant('nosub'), id: liveOrUnknownId, error: fc.option(fc.jsonValue(), { nil: undefined }) }),
  fc.record({ msg: fc.constantFrom('ping', 'pong'), id: fc.option(fc.string(), { nil: undefined }) }),
  fc.record({ msg: fc.constant('connected'), session: fc.string() }),
  fc.record({ msg: fc.constant('failed'), version: fc.constantFrom('1', 'pre1', 'pre2', '2') }),
  fc.record({ msg: fc.constant('error'), reason: fc.string() }),
  fc.record({
    msg: fc.constant('changed'),
    collection: fc.constantFrom('stream-room-messages', 'stream-other'),
    id: fc.constant('id'),
    fields: fc.record({ eventName: fc.constantFrom('room', 'other'), args: fc.array(fc.jsonValue()) }),
  }),
);

/** A well-formed frame with one field replaced by a value of any type, or removed. */
const mistyped = fc
  .tuple(wellFormed, fc.constantFrom(...FIELDS, 'msg'), fc.option(fc.jsonValue(), { nil: undefined }))
  .map(([frame, key, value]) => JSON.stringify({ ...frame, [key]: value }));

const validSample = JSON.stringify({
  msg: 'changed',
  collection: 'stream-room-messages',
  id: 'id',
  fields: { eventName: 'room', args: [{ ts: { $date: 1 }, bin: { $binary: 'AQID' } }] },
});

const malformedJson = fc
  .tuple(fc.constantFrom(validSample, '{"msg":"result","id":"1","result":{"$date":1}}'), fc.nat(), fc.string())
  .map(([text, cut, junk]) => text.slice(0, cut % text.length) + junk);

const badEjson = fc.constantFrom(
  '{"msg":"result","id":"1","result":{"$date":"x"}}',
  '{"msg":"result","id":"1","result":{"$binary":"%%%"}}',
  '{"msg":"changed","collection":"stream-room-messages","id":"id","fields":{"eventName":"room","args":[{"$InfNaN":9}]}}',
  '{"msg":"ready","subs":{"$escape":7}}',
);

const anyFrame = fc.oneof(
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 3, arbitrary: malformedJson },
  { weight: 1, arbitrary: badEjson },
  { weight: 4, arbitrary: structuredFrame },
  { weight: 4, arbitrary: wellFormed.map((f) => JSON.stringify(f)) },
  { weight: 4, arbitrary: mistyped },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 42, new Uint8Array(3), {}) },
);

function expectValidStatus(status: DdpStatus): void {
  expect(Number.isInteger(status.retryCount) && status.retryCount >= 0).toBe(true);
  expect(status.connected).toBe(status.status === 'connected');
  if (status.status === 'waiting') expect(Number.isFinite(status.retryTime)).toBe(true);
  if (status.status === 'failed') expect(typeof status.reason).toBe('string');
  expect(['connecting', 'connected', 'waiting', 'offline', 'failed']).toContain(status.status);
}

interface Pending {
  settled: number;
  issued: number;
}

/** Starts a client with calls in flight, a subscription and a stream handler, so fuzz frames have targets. */
function arrange(connected: boolean): { h: Harness; pending: Pending } {
  const h = setup({ maxRateLimitRetries: 1 });
  if (connected) h.handshake();
  else h.latest().open();
  const pending: Pending = { settled: 0, issued: 0 };
  for (let i = 0; i < 3; i++) {
    pending.issued++;
    h.client.call('m', [i]).then(
      () => pending.settled++,
      () => pending.settled++,
    );
  }
  h.client.subscribe('stream-room-messages', ['room', { useCollection: false, args: [] }]);
  h.client.onStream('stream-room-messages', 'room', () => {});
  return { h, pending };
}

/** After the fuzz: invariants hold, and a clean handshake + method + subscription + stream event still works. */
async function expectHealthy({ h, pending }: { h: Harness; pending: Pending }): Promise<void> {
  await flush();
  expectValidStatus(h.client.status);
  const info = h.client.debugInfo();
  const open = info.calls.queued + info.calls.inFlight + info.calls.waitingRateLimit;
  expect(open).toBe(pending.issued - pending.settled);
  expect(info.ignoredFrames).toBeGreaterThanOrEqual(0);

  if (!h.client.status.connected) {
    h.client.disconnect();
    h.client.connect();
    h.handshake();
  }
  expect(h.client.status.status).toBe('connected');
  const socket = h.latest();
  const result = h.client.call<string>('livechat:setUpConnection', [{ token: 't' }]);
  socket.receive({ msg: 'result', id: socket.last('method').id, result: 'ok' });
  socket.receive({ msg: 'updated', methods: [socket.last('method').id] });
  const sub = h.client.subscribe('stream-notify-room', ['room/user-activity', { useCollection: false, args: [] }]);
  socket.receive({ msg: 'ready', subs: [sub.id] });
  const events: unknown[] = [];
  h.client.onStream('stream-notify-room', 'room/user-activity', (args) => events.push(args));
  socket.receive({
    msg: 'changed',
    collection: 'stream-notify-room',
    id: 'id',
    fields: { eventName: 'room/user-activity', args: ['maria.agent', ['user-typing']] },
  });
  await expect(result).resolves.toBe('ok');
  await expect(sub.ready).resolves.toBeUndefined();
  expect(events).toEqual([['maria.agent', ['user-typing']]]);
  h.client.close();
}

function deliverAll(h: Harness, frames: unknown[]): void {
  for (const frame of frames) {
    // A version renegotiation opens a new socket; a real server can only talk on it once it is open.
    const socket = h.latest();
    if (socket.readyState === CONNECTING) socket.open();
    socket.onmessage?.({ data: frame });
  }
}

describe('inbound frame fuzzing', () => {
  it('survives random, malformed and mistyped frames before and after the handshake', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(anyFrame, { maxLength: 40 }), async (connected, frames) => {
        const world = arrange(connected);
        expect(() => deliverAll(world.h, frames)).not.toThrow();
        await expectHealthy(world);
      }),
      { numRuns: 300 },
    );
  });

  it('survives huge payloads (1–5 MB strings)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_000_000, max: 5_000_000 }),
        fc.constantFrom('result', 'changed', 'junk'),
        async (size, kind) => {
          const world = arrange(true);
          const big = 'x'.repeat(size);
          const frame =
            kind === 'result'
              ? JSON.stringify({ msg: 'result', id: '1', result: big })
              : kind === 'changed'
                ? JSON.stringify({
                    msg: 'changed',
                    collection: 'stream-room-messages',
                    id: 'id',
                    fields: { eventName: 'room', args: [big] },
                  })
                : big;
          expect(() => deliverAll(world.h, [frame, frame.slice(0, -1)])).not.toThrow();
          await expectHealthy(world);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('survives deeply nested EJSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 150_000 }),
        fc.constantFrom('{"$escape":{"a":', '{"a":', '['),
        async (depth, opener) => {
          const world = arrange(true);
          const closer = opener === '[' ? ']' : '}}'.slice(0, opener === '{"a":' ? 1 : 2);
          const nested = `${opener.repeat(depth)}{"$date":1}${closer.repeat(depth)}`;
          const frames = [
            `{"msg":"result","id":"1","result":${nested}}`,
            `{"msg":"changed","collection":"stream-room-messages","id":"id","fields":{"eventName":"room","args":[${nested}]}}`,
          ];
          expect(() => deliverAll(world.h, frames)).not.toThrow();
          await expectHealthy(world);
        },
      ),
      { numRuns: 12 },
    );
  });
});
