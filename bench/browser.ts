/**
 * Debian's Chromium with the built extension, as the e2e harness launches it, plus a browser-level DevTools
 * connection (for the worker's heap) and a clock shared between Node and the pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { extensionArgs, findChromium } from '../scripts/chromium';
import { connectCdp, devToolsEndpoint, heapAfterGc, type CdpConnection } from './cdp';

/** Runs in the worker (the Chrome API, not Node's). */
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void>; get(key: string): Promise<unknown> } };
};

/** The popup's real size (the harness uses the same). */
const POPUP_VIEWPORT = { width: 380, height: 560 };

export interface BenchBrowser {
  /** A new tab of the popup's size, not navigated yet. */
  newPage(): Promise<Page>;
  /** `chrome-extension://ID/<path>` */
  url(path: string): string;
  /** Writes `chrome.storage.local` items from the worker. */
  setLocal(items: Record<string, unknown>): Promise<void>;
  getLocal<T>(key: string): Promise<T | undefined>;
  /** The service worker's JS heap after a full GC, in MB. */
  workerHeapMb(): Promise<number>;
  /** A DevTools session on the extension's running service worker (for its heap, or a CPU profile). */
  workerSession(): Promise<CdpSession>;
  /** A page's JS heap after a full GC, in MB. */
  pageHeapMb(page: Page): Promise<number>;
  /** The browser's product and version, e.g. `Chrome/156.0.8078.79`. */
  version(): Promise<string>;
  /** Stops the extension's service worker the way the browser does when it idles it out. */
  stopWorker(from: Page): Promise<void>;
  close(): Promise<void>;
}

/** Commands to one attached target; `detach` ends the session. */
export interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  detach(): Promise<void>;
}

/** Wall-clock epoch milliseconds with sub-millisecond resolution, as `performance.timeOrigin + performance.now()` in a page. */
export const nodeNow = (): number => performance.timeOrigin + performance.now();

/**
 * How far a page's `performance.timeOrigin + performance.now()` is ahead of {@link nodeNow}. Taken from the
 * round trip with the shortest time of several, halved: the error is at most half that round trip.
 */
export async function clockOffset(page: Page, samples = 25): Promise<{ offset: number; errorMs: number }> {
  let best = { offset: 0, errorMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < samples; i++) {
    const before = nodeNow();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = nodeNow();
    const errorMs = (after - before) / 2;
    if (errorMs < best.errorMs) best = { offset: inPage - (before + after) / 2, errorMs };
  }
  return best;
}

/** Launches Chromium with the unpacked extension in `extensionDir` and a fresh profile. */
export async function launchBrowser(extensionDir: string): Promise<BenchBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: install it with `apt-get install -y chromium`');
  const profileDir = mkdtempSync(join(tmpdir(), 'lqs-bench-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: [...extensionArgs(extensionDir), '--disable-gpu', '--remote-debugging-port=0'],
  });
  let cdp: CdpConnection | undefined;
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const id = new URL(worker.url()).host;
    cdp = await connectCdp(await devToolsEndpoint(profileDir));
    const browserCdp = cdp;

    const workerSession = async (): Promise<CdpSession> => {
      const targets = await browserCdp.targets();
      const target = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`));
      if (!target) throw new Error('the extension has no running service worker to attach to');
      const sessionId = await browserCdp.attach(target.targetId);
      return {
        send: (method, params) => browserCdp.send(method, params, sessionId),
        detach: async () => void (await browserCdp.send('Target.detachFromTarget', { sessionId }).catch(() => {})),
      };
    };

    return {
      url: (path) => `chrome-extension://${id}/${path}`,
      async newPage() {
        const page = await context.newPage();
        await page.setViewportSize(POPUP_VIEWPORT);
        return page;
      },
      setLocal: (items) => worker.evaluate((all) => chrome.storage.local.set(all), items),
      getLocal: async <T>(key: string) =>
        ((await worker.evaluate((k) => chrome.storage.local.get(k), key)) as Record<string, T>)[key],
      workerSession,
      async workerHeapMb() {
        const session = await workerSession();
        try {
          return await heapAfterGc(session.send);
        } finally {
          await session.detach();
        }
      },
      async pageHeapMb(page) {
        const session = await context.newCDPSession(page);
        try {
          return await heapAfterGc((method, params) => session.send(method as 'Runtime.getHeapUsage', params));
        } finally {
          await session.detach();
        }
      },
      version: async () => String((await browserCdp.send('Browser.getVersion')).product),
      async stopWorker(from) {
        const session = await context.newCDPSession(from);
        try {
          await session.send('ServiceWorker.enable');
          await session.send('ServiceWorker.stopAllWorkers');
        } finally {
          await session.detach();
        }
      },
      async close() {
        browserCdp.close();
        await context.close();
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    cdp?.close();
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}
