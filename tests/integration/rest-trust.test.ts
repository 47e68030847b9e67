// Issue 14 item 8: the visitor token stays with the desk. The REST client (over Node's real fetch) refuses
// redirects, so a 307 to another origin hears nothing, and no error text carries a request path or the token,
// even when the answer is not JSON or the server echoes the token back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDdp } from '../unit/fakes/fake-ddp';
import { createLivechatApi } from '../../lib/livechat/api';
import { LivechatError } from '../../lib/livechat/errors';
import { createCapabilities } from '../../lib/livechat/paths';
import { createRestClient } from '../../lib/livechat/rest';
import { startHostileOrigin, type HostileOrigin } from '../hostile';

const TOKEN = 'SecretVisitorToken0042';
const RID = 'RoomIdXyz00000001';
let desk: HostileOrigin;
let elsewhere: HostileOrigin;

beforeEach(async () => {
  desk = await startHostileOrigin();
  elsewhere = await startHostileOrigin();
});

afterEach(async () => {
  await desk.close();
  await elsewhere.close();
});

function api() {
  const rest = createRestClient({ baseUrl: desk.origin, fetch: (url, init) => fetch(url, init), token: () => TOKEN });
  const caps = createCapabilities({ agentInfo: 'rest', config: 'rest' });
  return createLivechatApi({ ddp: new FakeDdp(), rest, caps, baseUrl: desk.origin, token: () => TOKEN });
}

async function failure(promise: Promise<unknown>): Promise<LivechatError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LivechatError);
  return error as LivechatError;
}

function expectClean(error: LivechatError) {
  const text = `${error.message} ${error.code} ${String(error)}`;
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(RID);
  expect(text).not.toContain('/api/v1');
}

describe('REST token hygiene', () => {
  it.each([307, 308, 302])('refuses a %i redirect to another origin; that origin receives nothing', async (status) => {
    desk.redirect(`/api/v1/livechat/agent.info/${RID}/${TOKEN}`, `${elsewhere.origin}/steal`, status);
    const error = await failure(api().getAgent(RID));
    expect(error.code).toBe('redirect');
    expectClean(error);
    expect(desk.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });

  it.each([
    ['an HTML error page', 400, '<html>Bad request</html>'],
    ['a missing route', 404, 'Cannot GET'],
    ['a proxy failure', 502, 'bad gateway'],
  ])('keeps the path and token out of the error for %s', async (_what, status, body) => {
    desk.on(`/api/v1/livechat/agent.info/${RID}/${TOKEN}`, (_req, res) => {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(body);
    });
    expectClean(await failure(api().getAgent(RID)));
  });

  it('keeps the token out of the error when the server echoes it', async () => {
    desk.on(`/api/v1/livechat/agent.info/${RID}/${TOKEN}`, (req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: false, error: `invalid token ${TOKEN} at ${req.path}` }));
    });
    const error = await failure(api().getAgent(RID));
    expectClean(error);
    expect(error.message).toContain('invalid token');
  });

  it('keeps the address out of the error when the server cannot be reached', async () => {
    const origin = desk.origin;
    await desk.close();
    const rest = createRestClient({ baseUrl: origin, fetch: (url, init) => fetch(url, init), token: () => TOKEN });
    const error = await failure(rest.get(`livechat/agent.info/${RID}/${TOKEN}`));
    expect(error.kind).toBe('unreachable');
    expectClean(error);
    desk = await startHostileOrigin();
  });
});
