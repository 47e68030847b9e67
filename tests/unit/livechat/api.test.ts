import { describe, expect, it } from 'vitest';
import { createLivechatApi } from '../../../lib/livechat/api';
import { LivechatError } from '../../../lib/livechat/errors';
import { createCapabilities, type ApiPath } from '../../../lib/livechat/paths';
import { createRestClient, restErrorParts } from '../../../lib/livechat/rest';
import { FakeDdp, meteorError } from '../fakes/fake-ddp';

const TOKEN = 'tok123';

interface Route {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

function fakeFetch(routes: Record<string, Route | ((url: URL, init?: RequestInit) => Route)>) {
  const requests: Array<{ method: string; url: URL; headers: Record<string, string>; body: unknown }> = [];
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, url, headers: (init?.headers ?? {}) as Record<string, string>, body });
    const route = routes[`${method} ${url.pathname}`];
    const answer = typeof route === 'function' ? route(url, init) : route;
    if (!answer) return new Response('Not found', { status: 404 });
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: answer.headers });
  };
  return { fetch, requests };
}

function setup(routes: Parameters<typeof fakeFetch>[0] = {}, learnt: Record<string, ApiPath> = {}) {
  const ddp = new FakeDdp();
  ddp.goOnline();
  const http = fakeFetch(routes);
  const changes: Array<Record<string, ApiPath>> = [];
  const caps = createCapabilities(learnt, (all) => changes.push(all));
  const rest = createRestClient({ baseUrl: 'https://chat.example.com/', fetch: http.fetch, token: () => TOKEN });
  const api = createLivechatApi({ ddp, rest, caps, baseUrl: 'https://chat.example.com', token: () => TOKEN });
  return { ddp, http, api, changes };
}

const storedMessage = (rid: string) => ({
  _id: 'm1',
  rid,
  msg: 'hello',
  token: TOKEN,
  ts: { $date: 1 },
  u: { _id: 'v1', username: 'guest-1', name: 'Ana' },
});

describe('createLivechatApi', () => {
  it('uses the seed DDP method while the server has it', async () => {
    const { ddp, http, api, changes } = setup();
    ddp.handle('livechat:getInitialData', ([token]) => ({ title: `desk of ${String(token)}`, online: true }));
    const config = await api.getConfig();
    expect(config.title).toBe('desk of tok123');
    expect(http.requests).toHaveLength(0);
    expect(changes.at(-1)).toEqual({ config: 'ddp' });
  });

  it('moves an operation to REST after a 404 and never calls the removed method again', async () => {
    const { ddp, http, api, changes } = setup({
      'GET /api/v1/livechat/config': { body: { config: { theme: { title: 'REST desk' } }, success: true } },
    });
    expect((await api.getConfig()).title).toBe('REST desk');
    expect((await api.getConfig()).title).toBe('REST desk');
    expect(ddp.callsTo('livechat:getInitialData')).toHaveLength(1);
    expect(http.requests).toHaveLength(2);
    expect(http.requests[0]?.url.searchParams.get('token')).toBe(TOKEN);
    expect(http.requests[0]?.headers['x-visitor-token']).toBe(TOKEN);
    expect(changes.at(-1)).toEqual({ config: 'rest' });
  });

  it('starts on REST when that was learnt before (persisted capabilities)', async () => {
    const { ddp, api } = setup(
      { 'POST /api/v1/livechat/visitor': { body: { visitor: { _id: 'v1', token: TOKEN, username: 'guest-3' } } } },
      { registerGuest: 'rest' },
    );
    expect((await api.registerGuest({ name: 'Ana' })).username).toBe('guest-3');
    expect(ddp.calls).toHaveLength(0);
  });

  it('adopts the room id the server answers with (7.x+ ignores ours)', async () => {
    const { ddp, api } = setup();
    ddp.handle('sendMessageLivechat', ([p]) => ({
      ...storedMessage('SERVER-RID'),
      _id: (p as { _id: string })._id,
      newRoom: true,
    }));
    const sent = await api.sendMessage({ id: 'm1', text: 'hello', rid: 'CLIENT-RID', confirmed: false });
    expect(sent.rid).toBe('SERVER-RID');
    expect(sent.newRoom).toBe(true);
    expect(ddp.calls[0]?.options?.resendOnReconnect).toBe(false);
  });

  it('sends over REST twin: room first (without our unconfirmed rid), then the message with our _id', async () => {
    const { http, api } = setup(
      {
        'GET /api/v1/livechat/room': { body: { room: { _id: 'R7' }, newRoom: true, success: true } },
        'POST /api/v1/livechat/message': (_url, init) => ({
          body: { message: { ...storedMessage('R7'), _id: JSON.parse(String(init?.body))._id }, success: true },
        }),
      },
      { sendMessage: 'rest' },
    );
    const sent = await api.sendMessage({ id: 'mine', text: 'hello', rid: 'proposed', confirmed: false });
    expect(sent).toMatchObject({ id: 'mine', rid: 'R7', newRoom: true, from: 'visitor' });
    expect(http.requests[0]?.url.searchParams.has('rid')).toBe(false);
    expect(http.requests[1]?.body).toEqual({ token: TOKEN, rid: 'R7', msg: 'hello', _id: 'mine' });
  });

  it('sends into a known room over REST without asking GET livechat/room (5 a minute on 8.x)', async () => {
    const { http, api } = setup(
      {
        'POST /api/v1/livechat/message': (_url, init) => ({
          body: { message: { ...storedMessage('R7'), _id: JSON.parse(String(init?.body))._id }, success: true },
        }),
      },
      { sendMessage: 'rest' },
    );
    const sent = await api.sendMessage({ id: 'next', text: 'again', rid: 'R7', confirmed: true });
    expect(sent).toMatchObject({ id: 'next', rid: 'R7', newRoom: false });
    expect(http.requests.map((r) => r.url.pathname)).toEqual(['/api/v1/livechat/message']);
  });

  it('writes typing on the one event name of the line: user-activity by default, typing on 3.x', async () => {
    const modern = setup();
    modern.ddp.handle('stream-notify-room', () => undefined);
    await modern.api.sendTyping('R', 'guest-1', true);
    expect(modern.ddp.callsTo('stream-notify-room').map((c) => c.params)).toEqual([
      ['R/user-activity', 'guest-1', ['user-typing'], { token: TOKEN }],
    ]);
    const old = setup({}, { typing: 'typing' });
    old.ddp.handle('stream-notify-room', () => undefined);
    await old.api.sendTyping('R', 'guest-1', false);
    expect(old.ddp.callsTo('stream-notify-room').map((c) => c.params)).toEqual([
      ['R/typing', 'guest-1', false, { token: TOKEN }],
    ]);
    expect(old.api.typingEvent()).toBe('typing');
    expect(modern.api.typingEvent()).toBe('user-activity');
  });

  it('maps server refusals, rate limits and lost connections to typed errors', async () => {
    const { ddp, api } = setup();
    ddp.handle('sendMessageLivechat', () => {
      throw meteorError('room-closed', 'Room closed');
    });
    await expect(api.sendMessage({ id: 'a', text: 'x', rid: 'r', confirmed: true })).rejects.toMatchObject({
      kind: 'rejected',
      code: 'room-closed',
    });
    ddp.handle('livechat:getAgentData', () => {
      throw meteorError('too-many-requests', 'slow down', { timeToReset: 1234 });
    });
    await expect(api.getAgent('r')).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 1234 });
    ddp.goOffline();
    await expect(api.getAgent('r')).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('reads REST errors in every historical shape', async () => {
    expect(
      restErrorParts({ success: false, error: 'Invalid token [invalid-token]', errorType: 'invalid-token' }),
    ).toEqual({
      code: 'invalid-token',
      message: 'Invalid token',
    });
    expect(restErrorParts({ success: false, error: 'room-closed' })).toEqual({
      code: 'room-closed',
      message: 'room-closed',
    });
    expect(restErrorParts({ success: false, error: { error: 'invalid-room', reason: 'Invalid room' } })).toEqual({
      code: 'invalid-room',
      message: 'Invalid room',
    });
    const { api } = setup(
      {
        'GET /api/v1/livechat/config': {
          status: 429,
          body: { success: false, error: 'too many [error-too-many-requests]' },
          headers: { 'x-ratelimit-reset': String(Date.now() + 5000) },
        },
      },
      { config: 'rest' },
    );
    const error = await api.getConfig().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LivechatError);
    expect((error as LivechatError).kind).toBe('rate-limited');
    expect((error as LivechatError).retryAfterMs).toBeGreaterThan(3000);
  });

  it('reports an unreachable server and a non-JSON answer clearly', async () => {
    const ddp = new FakeDdp();
    const caps = createCapabilities({ config: 'rest' });
    const down = createRestClient({
      baseUrl: 'https://x.test',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      token: () => TOKEN,
    });
    const api = createLivechatApi({ ddp, rest: down, caps, baseUrl: 'https://x.test', token: () => TOKEN });
    await expect(api.getConfig()).rejects.toMatchObject({ kind: 'unreachable' });
    const html = createRestClient({
      baseUrl: 'https://x.test',
      fetch: async () => new Response('<html>proxy error</html>', { status: 502 }),
      token: () => TOKEN,
    });
    const api2 = createLivechatApi({ ddp, rest: html, caps, baseUrl: 'https://x.test', token: () => TOKEN });
    await expect(api2.getConfig()).rejects.toMatchObject({ kind: 'unreachable', code: '502' });
  });
});
