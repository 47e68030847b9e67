/**
 * Opening, A/B: `measureOpens` for each extension build given, alternated in rounds (one Chromium and one
 * devserver per build and round), with the 1-minute load average at the start and end of each. On a shared
 * machine only such same-run comparisons mean anything; `npm run bench` stays the figure of record.
 *
 *   npx tsx bench/open-ab.ts <extension dir> [<extension dir> …]      (ROUNDS=3 rounds by default)
 */
import { loadavg } from 'node:os';
import { startDevServer } from '../devserver/index';
import { launchBrowser } from './browser';
import { measureOpens } from './open';
import { prepareRoom } from './setup';

/** Messages in the cache when the popup opens, as in the full benchmark. */
const CACHED = 500;

const load = (): string => (loadavg()[0] ?? 0).toFixed(2);

async function measure(dir: string): Promise<string> {
  const server = await startDevServer({ port: 0, rateLimits: false, autoAssign: true });
  const browser = await launchBrowser(dir).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    const room = await prepareRoom(browser, server, CACHED);
    const start = load();
    const f = await measureOpens(browser, room, await browser.newPage());
    return [
      dir,
      `load ${start}-${load()}`,
      `warm ${f['open.popup_to_interactive_ms']}`,
      `static ${f['open.baseline_static_page_ms']}`,
      `cold ${f['open.popup_cold_worker_to_interactive_ms']}`,
      `ratio ${f['open.ratio_vs_static']}`,
      `cold_ratio ${f['open.cold_ratio_vs_static']}`,
      `long ${f['open.popup_long_tasks_ms']}/${f['open.popup_cold_long_tasks_ms']}`,
    ].join('\t');
  } finally {
    await browser.close();
    await server.close();
  }
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('usage: npx tsx bench/open-ab.ts <extension dir> [<extension dir> …]');
const rounds = Number(process.env.ROUNDS ?? 3);
for (let round = 0; round < rounds; round++) for (const dir of dirs) console.log(await measure(dir));
