import { describe, expect, it } from 'vitest';
import { createLivechatApi } from '../../../lib/livechat/api';
import { parseLine, pathsFor } from '../../../lib/livechat/line';
import { LINE_STALE_MS } from '../../../lib/livechat/line-keeper';
import { createCapabilities, type ApiPath } from '../../../lib/livechat/paths';
import { createRestClient } from '../../../lib/livechat/rest';
import { FakeDdp } from '../fakes/fake-ddp';

const TOKEN = 'tok';
const of = (version: string) => pathsFor(parseLine(version) ?? { major: 0, minor: 0 });

describe('the line table', () => {
  it('reads major.minor from any version string /api/info gives', () => {
    expect(parseLine('6.13')).toEqual({ major: 6, minor: 13 });
    expect(parseLine('3.18.7')).toEqual({ major: 3, minor: 18 });
    expect(parseLine('8.0.0-rc.1')).toEqual({ major: 8, minor: 0 });
    for (const bad of ['', 'x.y', '6', 6.13, null, undefined, '99999.1']) expect(parseLine(bad)).toBeNull();
  });

  it('keeps the seed DDP methods where the line has them, REST where removed, REST first from 7.0', () => {
    expect(of('3.18')).toMatchObject({ config: 'ddp', registerGuest: 'ddp', closeRoom: 'ddp', typing: 'typing' });
    expect(of('4.8')).toMatchObject({ config: 'ddp', sendMessage: 'ddp', agentInfo: 'ddp', typing: 'user-activity' });
    expect(of('5.4')).toMatchObject({ config: 'rest', closeRoom: 'ddp', registerGuest: 'ddp' });
    expect(of('6.13')).toMatchObject({ config: 'rest', closeRoom: 'rest', registerGuest: 'ddp', history: 'ddp' });
    expect(of('7.13')).toMatchObject({ registerGuest: 'rest', sendMessage: 'rest', departmentTransfer: 'rest' });
    expect(of('8.9')).toMatchObject({ sendMessage: 'rest', departmentTransfer: 'rest-v8', typing: 'user-activity' });
    for (const version of ['3.18', '4.8', '6.13', '8.9']) expect(of(version).transcript).toBe('rest');
    expect([of('6.13').nextAgent, of('7.13').nextAgent]).toEqual(['ddp', 'rest']);
    expect(of('7.13').restoredRoom).toBe('at-once');
    expect(of('8.0').restoredRoom).toBe('after-config');
  });
});

function setup(info: () => Response, learnt: Record<string, ApiPath> = {}) {
  const ddp = new FakeDdp();
  ddp.goOnline();
  const requests: string[] = [];
  let now = 1_000_000;
  const fetch = async (input: string) => {
    const url = new URL(input);
    requests.push(url.pathname);
    if (url.pathname === '/desk/api/info') return info();
    if (url.pathname === '/desk/api/v1/livechat/config') {
      return new Response(JSON.stringify({ config: { theme: { title: 'REST desk' } }, success: true }));
    }
    return new Response('Not found', { status: 404 });
  };
  const caps = createCapabilities(learnt);
  const rest = createRestClient({ baseUrl: 'https://x.test/desk', fetch, token: () => TOKEN });
  const api = createLivechatApi({
    ddp,
    rest,
    caps,
    baseUrl: 'https://x.test/desk',
    token: () => TOKEN,
    now: () => now,
  });
  return { ddp, api, caps, requests, advance: (ms: number) => (now += ms) };
}

const version = (v: string) => () => new Response(JSON.stringify({ version: v, success: true }));

describe('knowing the line', () => {
  it('reads /api/info once, then takes each operation straight to its path (no 404 first)', async () => {
    const { ddp, api, caps, requests } = setup(version('6.13'));
    await api.knowLine();
    await api.knowLine();
    expect(requests).toEqual(['/desk/api/info']);
    expect(caps.get('@line')).toBe('6.13');
    expect((await api.getConfig()).title).toBe('REST desk');
    expect(ddp.callsTo('livechat:getInitialData')).toHaveLength(0);
  });

  it('does not read again for a desk that knows its line, until a reconnect long after the last read', async () => {
    const { api, requests, advance } = setup(version('8.9'), { '@line': '6.13', '@lineReadAt': '1000000' });
    await api.knowLine();
    api.lineReconnected();
    expect(requests).toEqual([]);
    advance(LINE_STALE_MS + 1);
    api.lineReconnected();
    await api.knowLine();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toEqual(['/desk/api/info']);
  });

  it('applies the new table when the line changed (an upgrade)', async () => {
    const { api, caps, advance } = setup(version('8.9'), { '@line': '6.13', '@lineReadAt': '1000000', config: 'rest' });
    advance(LINE_STALE_MS + 1);
    api.lineReconnected();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(caps.get('@line')).toBe('8.9');
    expect(caps.get('registerGuest')).toBe('rest');
    expect(caps.get('departmentTransfer')).toBe('rest-v8');
  });

  it('re-reads the line when a path of its table answers 404, and keeps the fallback', async () => {
    const { ddp, api, caps, requests } = setup(version('4.8'));
    await api.knowLine();
    expect(caps.get('config')).toBe('ddp');
    // The server says the method is gone: the safety net takes REST and the line is read again.
    expect((await api.getConfig()).title).toBe('REST desk');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ddp.callsTo('livechat:getInitialData')).toHaveLength(1);
    expect(requests.filter((p) => p === '/desk/api/info')).toHaveLength(2);
    expect(caps.get('config')).toBe('rest');
  });

  it('goes on with the 404 safety net when the server does not say its version', async () => {
    const { api, caps } = setup(() => new Response('Not found', { status: 404 }));
    await api.knowLine();
    expect(caps.get('@line')).toBeUndefined();
    expect((await api.getConfig()).title).toBe('REST desk');
  });
});
