/**
 * The stream-event fast path must be invisible: for any text, `decodeFrame` gives what a whole-text `JSON.parse`,
 * frame validation and payload revival give (the reference below), whether or not the fast path takes the frame.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJsonValue } from '../../../lib/ddp/ejson';
import { decodeFrame, toFrame, type InboundFrame } from '../../../lib/ddp/frames';
import { decodeStreamEvent } from '../../../lib/ddp/stream-frame';

/** The general decoder's semantics, spelled out without any shortcut; `ignored` frames compare by kind only. */
function reference(text: string): InboundFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { msg: 'ignored', reason: '' };
  }
  const frame = toFrame(parsed);
  if (frame.msg !== 'changed' || frame.fields === undefined) return frame;
  try {
    return fromJsonValue(frame.fields) === frame.fields ? frame : { msg: 'ignored', reason: '' };
  } catch {
    return { msg: 'ignored', reason: '' };
  }
}

function expectSameAsReference(text: string): void {
  const actual = decodeFrame(text);
  const expected = reference(text);
  if (expected.msg === 'ignored') expect(actual.msg).toBe('ignored');
  else expect(actual).toEqual(expected);
}

const changedText = (collection: unknown, id: unknown, eventName: unknown, args: unknown): string =>
  JSON.stringify({ msg: 'changed', collection, id, fields: { eventName, args } });

/** JSON values with EJSON tags (well-formed and malformed) anywhere inside. */
const { ejsonValue } = fc.letrec((tie) => ({
  ejsonValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.record({ $date: fc.oneof(fc.integer(), fc.constant('x')) }),
    fc.record({ $binary: fc.constantFrom('AQID', '', '%%') }),
    fc.record({ $InfNaN: fc.constantFrom(-1, 0, 1, 2) }),
    fc.record({ $escape: fc.dictionary(fc.constantFrom('$date', '$type', 'a'), tie('ejsonValue')) }),
    fc.record({ $type: fc.constantFrom('oid', 7), $value: tie('ejsonValue') }),
    fc.array(tie('ejsonValue'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('ts', '$date', '$x', '__proto__', 'u'), tie('ejsonValue'), { maxKeys: 4 }),
  ),
}));

/** Strings that exercise JSON escaping: quotes, backslashes, control characters, lone surrogates, `$`. */
const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('stream-room-messages', 'Hk3', 'a"b', 'a\\b', 'tab\there', '$date', '\u2028', '\ud800'),
);

describe('stream event fast path', () => {
  it('decodes canonical stream events exactly as the general decoder does', () => {
    fc.assert(
      fc.property(
        awkwardString,
        awkwardString,
        awkwardString,
        fc.array(ejsonValue, { maxLength: 3 }),
        (collection, id, eventName, args) => expectSameAsReference(changedText(collection, id, eventName, args)),
      ),
      { numRuns: 500 },
    );
  });

  it('gives the general decoder’s answer for mutated, truncated or extended stream events', () => {
    const base = fc.tuple(fc.constantFrom('stream-room-messages', 'c'), fc.array(ejsonValue, { maxLength: 2 }));
    fc.assert(
      fc.property(base, fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 6 }), ([c, args], at, cut, junk) => {
        const text = changedText(c, 'id', 'room', args);
        const i = at % (text.length + 1);
        expectSameAsReference(text.slice(0, i) + junk + text.slice(i + (cut % 3)));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes canonical frames and leaves every other layout to the general decoder', () => {
    const canonical = '{"msg":"changed","collection":"c","id":"id","fields":{"eventName":"e","args":[1]}}';
    expect(decodeStreamEvent(canonical)).toEqual({
      msg: 'changed',
      collection: 'c',
      id: 'id',
      fields: { eventName: 'e', args: [1] },
    });
    const others = [
      '{"msg":"changed","collection":"c","id":"id","fields":{"eventName":"e","args":[1],"x":2}}',
      '{"msg":"changed","collection":"c","id":"id","fields":{"args":[1],"eventName":"e"}}',
      '{"msg": "changed","collection":"c","id":"id","fields":{"eventName":"e","args":[1]}}',
      '{"msg":"changed","collection":"\\u0063","id":"id","fields":{"eventName":"e","args":[1]}}',
      '{"msg":"changed","collection":"c","id":"id","fields":{"eventName":"e","args":[1]}}x',
      '{"msg":"changed","collection":"c","id":"id","fields":{"eventName":"e","args":}}',
    ];
    for (const text of others) {
      expect(decodeStreamEvent(text)).toBeUndefined();
      expectSameAsReference(text);
    }
    expect(decodeFrame(others[3] as string)).toMatchObject({ collection: 'c' });
  });

  it('revives tags whose `$` is written as an escape, on both paths', () => {
    const escaped = '{"\\u0024date":5}';
    const stream = decodeFrame(
      `{"msg":"changed","collection":"c","id":"id","fields":{"eventName":"e","args":[${escaped}]}}`,
    );
    expect(stream).toMatchObject({ fields: { args: [new Date(5)] } });
    expect(decodeFrame(`{"msg":"result","id":"1","result":${escaped}}`)).toMatchObject({ result: new Date(5) });
  });

  it('ignores a canonical stream event whose args hold a malformed tag', () => {
    expect(decodeFrame(changedText('c', 'id', 'e', [{ $date: 'soon' }])).msg).toBe('ignored');
  });

  it('leaves stream args as plain JSON without reviveStreamArgs, on both paths, and still revives results', () => {
    fc.assert(
      fc.property(fc.constantFrom('c', 'a"b'), fc.array(ejsonValue, { maxLength: 3 }), (collection, args) => {
        const text = changedText(collection, 'id', 'e', args);
        const frame = toFrame(JSON.parse(text));
        expect(decodeFrame(text, false)).toEqual(frame);
      }),
      { numRuns: 300 },
    );
    const off = '{"msg":"changed","id":"id","collection":"c","fields":{"eventName":"e","args":[{"ts":{"$date":5}}]}}';
    expect(decodeFrame(off, false)).toMatchObject({ fields: { args: [{ ts: { $date: 5 } }] } });
    expect(decodeFrame(changedText('c', 'id', 'e', [{ $date: 'soon' }]), false).msg).toBe('changed');
    expect(decodeFrame('{"msg":"result","id":"1","result":{"$date":5}}', false)).toMatchObject({ result: new Date(5) });
  });
});
