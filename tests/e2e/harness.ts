/**
 * Launches Debian's Chromium with the built extension (`.output/chrome-mv3`, built by `npm test` before vitest
 * runs) in a fresh profile, and gives tests handles on the worker and the chat pages.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { extensionArgs, findChromium } from '../../scripts/chromium';

/** The Chrome APIs evaluated inside the worker (it runs there, not in Node). */
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  notifications: { getAll(): Promise<Record<string, unknown>> };
  action: { getBadgeText(details: object): Promise<string> };
};

/** The built extension; `LQS_EXTENSION_DIR` points elsewhere (e.g. a build of another checkout). */
export const EXTENSION_DIR = resolve(process.env.LQS_EXTENSION_DIR ?? '.output/chrome-mv3');
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export interface Extension {
  context: BrowserContext;
  worker: Worker;
  id: string;
  profileDir: string;
  /** Opens `popup.html` or `sidepanel.html` as a tab sized like the real surface. */
  open(page: 'popup' | 'sidepanel'): Promise<Page>;
  /** Points the extension at a server, as the options page would. */
  configure(serverUrl: string, visitor?: { name?: string; email?: string }): Promise<void>;
  /** Notification ids currently shown. */
  notifications(): Promise<string[]>;
  badge(): Promise<string>;
  /** Stops the service worker the way the browser does when it idles (its socket closes); a blank tab is left. */
  stopWorker(): Promise<void>;
  /** Closes the browser; the profile is deleted unless kept for a relaunch. */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

const SIZES = { popup: { width: 380, height: 560 }, sidepanel: { width: 420, height: 800 } };

/**
 * Launches Chromium with the extension in `extensionDir` loaded; reuse `profileDir` to reopen the same browser
 * profile.
 */
export async function launchExtension(profileDir?: string, extensionDir = EXTENSION_DIR): Promise<Extension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: install it with `apt-get install -y chromium`');
  const dir = profileDir ?? mkdtempSync(join(tmpdir(), 'lqs-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    // Tests open several pages at once: none of them may be throttled for being in a background tab.
    args: [
      ...extensionArgs(extensionDir),
      '--disable-gpu',
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;

  return {
    context,
    worker,
    id,
    profileDir: dir,
    async open(kind) {
      const page = await context.newPage();
      await page.setViewportSize(SIZES[kind]);
      await page.goto(`chrome-extension://${id}/${kind}.html`);
      return page;
    },
    async configure(serverUrl, visitor = {}) {
      await worker.evaluate(
        async ([url, name, email]) => {
          await chrome.storage.local.set({ settings: { serverUrl: url, name, email, notifications: true } });
        },
        [serverUrl, visitor.name ?? '', visitor.email ?? ''] as const,
      );
    },
    notifications: () => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll())),
    badge: () => worker.evaluate(() => chrome.action.getBadgeText({})),
    async stopWorker() {
      const cdp = await context.newCDPSession(await context.newPage());
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    },
    async close(options = {}) {
      await context.close();
      if (!options.keepProfile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under test-results/screenshots and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
