/**
 * The stream router's fast path (streams.ts `dispatchText`, stream-frame.ts `routeHead`) must be invisible: for any
 * text, every handler gets what a whole-text `JSON.parse`, frame validation, revival and routing by exact name give
 * (the reference below), and the same frames are counted as ignored, whether or not a route's matcher took it.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJsonValue } from '../../../lib/ddp/ejson';
import { createStreams } from '../../../lib/ddp/streams';
import { routeHead } from '../../../lib/ddp/stream-frame';
import { setup } from './harness';
import { show } from './show-revived';

type Route = readonly [collection: string, eventName: string];

interface Outcome {
  /** `route index: args`, in dispatch order. */
  calls: string[];
  ignored: number;
}

/** What the general decoder and router do with `text`, spelled out without any shortcut. */
function reference(text: string, routes: readonly Route[], revive: boolean): Outcome | 'not a stream event' {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { calls: [], ignored: 1 };
  }
  const f = parsed as Record<string, unknown>;
  if (typeof f !== 'object' || f === null || Array.isArray(f) || f.msg !== 'changed') return 'not a stream event';
  const { collection, id, fields } = f;
  if (typeof collection !== 'string' || typeof id !== 'string') return { calls: [], ignored: 1 };
  if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) {
    return { calls: [], ignored: 1 };
  }
  if (revive && fields !== undefined) {
    try {
      if (fromJsonValue(fields) !== fields) return { calls: [], ignored: 1 };
    } catch {
      return { calls: [], ignored: 1 };
    }
  }
  const eventName = (fields as Record<string, unknown> | undefined)?.eventName;
  if (typeof eventName !== 'string') {
    return { calls: [], ignored: routes.some(([c]) => c === collection) ? 1 : 0 };
  }
  const calls: string[] = [];
  const args = (fields as Record<string, unknown>).args;
  for (const [i, [c, e]] of routes.entries()) {
    if (c !== collection || e !== eventName) continue;
    if (!Array.isArray(args)) return { calls: [], ignored: 1 };
    calls.push(`${i}:${show(args)}`);
  }
  return { calls, ignored: 0 };
}

/** What the client does with `text`, with one handler on each route. */
function actual(text: string, routes: readonly Route[], revive: boolean): Outcome {
  const h = setup({ reviveStreamArgs: revive });
  const socket = h.handshake();
  const calls: string[] = [];
  for (const [i, [c, e]] of routes.entries()) h.client.onStream(c, e, (args) => calls.push(`${i}:${show(args)}`));
  socket.receive(text);
  return { calls, ignored: h.client.debugInfo().ignoredFrames };
}

const changedText = (collection: unknown, id: unknown, eventName: unknown, args: unknown): string =>
  JSON.stringify({ msg: 'changed', collection, id, fields: { eventName, args } });

/** Names that a pattern built carelessly would misread: regex syntax, JSON escapes, controls, non-ASCII. */
const awkwardName = fc.oneof(
  fc.constantFrom('stream-room-messages', 'Hk3', 'Hk3/user-activity', 'a.c', 'abc', 'a*', 'aaa', '[x]', 'x'),
  fc.constantFrom('$1', '(a|b)', 'a', 'b', '^a$', 'a\\b', 'a"b', 'tab\there', '\u2028', 'é', '\ud800', ''),
  fc.string({ maxLength: 4 }),
);

/** JSON values with EJSON tags (well-formed and malformed) anywhere inside. */
const { ejsonValue } = fc.letrec((tie) => ({
  ejsonValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.record({ $date: fc.oneof(fc.integer(), fc.constant('x')) }),
    fc.record({ $binary: fc.constantFrom('AQID', '%%') }),
    fc.record({ $InfNaN: fc.constantFrom(-1, 0, 1, 2) }),
    fc.record({ $escape: fc.dictionary(fc.constantFrom('$date', 'a'), tie('ejsonValue'), { maxKeys: 2 }) }),
    fc.array(tie('ejsonValue'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('ts', '$date', '$x', 'md', '__proto__'), tie('ejsonValue'), { maxKeys: 3 }),
  ),
}));

const routeList = fc.array(fc.tuple(awkwardName, awkwardName), { minLength: 1, maxLength: 4 });

/** A stream event for one of the routes, for a near miss of one, or for anything. */
function eventFor(routes: readonly Route[]) {
  const names = (pick: 0 | 1) => fc.oneof(fc.constantFrom(...routes.map((r) => r[pick])), awkwardName);
  return fc
    .tuple(names(0), fc.oneof(fc.constant('id'), awkwardName), names(1), fc.oneof(fc.array(ejsonValue), ejsonValue))
    .map(([c, id, e, args]) => changedText(c, id, e, args));
}

function expectSameAsReference(text: string, routes: readonly Route[], revive: boolean): void {
  const expected = reference(text, routes, revive);
  const got = actual(text, routes, revive);
  if (expected === 'not a stream event') expect(got.calls).toEqual([]);
  else expect(got).toEqual(expected);
}

describe('stream routes on the frame text', () => {
  it('route canonical events exactly as the general decoder and router do, revived or not', () => {
    fc.assert(
      fc.property(
        routeList.chain((routes) => fc.tuple(fc.constant(routes), eventFor(routes), fc.boolean())),
        ([routes, text, revive]) => expectSameAsReference(text, routes, revive),
      ),
      { numRuns: 1500 },
    );
  });

  it('give the general answer for mutated, truncated or extended events', () => {
    fc.assert(
      fc.property(
        routeList.chain((routes) => fc.tuple(fc.constant(routes), eventFor(routes))),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc.boolean(),
        ([routes, text], at, cut, junk, revive) => {
          const i = at % (text.length + 1);
          expectSameAsReference(text.slice(0, i) + junk + text.slice(i + (cut % 4)), routes, revive);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('take the canonical events of a route from the text, and hand every other text back', () => {
    const streams = createStreams(() => {});
    const seen: unknown[] = [];
    streams.on('stream-room-messages', 'a.c', (args) => seen.push(args));
    streams.on('c', 'a"b', (args) => seen.push(args));
    const text = (c: string, e: string, args: string) =>
      `{"msg":"changed","collection":"${c}","id":"id","fields":{"eventName":"${e}","args":${args}}}`;

    expect(streams.dispatchText(text('stream-room-messages', 'a.c', '[{"ts":{"$date":5}}]'), true)).toBeUndefined();
    expect(streams.dispatchText(text('stream-room-messages', 'a.c', '[{"ts":{"$date":5}}]'), false)).toBeUndefined();
    expect(seen).toEqual([[{ ts: new Date(5) }], [{ ts: { $date: 5 } }]]);
    // A pattern's `.` would take `abc`: the names are matched literally.
    expect(streams.dispatchText(text('stream-room-messages', 'abc', '[1]'), true)).toBeNull();
    // A name that can only be written escaped is never matched from the text.
    expect(streams.dispatchText(text('c', 'a\\"b', '[1]'), true)).toBeNull();
    expect(routeHead('c', 'a"b')).toBeUndefined();
    expect(streams.dispatchText(text('stream-room-messages', 'a.c', '{"a":1}'), true)).toBe(
      'stream event without args[]',
    );
    expect(streams.dispatchText(text('stream-room-messages', 'a.c', '[{"$date":"soon"}]'), true)).toBe(
      '$date must be a number',
    );
    expect(streams.dispatchText(text('stream-room-messages', 'a.c', '[1],"x":2'), true)).toBeNull();
    expect(streams.dispatchText(`${text('stream-room-messages', 'a.c', '[1]')} `, true)).toBeNull();
    expect(streams.dispatchText(`${text('stream-room-messages', 'a.c', '[1]').slice(0, -2)}]]`, true)).toBeNull();
    expect(seen).toHaveLength(2);
    for (let i = 0; i < 8; i++) streams.on('other', `room-${i}`, () => {});
    expect(streams.dispatchText(text('stream-room-messages', 'a.c', '[1]'), true)).toBeNull();
  });

  it('take nothing before the handshake, as the general path does', () => {
    const h = setup();
    const seen: unknown[] = [];
    h.client.onStream('c', 'e', (args) => seen.push(args));
    const socket = h.latest();
    socket.open();
    socket.receive(changedText('c', 'id', 'e', [1]));
    expect(seen).toEqual([]);
    expect(h.client.debugInfo().ignoredFrames).toBe(1);
    socket.receive({ msg: 'connected', session: 's' });
    socket.receive(changedText('c', 'id', 'e', [2]));
    expect(seen).toEqual([[2]]);
  });

  it('never build a deeply nested value nor throw out of the client: too deep to revive is ignored', () => {
    const nested = `${'['.repeat(200_000)}{"$date":1}${']'.repeat(200_000)}`;
    const text = `{"msg":"changed","collection":"c","id":"id","fields":{"eventName":"e","args":[${nested}]}}`;
    const streams = createStreams(() => {});
    streams.on('c', 'e', () => {});
    expect(streams.dispatchText(text, true)).toBe('EJSON nesting too deep');
  });
});
