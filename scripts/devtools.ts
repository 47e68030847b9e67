import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';

/**
 * A few calls to Chromium's DevTools HTTP endpoints (`--remote-debugging-port=0`). Only the HTTP
 * API is used: nothing attaches to the extension's service worker, so the browser keeps its real
 * MV3 lifecycle (an attached DevTools session would keep the worker alive forever).
 */

interface Target {
  type: string;
  url: string;
}

/** Calls `attempt` every `intervalMs` until it returns a value, `timeoutMs` passes or `signal` aborts. */
async function poll<T>(
  attempt: () => Promise<T | null>,
  timeoutMs: number,
  signal?: AbortSignal,
  intervalMs = 100,
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) return null;
    const value = await attempt().catch(() => null);
    if (value !== null) return value;
    if (Date.now() >= deadline) return null;
    await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
  }
}

/**
 * Waits for the DevTools port that Chromium writes to `<profileDir>/DevToolsActivePort` once it
 * listens. Delete a stale file before launching. Returns null on timeout or abort.
 */
export function readDevToolsPort(profileDir: string, timeoutMs: number, signal?: AbortSignal): Promise<number | null> {
  return poll(
    async () => {
      const [first] = (await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8')).split('\n');
      const port = Number(first);
      return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
    },
    timeoutMs,
    signal,
  );
}

/**
 * Waits until an extension's service worker shows up in `/json/list` and returns that extension's
 * id. Its appearance also means the extension is registered, so its pages can now be opened
 * (earlier, Chromium blocks them with ERR_BLOCKED_BY_CLIENT). Returns null on timeout or abort.
 */
export function waitForExtensionId(port: number, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
  return poll(
    async () => {
      const response = await fetch(`http://127.0.0.1:${port}/json/list`, { signal });
      const targets = (await response.json()) as Target[];
      const worker = targets.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
      return worker ? new URL(worker.url).host : null;
    },
    timeoutMs,
    signal,
  );
}

interface WindowBounds {
  left?: number;
  top?: number;
  width?: number;
  height?: number;
}

/**
 * Opens `url` in a window of its own, `size` large and centred on the browser's current window: the chat as a
 * visitor meets it (the toolbar popup's size), not a narrow column in a full tab. Talks to the browser target
 * over the DevTools WebSocket for this one command, never to the extension's worker.
 */
export async function openWindow(port: number, url: string, size: { width: number; height: number }): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/json/version`);
  const { webSocketDebuggerUrl } = (await response.json()) as { webSocketDebuggerUrl: string };
  const socket = new WebSocket(webSocketDebuggerUrl);
  await once(socket, 'open');
  let nextId = 0;
  const send = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = (nextId += 1);
      const onMessage = (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as { id?: number; result?: object; error?: { message: string } };
        if (reply.id !== id) return;
        socket.off('message', onMessage);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve((reply.result ?? {}) as Record<string, unknown>);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    const { targetInfos } = (await send('Target.getTargets')) as {
      targetInfos: Array<{ type: string; targetId: string }>;
    };
    const page = targetInfos.find((target) => target.type === 'page');
    const around: WindowBounds = page
      ? ((await send('Browser.getWindowForTarget', { targetId: page.targetId })) as { bounds: WindowBounds }).bounds
      : {};
    const centre = (start = 0, extent = 0, own: number) => Math.max(0, start + Math.round((extent - own) / 2));
    await send('Target.createTarget', {
      url,
      newWindow: true,
      width: size.width,
      height: size.height,
      left: centre(around.left, around.width, size.width),
      top: centre(around.top, around.height, size.height),
    });
  } finally {
    socket.close();
  }
}
