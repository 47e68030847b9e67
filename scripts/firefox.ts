import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findBrowser, type BrowserSpec, type FindOptions } from './find-browser';

/** The oldest Firefox the manifest accepts (`strict_min_version` in wxt.config.ts). */
export const MIN_FIREFOX = 142;

/** Debian's `apt-get install firefox-esr` launcher first, then Firefox by name on PATH. */
export const FIREFOX: BrowserSpec = {
  envVar: 'FIREFOX_PATH',
  wellKnown: ['/usr/bin/firefox-esr'],
  names: ['firefox-esr', 'firefox'],
};

/** Where provisioning downloads browsers when the system package manager cannot be used. */
export const DOWNLOAD_DIR = join(homedir(), '.cache', 'lqs-browsers');
/** The file in which provisioning records the downloaded Firefox's binary. */
export const DOWNLOADED_FIREFOX = join(DOWNLOAD_DIR, 'firefox-path.txt');

function downloadedFirefox(): string[] {
  try {
    return [readFileSync(DOWNLOADED_FIREFOX, 'utf8').trim()].filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Finds a Firefox binary: `FIREFOX_PATH` if set, then /usr/bin/firefox-esr, then firefox-esr and firefox on PATH,
 * then the copy provisioning downloaded. Null when none is found; a `FIREFOX_PATH` that is not an executable file
 * throws.
 */
export function findFirefox(options: FindOptions = {}): string | null {
  return findBrowser(FIREFOX, { ...options, downloaded: options.downloaded ?? downloadedFirefox() });
}

/** The major version `firefox --version` reports ("Mozilla Firefox 153.8.0esr" → 153), or null. */
export function firefoxMajor(path: string): number | null {
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
    const match = /Firefox\s+(\d+)\./.exec(out);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
