import { describe, expect, it } from 'vitest';
import { EjsonCustom, EjsonError, parseEjson, stringifyEjson } from '../../../lib/ddp/ejson';

describe('parseEjson', () => {
  it('revives $date anywhere in a stream frame (SPEC F28)', () => {
    const v = parseEjson('{"args":[{"ts":{"$date":1718000020000},"u":{"_updatedAt":{"$date":0}}}]}') as {
      args: [{ ts: Date; u: { _updatedAt: Date } }];
    };
    expect(v.args[0].ts).toEqual(new Date(1718000020000));
    expect(v.args[0].u._updatedAt).toEqual(new Date(0));
  });

  it('revives $binary, $InfNaN, $regexp and custom $type values', () => {
    const v = parseEjson(
      '[{"$binary":"AQID"},{"$InfNaN":1},{"$InfNaN":-1},{"$InfNaN":0},{"$regexp":"a+","$flags":"g"},{"$type":"oid","$value":{"n":{"$date":5}}}]',
    ) as unknown[];
    expect(v[0]).toEqual(new Uint8Array([1, 2, 3]));
    expect(v[1]).toBe(Infinity);
    expect(v[2]).toBe(-Infinity);
    expect(v[3]).toBeNaN();
    expect(v[4]).toEqual(/a+/g);
    expect(v[5]).toEqual(new EjsonCustom('oid', { n: new Date(5) }));
  });

  it('unwraps $escape literally but still revives the values inside', () => {
    expect(parseEjson('{"$escape":{"$date":{"$date":7},"x":1}}')).toEqual({ $date: new Date(7), x: 1 });
  });

  it('revives a tag whose `$` is written as the escape \\u0024', () => {
    expect(parseEjson('{"a":{"\\u0024date":5}}')).toEqual({ a: new Date(5) });
    expect(parseEjson('{"a":"back\\\\slash","b":{"\\u0024InfNaN":1}}')).toEqual({ a: 'back\\slash', b: Infinity });
  });

  it('leaves ordinary objects with $-keys and 3+ keys alone', () => {
    expect(parseEjson('{"$date":1,"other":2,"third":3}')).toEqual({ $date: 1, other: 2, third: 3 });
    expect(parseEjson('{"$foo":{"$date":3}}')).toEqual({ $foo: new Date(3) });
  });

  it('walks an object that looks like a tag until its keys are counted, then revives inside it', () => {
    expect(parseEjson('{"$date":1,"x":{"$date":2}}')).toEqual({ $date: 1, x: new Date(2) });
    expect(parseEjson('{"$x":{"$date":1},"y":{"$date":2},"z":[{"$date":3}]}')).toEqual({
      $x: new Date(1),
      y: new Date(2),
      z: [new Date(3)],
    });
    expect(parseEjson('{"$date":{"$date":4},"$value":1}')).toEqual({ $date: new Date(4), $value: 1 });
    expect(() => parseEjson('{"$x":1,"y":{"$date":"soon"}}')).toThrow(EjsonError);
  });

  it('does not let a __proto__ key change the prototype', () => {
    const v = parseEjson('{"__proto__":{"$date":1},"a":{"$date":2}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual(new Date(1));
  });

  it.each([
    ['not json', '{'],
    ['bad $date', '{"$date":"yesterday"}'],
    ['bad $binary', '{"$binary":"***"}'],
    ['bad $InfNaN', '{"$InfNaN":2}'],
    ['bad $escape', '{"$escape":3}'],
    ['bad $regexp', '{"$regexp":"(","$flags":""}'],
  ])('throws EjsonError on %s', (_name, text) => {
    expect(() => parseEjson(text)).toThrow(EjsonError);
  });

  it('rejects nesting deeper than the stack instead of crashing', () => {
    const depth = 200_000;
    const text = `${'{"a":'.repeat(depth)}{"$date":1}${'}'.repeat(depth)}`;
    expect(() => parseEjson(text)).toThrow(EjsonError);
  });
});

describe('stringifyEjson', () => {
  it('round-trips every EJSON type', () => {
    const value = {
      d: new Date(1718000020000),
      b: new Uint8Array([0, 255, 7]),
      inf: [Infinity, -Infinity, NaN],
      r: /x/i,
      c: new EjsonCustom('t', { v: 1 }),
      escaped: { $date: 'not a date' },
      plain: { a: [1, 'two', null, true] },
    };
    expect(parseEjson(stringifyEjson(value))).toEqual(value);
    expect(stringifyEjson({ $date: 1 })).toBe('{"$escape":{"$date":1}}');
  });

  it('drops undefined properties and turns undefined array items into null, as JSON does', () => {
    expect(stringifyEjson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('refuses values EJSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stringifyEjson(cyclic)).toThrow(EjsonError);
    expect(() => stringifyEjson([1n])).toThrow(EjsonError);
    expect(() => stringifyEjson([() => 1])).toThrow(EjsonError);
  });
});
