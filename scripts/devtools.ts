import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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

/** Opens `url` in a new foreground tab. */
export async function openTab(port: number, url: string): Promise<void> {
  // Chromium only accepts PUT here since version 111.
  const response = await fetch(`http://127.0.0.1:${port}/json/new?${url}`, { method: 'PUT' });
  if (!response.ok) throw new Error(`DevTools could not open ${url}: HTTP ${response.status}`);
}
