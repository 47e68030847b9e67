import { describe, expect, it, vi } from 'vitest';
import { probeDesk, type ProbeFetch } from '../../../lib/livechat/desk-probe';

const answering =
  (body: string, status = 200): ProbeFetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('probeDesk', () => {
  it('asks the config endpoint under the server path and reads the desk title', async () => {
    const fetch = vi.fn(
      answering(JSON.stringify({ config: { enabled: true, theme: { title: ' Acme ' } }, success: true })),
    );
    expect(await probeDesk('https://chat.example.com/support/', fetch)).toEqual({ kind: 'ready', title: 'Acme' });
    expect(fetch.mock.calls[0]?.[0]).toBe('https://chat.example.com/support/api/v1/livechat/config');
    expect(await probeDesk('https://a.example', answering('{"config":{}}'))).toEqual({ kind: 'ready', title: '' });
  });

  it('tells a desk with Livechat off from a server that is not Rocket.Chat at all', async () => {
    expect(await probeDesk('https://a.example', answering('{"config":{"enabled":false}}'))).toEqual({
      kind: 'disabled',
    });
    expect(await probeDesk('https://a.example', answering('<html>', 200))).toEqual({
      kind: 'not-livechat',
      status: 200,
    });
    expect(await probeDesk('https://a.example', answering('{"ok":true}'))).toMatchObject({ kind: 'not-livechat' });
    expect(await probeDesk('https://a.example', answering('{"config":[1]}'))).toMatchObject({ kind: 'not-livechat' });
    expect(await probeDesk('https://a.example', answering('Not found', 404))).toEqual({
      kind: 'not-livechat',
      status: 404,
    });
  });

  it('says why nothing answered, and gives up after the timeout', async () => {
    const refused: ProbeFetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await probeDesk('https://a.example', refused)).toEqual({ kind: 'unreachable', detail: 'Failed to fetch' });
    const silent: ProbeFetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    expect(await probeDesk('https://a.example', silent, 20)).toEqual({
      kind: 'unreachable',
      detail: 'no answer within 0.02 s',
    });
  });
});
