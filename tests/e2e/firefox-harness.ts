/**
 * Launches Firefox ESR headless over WebDriver BiDi (puppeteer-core, no geckodriver) with a Firefox build of the
 * extension installed as a temporary add-on, and gives tests handles on its pages, badge, notifications, sidebar
 * and background. Extension pages are reached by navigating the tab's browsing context: `page.goto` never resolves
 * for moz-extension:// pages.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { launch, type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from '../../scripts/firefox';

/** The add-on id in wxt.config.ts (browser_specific_settings.gecko.id). */
export const GECKO_ID = 'livechat-quick-support@example.org';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

export interface FirefoxExtension {
  browser: Browser;
  /** The moz-extension:// host, fixed before launch. */
  uuid: string;
  /** Opens `popup.html` or `sidepanel.html` in a new tab sized like the real surface. */
  open(page: 'popup' | 'sidepanel'): Promise<Page>;
  /** Points the extension at a server, as the options page would. */
  configure(serverUrl: string): Promise<void>;
  /** Notification ids currently shown. */
  notifications(): Promise<string[]>;
  badge(): Promise<string>;
  /** Whether the extension's sidebar (opened by Firefox at install) is showing. */
  sidebarOpen(): Promise<boolean>;
  /** Closes the sidebar, as the visitor would with its close button. */
  closeSidebar(): Promise<void>;
  /** Stops the background page (an MV3 event page idling out; an MV2 page as on update) and lets events wake it. */
  restartBackground(): Promise<void>;
  close(): Promise<void>;
}

const SIZES = { popup: { width: 380, height: 560 }, sidepanel: { width: 420, height: 800 } };

/** Runs `expression` (awaited) in Firefox's own browser window, which `--remote-allow-system-access` opens to BiDi. */
async function inChrome(connection: BidiConnection, expression: string): Promise<unknown> {
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const [top] = tree.result.contexts as Array<{ context: string }>;
  if (!top) throw new Error('Firefox has no browser window');
  const { result } = await connection.send('script.evaluate', {
    expression,
    target: { context: top.context },
    awaitPromise: true,
  });
  if (result.type === 'exception') throw new Error(`chrome script failed: ${JSON.stringify(result.exceptionDetails)}`);
  return (result.result as { value?: unknown }).value;
}

/** Navigates a tab to an extension page and waits for it to load. */
async function navigate(page: Page, url: string): Promise<void> {
  const frame = page.mainFrame() as unknown as {
    browsingContext: { navigate(url: string, wait: string): Promise<void> };
  };
  await frame.browsingContext.navigate(url, 'complete');
}

/** Launches headless Firefox ESR and installs the unpacked build in `extensionDir`. */
export async function launchFirefox(extensionDir: string): Promise<FirefoxExtension> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('Firefox not found: `npm test` installs it (or set FIREFOX_PATH)');
  const uuid = randomUUID();
  const firefox = await launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // Extension pages are system-privileged for the remote agent: without this it refuses to navigate to them.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // Headless, the system backend closes notifications at once; Firefox's own keeps them listed.
      'alerts.useSystemBackend': false,
    },
  });
  await firefox.installExtension(resolve(extensionDir));
  const connection = (firefox as unknown as { connection: BidiConnection }).connection;
  const base = `moz-extension://${uuid}`;
  // A non-chat extension page to read the background's state from (a chat page would change it).
  const probe = (await firefox.pages())[0] ?? (await firefox.newPage());
  await navigate(probe, `${base}/options.html`);
  const extension = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs')
    .ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)})`;

  return {
    browser: firefox,
    uuid,
    async open(kind) {
      const page = await firefox.newPage();
      await page.setViewport(SIZES[kind]);
      await navigate(page, `${base}/${kind}.html`);
      return page;
    },
    async configure(serverUrl) {
      await probe.evaluate(async (url) => {
        await browser.storage.local.set({ settings: { serverUrl: url, name: '', email: '', notifications: true } });
      }, serverUrl);
    },
    notifications: () => probe.evaluate(async () => Object.keys(await browser.notifications.getAll())),
    badge: () => probe.evaluate(() => (browser.action ?? browser.browserAction).getBadgeText({})),
    sidebarOpen: async () => (await inChrome(connection, 'SidebarController.isOpen')) === true,
    async closeSidebar() {
      await inChrome(connection, 'SidebarController.hide()');
    },
    async restartBackground() {
      const state = await inChrome(
        connection,
        `(async (ext) => { await ext.terminateBackground({ disableResetIdleForTest: true }); return ext.backgroundState; })(${extension})`,
      );
      if (state !== 'stopped') throw new Error(`the background did not stop (${String(state)})`);
    },
    close: () => firefox.close(),
  };
}

/** The extension's `browser` global, as evaluated inside its pages. */
declare const browser: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  notifications: { getAll(): Promise<Record<string, unknown>> };
  action?: { getBadgeText(details: object): Promise<string> };
  browserAction: { getBadgeText(details: object): Promise<string> };
};
