import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openWindow, readDevToolsPort, waitForExtensionId } from '../../../scripts/devtools';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server: Server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => server.close());
  return (server.address() as AddressInfo).port;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devtools-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('readDevToolsPort', () => {
  it('waits for the file and reads its first line', async () => {
    const dir = tempDir();
    const port = readDevToolsPort(dir, 30_000);
    writeFileSync(join(dir, 'DevToolsActivePort'), '40123\n/devtools/browser/abc');
    expect(await port).toBe(40123);
  });

  it('returns null on timeout, on abort, and ignores a half-written file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'DevToolsActivePort'), '');
    expect(await readDevToolsPort(dir, 0)).toBeNull();
    expect(await readDevToolsPort(dir, 30_000, AbortSignal.abort())).toBeNull();
  });
});

describe('waitForExtensionId', () => {
  it("polls /json/list until an extension's service worker appears", async () => {
    let calls = 0;
    const port = await serve((req, res) => {
      expect(req.url).toBe('/json/list');
      calls += 1;
      const targets = [{ type: 'page', url: 'chrome-extension://pageonly/popup.html' }];
      if (calls >= 3) {
        targets.push({ type: 'service_worker', url: 'chrome-extension://abcdefgh/background.js' });
      }
      res.end(JSON.stringify(targets));
    });
    expect(await waitForExtensionId(port, 30_000)).toBe('abcdefgh');
    expect(calls).toBe(3);
  });

  it('returns null when no worker shows up in time', async () => {
    const port = await serve((_req, res) => res.end('[]'));
    expect(await waitForExtensionId(port, 0)).toBeNull();
  });
});

describe('openWindow', () => {
  /** A DevTools endpoint whose browser target answers like Chromium's; returns the commands it got. */
  async function fakeBrowser(window: { left: number; top: number; width: number; height: number } | null) {
    const commands: Array<{ method: string; params: Record<string, unknown> }> = [];
    const wss = new WebSocketServer({ noServer: true });
    const server: Server = createServer((_req, res) =>
      res.end(
        JSON.stringify({ webSocketDebuggerUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/browser` }),
      ),
    );
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws)),
    );
    wss.on('connection', (ws) =>
      ws.on('message', (data) => {
        const { id, method, params } = JSON.parse(data.toString()) as (typeof commands)[number] & { id: number };
        commands.push({ method, params });
        const result =
          method === 'Target.getTargets'
            ? { targetInfos: window ? [{ type: 'page', targetId: 'T1' }] : [] }
            : method === 'Browser.getWindowForTarget'
              ? { windowId: 1, bounds: window }
              : {};
        ws.send(JSON.stringify({ id, result }));
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => {
      wss.close();
      server.close();
    });
    return { port: (server.address() as AddressInfo).port, commands };
  }

  it('opens the page in a window of its own, sized as asked and centred on the browser window', async () => {
    const { port, commands } = await fakeBrowser({ left: 100, top: 50, width: 1200, height: 900 });
    await openWindow(port, 'chrome-extension://abc/popup.html', { width: 400, height: 660 });
    expect(commands.at(-1)).toEqual({
      method: 'Target.createTarget',
      params: {
        url: 'chrome-extension://abc/popup.html',
        newWindow: true,
        width: 400,
        height: 660,
        left: 500,
        top: 170,
      },
    });
  });

  it('puts it at the top left when there is no window to centre on', async () => {
    const { port, commands } = await fakeBrowser(null);
    await openWindow(port, 'about:blank', { width: 400, height: 660 });
    expect(commands.at(-1)?.params).toMatchObject({ left: 0, top: 0 });
  });
});
