/**
 * Revival of stream args (revive-args.ts) must give exactly what the general walk (`fromJsonValue`) gives, for any
 * text and whatever the route's earlier events taught it (`DateKeys`): the same values, the same `Date`s, the same
 * errors. Its shortcuts (the learned keys, the fields pass, the `$` count) only decide how much of the walk runs.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EjsonError, fromJsonValue } from '../../../lib/ddp/ejson';
import { noDateKeys, reviveArgs, type DateKeys } from '../../../lib/ddp/revive-args';
import { show } from './show-revived';

/** The walk's answer, or the kind of error it throws. */
function walk(text: string): string {
  try {
    return show(fromJsonValue(JSON.parse(text)));
  } catch (err) {
    return err instanceof EjsonError ? 'EjsonError' : `other error ${String(err)}`;
  }
}

/** `reviveArgs`'s answer for `text` (args written from `from` on, after a prefix), with the route's `dates`. */
function fast(text: string, dates: DateKeys, prefix = ''): string {
  const framed = `${prefix}${text}}}`;
  try {
    return show(reviveArgs(JSON.parse(text), framed, prefix.length, dates));
  } catch (err) {
    return err instanceof EjsonError ? 'EjsonError' : `other error ${String(err)}`;
  }
}

const revive = (text: string, dates: DateKeys = noDateKeys()): unknown =>
  reviveArgs(JSON.parse(text), `${text}}}`, 0, dates);

const message = (extra = ''): string =>
  `[{"_id":"m1","rid":"R1","msg":"hi","ts":{"$date":5},"u":{"_id":"u1","username":"maria"},"_updatedAt":{"$date":6},"md":[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"hi"}]}]${extra}}]`;

describe('reviveArgs', () => {
  it('revives a message’s dates and learns where they are for the route’s next event', () => {
    const dates = noDateKeys();
    expect(revive(message(), dates)).toEqual([
      expect.objectContaining({ ts: new Date(5), _updatedAt: new Date(6), u: { _id: 'u1', username: 'maria' } }),
    ]);
    expect(dates).toEqual({ k0: 'ts', k1: '_updatedAt', k2: undefined });
    const next = revive(message(',"editedAt":{"$date":7}'), dates) as [Record<string, unknown>];
    expect([next[0].ts, next[0]._updatedAt, next[0].editedAt]).toEqual([new Date(5), new Date(6), new Date(7)]);
    expect(dates).toEqual({ k0: 'ts', k1: '_updatedAt', k2: 'editedAt' });
  });

  it('revives dates deeper down, in arrays, and args that are dates themselves', () => {
    const dates = noDateKeys();
    revive(message(), dates);
    const v = revive(message(',"attachments":[{"ts":{"$date":8},"fields":[{"$date":9}]}]'), dates) as [
      { ts: Date; attachments: [{ ts: Date; fields: [Date] }] },
    ];
    expect(v[0].ts).toEqual(new Date(5));
    expect(v[0].attachments[0]).toEqual({ ts: new Date(8), fields: [new Date(9)] });
    expect(revive('[{"$date":1},[{"$date":2}],"x",{"a":{"b":{"$date":3}}}]', dates)).toEqual([
      new Date(1),
      [new Date(2)],
      'x',
      { a: { b: new Date(3) } },
    ]);
    expect(revive('{"$date":4}', dates)).toEqual(new Date(4));
  });

  it('leaves objects that only look like dates alone, wherever the learned keys point', () => {
    const dates = noDateKeys();
    revive(message(), dates);
    for (const ts of ['{"$date":1,"x":2}', '{"a":1,"$date":2}', '{"$datex":1}', '{"$date":{"n":1}}', '"2024"']) {
      const text = `[{"ts":${ts},"_updatedAt":{"$date":6}}]`;
      expect(fast(text, { ...dates })).toBe(walk(text));
    }
    expect(revive('[{"ts":{"$date":1,"x":{"$date":2}}}]', dates)).toEqual([{ ts: { $date: 1, x: new Date(2) } }]);
    // An object whose first key is `$date` is no tag with a second key, yet its values are still revived.
    expect(revive('[{"$date":1,"ts":{"$date":2}}]', dates)).toEqual([{ $date: 1, ts: new Date(2) }]);
    // `$escape` keeps a `$date` literal even where a learned key would have found one.
    const escaped = noDateKeys();
    revive('[{"a":1,"$escape":{"$date":5}}]', escaped);
    expect(revive('[{"$escape":{"$date":1}}]', escaped)).toEqual([{ $date: 1 }]);
  });

  it('rejects a malformed date as the walk does, whether the learned keys find it or not', () => {
    const dates = noDateKeys();
    revive(message(), dates);
    expect(() => revive('[{"ts":{"$date":"soon"}}]', dates)).toThrow(EjsonError);
    expect(() => revive('[{"x":{"$date":"soon"}}]', dates)).toThrow(EjsonError);
    expect(() => revive('[{"ts":{"$date":1},"b":{"$binary":"***"}}]', dates)).toThrow(EjsonError);
  });

  it('withstands hostile args: __proto__, escaped `$`, `$` in text, nesting deeper than the stack', () => {
    const dates = noDateKeys();
    const proto = revive('[{"__proto__":{"$date":1},"ts":{"$date":2}}]', dates) as [Record<string, unknown>];
    expect(Object.getPrototypeOf(proto[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(proto[0], '__proto__')?.value).toEqual(new Date(1));
    expect(dates).toEqual({ k0: 'ts', k1: undefined, k2: undefined });
    // Learned keys revive `ts`; the escaped and the literal `$` elsewhere still count.
    expect(revive('[{"ts":{"$date":2},"x":{"\\u0024date":3}}]', dates)).toEqual([{ ts: new Date(2), x: new Date(3) }]);
    expect(revive('[{"ts":{"$date":2},"msg":"$5","x":[{"$date":3}]}]', dates)).toEqual([
      { ts: new Date(2), msg: '$5', x: [new Date(3)] },
    ]);
    expect(revive('[{"msg":"costs $5"}]', dates)).toEqual([{ msg: 'costs $5' }]);
    const deep = `[{"ts":{"$date":1},"md":${'['.repeat(200_000)}{"$date":1}${']'.repeat(200_000)}}]`;
    expect(() => revive(deep, dates)).toThrow(EjsonError);
  });

  it('gives the walk’s answer for any sequence of events on one route', () => {
    const date = fc.record({ $date: fc.oneof(fc.integer(), fc.constant('x')) });
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.jsonValue({ maxDepth: 1 }),
        date,
        fc.record({ $binary: fc.constantFrom('AQID', '%%') }),
        fc.record({ $InfNaN: fc.constantFrom(-1, 0, 1, 2) }),
        fc.record({ $escape: fc.dictionary(fc.constantFrom('$date', 'ts'), tie('value'), { maxKeys: 2 }) }),
        fc.record({ $type: fc.constantFrom('oid', 7), $value: tie('value') }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('ts', 'u', '$date', '$x', 'md', '__proto__'), tie('value'), { maxKeys: 4 }),
      ),
    }));
    const messageLike = fc.record(
      { _id: fc.string(), msg: fc.string(), ts: fc.oneof(date, value), _updatedAt: date, editedAt: value, u: value },
      { requiredKeys: ['_id', 'ts'] },
    );
    const args = fc.oneof(fc.tuple(messageLike), fc.array(fc.oneof(messageLike, value), { maxLength: 3 }), value);
    /** The text as written, or with some `$` written as the escape `\u0024`. */
    const written = fc.tuple(args, fc.nat()).map(([a, seed]) => {
      let n = seed;
      return JSON.stringify(a).replaceAll('$', () => ((n = n >> 1) & 1 ? '\\u0024' : '$'));
    });
    fc.assert(
      fc.property(
        fc.array(written, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('', '$', '\\u0024'),
        (texts, pad) => {
          const dates = noDateKeys();
          // Text before the args (a route's names may hold `$`) is not theirs to count.
          const prefix = `{"eventName":"${pad}","args":`;
          for (const text of texts) expect(fast(text, dates, prefix)).toBe(walk(text));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
