/**
 * Every build (Chrome MV3, Firefox MV2 and MV3) declares an explicit CSP for its pages: only the extension's own
 * scripts, no plugins, no frames, no `<base>`, so a remote page can never be embedded in the chat.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

const REQUIRED = ["script-src 'self'", "object-src 'none'", "frame-src 'none'", "base-uri 'none'"];

/** The directives of a CSP string, each normalised to single spaces. */
function directives(csp: string): string[] {
  return csp
    .split(';')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

const BUILDS = [
  { args: [], dir: 'chrome-mv3', mv3: true },
  { args: ['-b', 'firefox'], dir: 'firefox-mv2', mv3: false },
  { args: ['-b', 'firefox', '--mv3'], dir: 'firefox-mv3', mv3: true },
] as const;

it.each(BUILDS)('the $dir manifest carries the strict extension-page CSP', async ({ args, dir, mv3 }) => {
  await run('npx', ['wxt', 'build', ...args], { maxBuffer: 16 * 1024 * 1024 });
  const manifest = JSON.parse(readFileSync(`.output/${dir}/manifest.json`, 'utf8')) as {
    content_security_policy?: string | { extension_pages?: string };
  };
  const csp = manifest.content_security_policy;
  const pages = mv3 ? (csp as { extension_pages?: string } | undefined)?.extension_pages : csp;
  expect(typeof pages).toBe('string');
  expect(directives(pages as string)).toEqual(expect.arrayContaining(REQUIRED));
});
