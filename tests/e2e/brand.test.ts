/**
 * The sample brand (brands/example) builds into store-ready zips for Chrome and Firefox, with a sources zip for
 * addons.mozilla.org, and the builds carry the brand: texts, locale, icon at every size, accent colour, the desk
 * baked in as the only required host, the Firefox id. A clear-text desk fails the build.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const OUT = '.output/brands/example';
const ENV = { ...process.env, LQS_BRAND: 'brands/example', LQS_SERVER_URL: '' };

interface Manifest {
  name: string;
  short_name?: string;
  description: string;
  default_locale: string;
  icons: Record<string, string>;
  host_permissions?: string[];
  permissions: string[];
  browser_specific_settings?: { gecko: { id: string } };
}

function manifest(build: string): Manifest {
  return JSON.parse(readFileSync(join(OUT, build, 'manifest.json'), 'utf8')) as Manifest;
}

/** Resolves a `__MSG_key__` against the build's default locale, as the browser does. */
function text(build: string, value: string): string {
  const key = /^__MSG_(\w+)__$/.exec(value)?.[1];
  if (!key) return value;
  const m = manifest(build);
  const messages = JSON.parse(readFileSync(join(OUT, build, '_locales', m.default_locale, 'messages.json'), 'utf8'));
  return (messages as Record<string, { message: string }>)[key]?.message ?? value;
}

function pngSize(path: string): [number, number] {
  const png = readFileSync(path);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the example brand', () => {
  beforeAll(async () => {
    const options = { env: ENV, maxBuffer: 16 * 1024 * 1024 };
    await run('npx', ['wxt', 'zip'], options);
    await run('npx', ['wxt', 'zip', '-b', 'firefox'], options);
  }, 120_000);

  it('zips Chrome and Firefox builds, and the sources for addons.mozilla.org', () => {
    for (const zip of ['example-0.1.0-chrome.zip', 'example-0.1.0-firefox.zip', 'example-0.1.0-sources.zip']) {
      expect(existsSync(join(OUT, zip)), zip).toBe(true);
    }
  });

  it.each(['chrome-mv3', 'firefox-mv2'])('%s carries the brand', (build) => {
    const m = manifest(build);
    expect(text(build, m.name)).toBe('Acme Help');
    expect(text(build, m.short_name ?? '')).toBe('Acme Help');
    expect(text(build, m.description)).toMatch(/^Chat with Acme's support team/);
    expect(m.default_locale).toBe('pt_BR');
    expect(Object.keys(m.icons).map(Number)).toEqual([16, 32, 48, 96, 128]);
    for (const [size, path] of Object.entries(m.icons)) {
      expect(pngSize(join(OUT, build, path))).toEqual([Number(size), Number(size)]);
    }
    const required =
      build === 'chrome-mv3' ? (m.host_permissions ?? []) : m.permissions.filter((p) => p.includes('://'));
    expect(required).toEqual(['https://chat.acme.example/*']);
    const scripts = readFileSync(join(OUT, build, 'background.js'), 'utf8');
    expect(scripts).toContain('https://chat.acme.example');
  });

  it('names the Firefox add-on with its own id and colours the chat with its accent', () => {
    expect(manifest('firefox-mv2').browser_specific_settings?.gecko.id).toBe('help@acme.example');
    const chunks = join(OUT, 'chrome-mv3', 'chunks');
    const code = readdirSync(chunks).map((file) => readFileSync(join(chunks, file), 'utf8'));
    expect(code.some((source) => source.includes('#0f766e'))).toBe(true);
  });

  it('refuses to build with a clear-text desk', async () => {
    const failed = await run('npx', ['wxt', 'build'], {
      env: { ...ENV, LQS_SERVER_URL: 'http://chat.acme.example' },
    }).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(failed).toContain("LQS_SERVER_URL: http://chat.acme.example would send visitors' messages unencrypted");
  });
});
