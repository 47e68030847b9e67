import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser, type BrowserSpec, type FindOptions } from './find-browser';

/** Debian's `apt-get install chromium` launcher first, then Chromium and Chrome by name on PATH. */
export const CHROMIUM: BrowserSpec = {
  envVar: 'CHROMIUM_PATH',
  wellKnown: ['/usr/bin/chromium'],
  names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
};

/**
 * Finds a Chromium (or Chrome) binary: `CHROMIUM_PATH` if set, then /usr/bin/chromium, then chromium,
 * chromium-browser, google-chrome and google-chrome-stable on PATH, then the Chromium Playwright downloaded
 * (`playwright-core install chromium`, which provisioning runs where apt cannot). Returns null when none is found;
 * a `CHROMIUM_PATH` that is not an executable file throws.
 */
export function findChromium(options: FindOptions = {}): string | null {
  return findBrowser(CHROMIUM, { ...options, downloaded: options.downloaded ?? [chromium.executablePath()] });
}

/**
 * The standard Chromium arguments that load the unpacked extension in `extDir` (and no other
 * extension) into a quiet profile: no first-run UI, no sync, no background traffic to Google.
 * `--no-sandbox` is added when running as root, where Chromium refuses to start otherwise.
 * The profile directory is left to the caller (Playwright's launchPersistentContext rejects
 * `--user-data-dir` in args).
 */
export function extensionArgs(extDir: string, isRoot = process.getuid?.() === 0): string[] {
  const dir = resolve(extDir);
  return [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}
