import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionArgs, findChromium } from '../../../scripts/chromium';
import { findFirefox } from '../../../scripts/firefox';

let dir: string;

function file(path: string, mode: number): string {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, '#!/bin/sh\n');
  chmodSync(full, mode);
  return full;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('findChromium', () => {
  it('takes CHROMIUM_PATH before anything else', () => {
    const explicit = file('custom/chrome', 0o755);
    const wellKnown = [file('usr/bin/chromium', 0o755)];
    expect(findChromium({ env: { CHROMIUM_PATH: explicit }, wellKnown, downloaded: [] })).toBe(explicit);
  });

  it('rejects a CHROMIUM_PATH that is missing, not executable or a folder', () => {
    const plain = file('plain', 0o644);
    for (const bad of [join(dir, 'missing'), plain, dir]) {
      expect(() => findChromium({ env: { CHROMIUM_PATH: bad }, wellKnown: [], downloaded: [] })).toThrow(
        `CHROMIUM_PATH=${bad} is not an executable file`,
      );
    }
  });

  it('prefers the well-known path over PATH', () => {
    const wellKnown = file('usr/bin/chromium', 0o755);
    file('bin/google-chrome', 0o755);
    expect(findChromium({ env: { PATH: join(dir, 'bin') }, wellKnown: [wellKnown], downloaded: [] })).toBe(wellKnown);
  });

  it('searches PATH by name preference, then by PATH order', () => {
    file('a/google-chrome', 0o755);
    const browser = file('b/chromium-browser', 0o755);
    const env = { PATH: `${join(dir, 'a')}:${join(dir, 'b')}` };
    expect(findChromium({ env, wellKnown: [], downloaded: [] })).toBe(browser);
  });

  it('skips files that are not executable and returns null when nothing is found', () => {
    file('bin/chromium', 0o644);
    expect(findChromium({ env: { PATH: join(dir, 'bin') }, wellKnown: [], downloaded: [] })).toBeNull();
    expect(findChromium({ env: {}, wellKnown: [join(dir, 'nope')], downloaded: [] })).toBeNull();
  });
});

describe('findChromium and findFirefox fall back to downloads', () => {
  it('uses a downloaded browser only after PATH, and skips a download that vanished', () => {
    const downloaded = file('cache/chrome', 0o755);
    const onPath = file('bin/chromium', 0o755);
    const gone = join(dir, 'cache/old-chrome');
    expect(findChromium({ env: { PATH: join(dir, 'bin') }, wellKnown: [], downloaded: [downloaded] })).toBe(onPath);
    expect(findChromium({ env: {}, wellKnown: [], downloaded: [gone, downloaded] })).toBe(downloaded);
  });

  it('finds Firefox ESR by FIREFOX_PATH, well-known path, then firefox-esr before firefox on PATH', () => {
    const esr = file('bin/firefox-esr', 0o755);
    file('bin/firefox', 0o755);
    const explicit = file('opt/firefox', 0o755);
    expect(findFirefox({ env: { FIREFOX_PATH: explicit }, wellKnown: [], downloaded: [] })).toBe(explicit);
    expect(findFirefox({ env: { PATH: join(dir, 'bin') }, wellKnown: [], downloaded: [] })).toBe(esr);
    expect(() => findFirefox({ env: { FIREFOX_PATH: join(dir, 'x') }, wellKnown: [], downloaded: [] })).toThrow(
      'FIREFOX_PATH=',
    );
  });
});

describe('extensionArgs', () => {
  it('loads only the given extension, by absolute path, into a quiet profile', () => {
    const args = extensionArgs('.output/chrome-mv3', false);
    const abs = resolve('.output/chrome-mv3');
    expect(args).toEqual([
      `--disable-extensions-except=${abs}`,
      `--load-extension=${abs}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ]);
  });

  it('adds --no-sandbox for root only, and never sets the profile folder', () => {
    expect(extensionArgs('/x', true)).toContain('--no-sandbox');
    expect(extensionArgs('/x', false)).not.toContain('--no-sandbox');
    expect(extensionArgs('/x', true).some((a) => a.startsWith('--user-data-dir'))).toBe(false);
  });
});
