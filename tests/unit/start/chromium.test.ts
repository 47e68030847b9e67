import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionArgs, findChromium } from '../../../scripts/chromium';

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
    expect(findChromium({ env: { CHROMIUM_PATH: explicit }, wellKnown })).toBe(explicit);
  });

  it('rejects a CHROMIUM_PATH that is missing, not executable or a folder', () => {
    const plain = file('plain', 0o644);
    for (const bad of [join(dir, 'missing'), plain, dir]) {
      expect(() => findChromium({ env: { CHROMIUM_PATH: bad }, wellKnown: [] })).toThrow(
        `CHROMIUM_PATH=${bad} is not an executable file`,
      );
    }
  });

  it('prefers the well-known path over PATH', () => {
    const wellKnown = file('usr/bin/chromium', 0o755);
    file('bin/google-chrome', 0o755);
    expect(findChromium({ env: { PATH: join(dir, 'bin') }, wellKnown: [wellKnown] })).toBe(wellKnown);
  });

  it('searches PATH by name preference, then by PATH order', () => {
    file('a/google-chrome', 0o755);
    const browser = file('b/chromium-browser', 0o755);
    const env = { PATH: `${join(dir, 'a')}:${join(dir, 'b')}` };
    expect(findChromium({ env, wellKnown: [] })).toBe(browser);
  });

  it('skips files that are not executable and returns null when nothing is found', () => {
    file('bin/chromium', 0o644);
    expect(findChromium({ env: { PATH: join(dir, 'bin') }, wellKnown: [] })).toBeNull();
    expect(findChromium({ env: {}, wellKnown: [join(dir, 'nope')] })).toBeNull();
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
