/**
 * A minimal Chrome DevTools Protocol client over the browser's debugging WebSocket. Playwright only opens CDP
 * sessions on pages and frames; the service worker's heap needs a session on the worker target itself, which a
 * flattened `Target.attachToTarget` gives on a plain browser connection.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';

interface Pending {
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
}

export interface CdpTarget {
  targetId: string;
  type: string;
  url: string;
}

export interface CdpConnection {
  /** Sends one command, to the browser or (with `sessionId`) to an attached target. */
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<Record<string, unknown>>;
  targets(): Promise<CdpTarget[]>;
  /** Attaches to a target and returns the flattened session id. */
  attach(targetId: string): Promise<string>;
  close(): void;
}

/** Reads the port and path Chromium wrote for `--remote-debugging-port=0` into the profile directory. */
export async function devToolsEndpoint(profileDir: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const [port, path] = (await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8')).trim().split('\n');
      if (port && path) return `ws://127.0.0.1:${port}${path}`;
    } catch {
      // Not written yet: Chromium writes it once the debugging server listens.
    }
    if (Date.now() > deadline) throw new Error(`Chromium wrote no DevToolsActivePort in ${profileDir}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Connects to a browser-level DevTools WebSocket. */
export async function connectCdp(endpoint: string): Promise<CdpConnection> {
  const socket = new WebSocket(endpoint, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, Pending>();
  socket.on('message', (raw) => {
    const reply = JSON.parse(String(raw)) as {
      id?: number;
      result?: Record<string, unknown>;
      error?: { message: string };
    };
    if (reply.id === undefined) return;
    const call = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) call?.reject(new Error(`CDP: ${reply.error.message}`));
    else call?.resolve(reply.result ?? {});
  });
  socket.on('close', () => {
    for (const call of pending.values()) call.reject(new Error('CDP connection closed'));
    pending.clear();
  });

  const send: CdpConnection['send'] = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  return {
    send,
    async targets() {
      const { targetInfos } = (await send('Target.getTargets')) as { targetInfos: CdpTarget[] };
      return targetInfos;
    },
    async attach(targetId) {
      const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      return sessionId;
    },
    close: () => socket.close(),
  };
}

/** JS heap in use after a full garbage collection, in MB, for an attached session (page or worker). */
export async function heapAfterGc(
  send: (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<number> {
  await send('HeapProfiler.enable');
  await send('HeapProfiler.collectGarbage');
  const { usedSize } = (await send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / (1024 * 1024);
}
