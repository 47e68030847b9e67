import { describe, expect, it } from 'vitest';
import { connectFrame, decodeFrame, heartbeatFrame, type InboundFrame } from '../../../lib/ddp/frames';

describe('decodeFrame', () => {
  it('accepts both greeting forms', () => {
    expect(decodeFrame('{"server_id":"0"}')).toEqual({ msg: 'server_id' });
    expect(decodeFrame('{"msg":"server_id","server_id":"0"}')).toEqual({ msg: 'server_id' });
  });

  it('decodes every frame type the client acts upon', () => {
    expect(decodeFrame('{"msg":"connected","session":"Fq4"}')).toEqual({ msg: 'connected', session: 'Fq4' });
    expect(decodeFrame('{"msg":"failed","version":"1"}')).toEqual({ msg: 'failed', version: '1' });
    expect(decodeFrame('{"msg":"error","reason":"Must connect first"}')).toMatchObject({
      msg: 'error',
      reason: 'Must connect first',
    });
    expect(decodeFrame('{"msg":"ping"}')).toEqual({ msg: 'ping', id: undefined });
    expect(decodeFrame('{"msg":"pong","id":"hb-1"}')).toEqual({ msg: 'pong', id: 'hb-1' });
    expect(decodeFrame('{"msg":"result","id":"3"}')).toEqual({
      msg: 'result',
      id: '3',
      hasError: false,
      error: undefined,
      result: undefined,
    });
    expect(decodeFrame('{"msg":"result","id":"2","error":{"error":404}}')).toMatchObject({ hasError: true });
    expect(decodeFrame('{"msg":"updated","methods":["1"]}')).toEqual({ msg: 'updated', methods: ['1'] });
    expect(decodeFrame('{"msg":"ready","subs":["a"]}')).toEqual({ msg: 'ready', subs: ['a'] });
    expect(decodeFrame('{"msg":"nosub","id":"a"}')).toEqual({ msg: 'nosub', id: 'a', error: undefined });
    expect(
      decodeFrame('{"msg":"changed","collection":"stream-x","id":"id","fields":{"eventName":"r","args":[1]}}'),
    ).toEqual({ msg: 'changed', collection: 'stream-x', id: 'id', fields: { eventName: 'r', args: [1] } });
  });

  it.each([
    ['non-string data', new Uint8Array([1])],
    ['malformed JSON', '{"msg":'],
    ['a JSON array', '[1,2]'],
    ['a JSON scalar', '42'],
    ['null', 'null'],
    ['no msg and no server_id', '{"hello":1}'],
    ['unknown msg', '{"msg":"hello"}'],
    ['numeric msg', '{"msg":7}'],
    ['collection frames a visitor never gets', '{"msg":"added","collection":"c","id":"1"}'],
    ['result with numeric id', '{"msg":"result","id":3}'],
    ['updated with a non-array', '{"msg":"updated","methods":"1"}'],
    ['ready with numbers', '{"msg":"ready","subs":[1]}'],
    ['nosub without id', '{"msg":"nosub"}'],
    ['ping with object id', '{"msg":"ping","id":{}}'],
    ['connected without session', '{"msg":"connected"}'],
    ['changed without collection', '{"msg":"changed","id":"id","fields":{}}'],
    ['changed with array fields', '{"msg":"changed","collection":"c","id":"id","fields":[]}'],
  ])('ignores %s', (_name, data) => {
    expect(decodeFrame(data).msg).toBe('ignored');
  });
});

describe('a method answer it cannot revive', () => {
  it('still settles the call: too deep to walk as written below the walk, bad EJSON as an error', () => {
    const depth = 200_000;
    const deep = decodeFrame(
      `{"msg":"result","id":"7","result":{"ts":{"$date":5},"md":${'['.repeat(depth)}{"$date":1}${']'.repeat(depth)}}}`,
    ) as Extract<InboundFrame, { msg: 'result' }>;
    expect(deep).toMatchObject({ msg: 'result', id: '7', hasError: false });
    const result = deep.result as { ts: unknown; md: unknown[] };
    expect(result.ts).toEqual(new Date(5));
    expect(Array.isArray(result.md)).toBe(true);
    expect(decodeFrame('{"msg":"result","id":"8","result":{"$date":"soon"}}')).toMatchObject({
      msg: 'result',
      id: '8',
      hasError: true,
      error: { error: 'bad-result' },
    });
  });
});

describe('a subscription end it cannot revive', () => {
  it('still ends the subscription, with an error of its own', () => {
    expect(decodeFrame('{"msg":"nosub","id":"9","error":{"$date":"soon"}}')).toMatchObject({
      msg: 'nosub',
      id: '9',
      error: { error: 'bad-error' },
    });
    const depth = 200_000;
    expect(
      decodeFrame(`{"msg":"nosub","id":"10","error":{"reason":${'['.repeat(depth)}{"$date":1}${']'.repeat(depth)}}}`),
    ).toMatchObject({ msg: 'nosub', id: '10', error: { error: 'bad-error' } });
  });
});

describe('outbound frames', () => {
  it('connect offers exactly 1, pre2, pre1 (SPEC F02)', () => {
    expect(JSON.parse(connectFrame('1'))).toEqual({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
  });

  it('ping and pong carry the id only when there is one (SPEC F44–F46)', () => {
    expect(heartbeatFrame('pong', undefined)).toBe('{"msg":"pong"}');
    expect(heartbeatFrame('pong', 'hb-1')).toBe('{"msg":"pong","id":"hb-1"}');
  });
});
