/**
 * `npm run bench`: every figure of docs/performance.md in one run, each next to its baseline, written flat to
 * bench/results.json and printed as a table with its target. The build measured is `.output/chrome-mv3`, or
 * `LQS_EXTENSION_DIR` (its `*-chrome.zip` from `wxt zip` must sit next to it).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserFigures } from './browser-figures';
import { runDdpBench } from './ddp';
import { measureSizes } from './sizes';
import { formatTable, judge } from './targets';

const EXTENSION_DIR = resolve(process.env.LQS_EXTENSION_DIR ?? '.output/chrome-mv3');
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const step = (text: string): void => console.log(`[bench] ${text}`);

function commitOf(dir: string): string {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  // Other work on the machine skews every timing: the load is recorded with the figures.
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  step(`measuring the build in ${EXTENSION_DIR}`);
  const sizes = measureSizes(EXTENSION_DIR);
  for (const [what, files] of Object.entries(sizes.files)) step(`  ${what}: ${files.join(', ') || '(none)'}`);

  // Node-only work first, while the browser is not competing for the two cores.
  step('DDP client against @rocket.chat/ddp-client');
  const ddp = await runDdpBench();

  const browser = await browserFigures(EXTENSION_DIR);
  const figures: Record<string, number | string> = { ...sizes.figures, ...browser.figures, ...ddp };
  const results = {
    ...figures,
    'run.date': new Date().toISOString(),
    'run.commit': commitOf(dirname(dirname(EXTENSION_DIR))),
    'run.chromium': browser.chromium,
    'run.node': process.version,
    'run.cpus': cpus().length,
    'run.load_avg_start': Number(loadAtStart.toFixed(2)),
    'run.load_avg_end': Number((loadavg()[0] ?? Number.NaN).toFixed(2)),
    'run.seconds': Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatTable(judge(figures))}\n`);
  step(`written to ${RESULTS} in ${results['run.seconds']} s`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
});
