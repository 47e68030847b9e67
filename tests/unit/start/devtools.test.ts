import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTab, readDevToolsPort, waitForExtensionId } from '../../../scripts/devtools';

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

describe('openTab', () => {
  it('asks for a new tab with PUT /json/new', async () => {
    const seen: string[] = [];
    const port = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await openTab(port, 'chrome-extension://abc/popup.html');
    expect(seen).toEqual(['PUT /json/new?chrome-extension://abc/popup.html']);
  });

  it('throws when DevTools refuses', async () => {
    const port = await serve((_req, res) => {
      res.statusCode = 405;
      res.end();
    });
    await expect(openTab(port, 'about:blank')).rejects.toThrow('DevTools could not open about:blank: HTTP 405');
  });
});
