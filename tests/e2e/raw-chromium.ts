/**
 * Chromium with the extension, driven over the DevTools HTTP API and page sessions only — never attached to the
 * service worker, which would keep it alive forever. What the MV3 idle lifetime tests need (TOOLCHAIN §5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, type RawData } from 'ws';
import { extensionArgs, findChromium } from '../../scripts/chromium';
import { readDevToolsPort, waitForExtensionId } from '../../scripts/devtools';
import { EXTENSION_DIR } from './harness';

interface Target {
  id: string;
  type: string;
  url: string;
  webSocketDebuggerUrl?: string;
}

export interface RawChromium {
  extensionId: string;
  /** True while the extension's service worker runs. */
  workerRunning(): Promise<boolean>;
  /** Opens an extension page, evaluates `expression` (awaiting a promise) in it, closes it, returns the value. */
  evaluateInPage(path: string, expression: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Launches headless Chromium with the built extension and a DevTools port. */
export async function launchRawChromium(): Promise<RawChromium> {
  const executable = findChromium();
  if (!executable) throw new Error('Chromium not found: install it with `apt-get install -y chromium`');
  const profile = mkdtempSync(join(tmpdir(), 'lqs-raw-'));
  const child: ChildProcess = spawn(
    executable,
    [
      ...extensionArgs(EXTENSION_DIR),
      '--headless=new',
      '--disable-gpu',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    // Its own process group: /usr/bin/chromium is a wrapper script, and the browser it starts must die with it.
    { stdio: 'ignore', detached: true },
  );
  const port = await readDevToolsPort(profile, 20_000);
  if (!port) throw new Error('Chromium did not open its DevTools port');
  const extensionId = await waitForExtensionId(port, 20_000);
  if (!extensionId) throw new Error('the extension did not start');
  const http = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${port}${path}`, { method });
  const targets = async () => (await (await http('/json/list')).json()) as Target[];

  return {
    extensionId,
    async workerRunning() {
      return (await targets()).some((t) => t.type === 'service_worker' && t.url.includes(extensionId));
    },
    async evaluateInPage(path, expression) {
      const target = (await (
        await http(`/json/new?chrome-extension://${extensionId}/${path}`, 'PUT')
      ).json()) as Target;
      try {
        return await evaluate(target, expression);
      } finally {
        await http(`/json/close/${target.id}`);
      }
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGKILL');
        await exited;
      }
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

/** One `Runtime.evaluate` over the page's own DevTools socket (waits for the page to load first). */
async function evaluate(target: Target, expression: string): Promise<unknown> {
  if (!target.webSocketDebuggerUrl) throw new Error(`no DevTools socket for ${target.url}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const send = (method: string, params: object) =>
    new Promise<{ result?: { result?: { value?: unknown }; exceptionDetails?: unknown } }>((resolve) => {
      const mine = (id += 1);
      const onMessage = (data: RawData) => {
        const message = JSON.parse(String(data)) as { id?: number };
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        resolve(message as never);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  try {
    // A new tab starts on about:blank and only then commits the extension page: wait until it is the page, loaded.
    const loaded = `location.protocol === 'chrome-extension:' && document.readyState === 'complete'`;
    for (let tries = 0; ; tries += 1) {
      const probe = await send('Runtime.evaluate', { expression: loaded, returnByValue: true });
      if (probe.result?.result?.value === true) break;
      if (tries > 100) throw new Error(`${target.url} did not load`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answer = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (answer.result?.exceptionDetails)
      throw new Error(`evaluation failed: ${JSON.stringify(answer.result.exceptionDetails)}`);
    return answer.result?.result?.value;
  } finally {
    socket.close();
  }
}
