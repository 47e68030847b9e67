/** The Firefox build (MV2, WXT's default for Firefox) passes Mozilla's linter with no errors. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('wxt build -b firefox lints clean with web-ext lint', async () => {
  await run('npx', ['wxt', 'build', '-b', 'firefox'], { maxBuffer: 16 * 1024 * 1024 });
  const { stdout } = await run('npx', ['web-ext', 'lint', '-s', '.output/firefox-mv2', '--output', 'json'], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as {
    errors: Array<{ code: string; message: string }>;
    warnings: Array<{ code: string }>;
  };
  expect(report.errors).toEqual([]);
  // Preact's DOM diff assigns innerHTML for dangerouslySetInnerHTML, which we never use; nothing else may warn.
  expect(report.warnings.map((w) => w.code).filter((code) => code !== 'UNSAFE_VAR_ASSIGNMENT')).toEqual([]);
});
