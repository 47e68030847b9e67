// Rate limits as Rocket.Chat applies them (SPEC §1.9, DECISIONS #10): DDP per connection+method and the
// 1-per-5-s methods, REST per route with X-RateLimit-* headers and 429, the v8 room limit, and the off switch.
import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer, type DevServerOptions } from '../../devserver';
import { RawDdp } from '../../devserver/testing/raw-ddp';

let server: DevServer | undefined;
const open: RawDdp[] = [];

async function start(options: DevServerOptions): Promise<DevServer> {
  server = await startDevServer({ port: 0, ...options });
  return server;
}

async function connect(url: string): Promise<RawDdp> {
  const ddp = await RawDdp.connect(url);
  open.push(ddp);
  return ddp;
}

afterEach(async () => {
  for (const ddp of open.splice(0)) ddp.close();
  await server?.close();
  server = undefined;
});

describe('DDP rate limits', () => {
  it('allows one sendOfflineMessage per 5 s per connection', async () => {
    const s = await start({ profile: 'legacy' });
    const ddp = await connect(s.ddpUrl);
    const message = { name: 'Ana Lima', email: 'ana@example.com', message: 'Please call me back tomorrow.' };
    expect(await ddp.call('livechat:sendOfflineMessage', [message])).not.toHaveProperty('error');
    const { error } = await ddp.call('livechat:sendOfflineMessage', [message]);
    const details = (error as { details: { timeToReset: number } }).details;
    expect(details.timeToReset).toBeGreaterThan(0);
    expect(details.timeToReset).toBeLessThanOrEqual(5000);
    const seconds = Math.ceil(details.timeToReset / 1000);
    expect(error).toEqual({
      isClientSafe: true,
      error: 'too-many-requests',
      reason: `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying again.`,
      details,
      message: `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying again. [too-many-requests]`,
      errorType: 'Meteor.Error',
    });
    const other = await connect(s.ddpUrl);
    expect(await other.call('livechat:sendOfflineMessage', [message])).not.toHaveProperty('error');
  });

  it('allows 10 calls per 10 s per connection and method', async () => {
    const s = await start({ profile: 'v8' });
    const ddp = await connect(s.ddpUrl);
    for (let i = 0; i < 10; i += 1)
      expect(await ddp.call('livechat:setUpConnection', [{ token: 't' }])).not.toHaveProperty('error');
    expect((await ddp.call('livechat:setUpConnection', [{ token: 't' }])).error).toMatchObject({
      error: 'too-many-requests',
    });
    expect(await ddp.call('stream-notify-room', ['x/user-activity', 'a', [], { token: 't' }])).not.toHaveProperty(
      'error',
    );
    expect((await ddp.call('nope', [])).error).toMatchObject({ error: 404 });
  });
});

describe('REST rate limits', () => {
  it('allows 10 calls per minute per route, with X-RateLimit headers, then 429', async () => {
    const s = await start({ profile: 'v7' });
    for (let i = 0; i < 10; i += 1) {
      const res = await fetch(`${s.url}/api/v1/livechat/config`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('10');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(9 - i));
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() - 1000);
    }
    const limited = await fetch(`${s.url}/api/v1/livechat/config`);
    expect(limited.status).toBe(429);
    const body = (await limited.json()) as { success: boolean; error: string };
    expect(body.success).toBe(false);
    expect(body.error).toMatch(
      /^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying this endpoint again\. \[error-too-many-requests\]$/,
    );
    expect((await fetch(`${s.url}/api/v1/livechat/visitor/unknown`)).status).toBe(400);
  });

  it('limits GET livechat/room to 5 per minute on v8', async () => {
    const s = await start({ profile: 'v8' });
    await fetch(`${s.url}/api/v1/livechat/visitor`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ visitor: { token: 'tok-room' } }),
    });
    for (let i = 0; i < 5; i += 1)
      expect((await fetch(`${s.url}/api/v1/livechat/room?token=tok-room`)).status).toBe(200);
    const limited = await fetch(`${s.url}/api/v1/livechat/room?token=tok-room`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
  });

  it('turns every limit off with rateLimits: false', async () => {
    const s = await start({ profile: 'v8', rateLimits: false });
    for (let i = 0; i < 15; i += 1) expect((await fetch(`${s.url}/api/v1/livechat/config`)).status).toBe(200);
    const ddp = await connect(s.ddpUrl);
    for (let i = 0; i < 15; i += 1)
      expect(await ddp.call('livechat:setUpConnection', [{ token: 't' }])).not.toHaveProperty('error');
  });
});
