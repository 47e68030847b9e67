/**
 * The options page's check of a saved address, against devserver on every profile and against servers that are
 * not Livechat desks: it must tell them apart over real HTTP.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver/index';
import { probeDesk } from '../../lib/livechat/desk-probe';

let server: DevServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const probe = (url: string, timeoutMs?: number) => probeDesk(url, (u, init) => fetch(u, init), timeoutMs);

describe('probeDesk against real servers', () => {
  it.each(['legacy', 'v6', 'v7', 'v8'] as const)(
    'finds the desk of a %s server, and its Livechat switch',
    async (profile) => {
      server = await startDevServer({ port: 0, profile });
      expect(await probe(server.url)).toEqual({ kind: 'ready', title: expect.any(String) });
      server.control.settings({ enabled: false });
      expect(await probe(server.url)).toEqual({ kind: 'disabled' });
    },
  );

  it('says a web server that is not Rocket.Chat is not a desk, and a closed port is unreachable', async () => {
    const web = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Nope</h1>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const { port } = web.address() as AddressInfo;
    expect(await probe(`http://127.0.0.1:${port}`)).toEqual({ kind: 'not-livechat', status: 404 });
    await new Promise((resolve) => web.close(resolve));
    expect(await probe(`http://127.0.0.1:${port}`)).toMatchObject({ kind: 'unreachable' });
  });

  it('gives up on a server that never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    expect(await probe(`http://127.0.0.1:${port}`, 200)).toEqual({
      kind: 'unreachable',
      detail: 'no answer within 0.2 s',
    });
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});
