/**
 * The relay's steady phase and burst alone, for comparing builds on a shared machine: builds alternate round by
 * round (A B, B A, …), each in a fresh browser and devserver set up as `npm run bench` does (500 cached messages,
 * the popup in front, the same two baseline pages), and every round prints its figures with the load average.
 * With `--profile DIR` each round also writes CPU profiles of the worker and the popup over the steady phase (with
 * `--trace` a Chromium trace of the popup's renderer instead of the popup's profile).
 *
 *   npx tsx bench/relay-ab.ts [--rounds N] [--steady N] [--profile DIR [--trace] [--profile-burst]] LABEL=DIR ...
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevServer } from '../devserver/index';
import { launchBrowser, type CdpSession } from './browser';
import { relayPages } from './browser-figures';
import { recordLongTasks, takeLongTasks } from './long-tasks';
import { relayFigures, relayPhase } from './relay';
import { prepareRoom } from './setup';
import { median } from './stats';

const FIGURES = [
  'relay.p50_ms',
  'relay.baseline_p50_ms',
  'relay.overhead_p50_ms',
  'relay.p95_ms',
  'relay.baseline_p95_ms',
  'relay.overhead_p95_ms',
  'relay.burst_p50_ms',
  'relay.burst_baseline_p50_ms',
  'relay.burst_ratio_vs_baseline',
  'relay.burst_long_task_ms',
  'relay.lost',
];

function parseArgs(argv: string[]) {
  const options = {
    rounds: 3,
    steady: 300,
    profile: '',
    trace: false,
    burstOnly: false,
    builds: [] as Array<{ label: string; dir: string }>,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--rounds') options.rounds = Number(argv[++i]);
    else if (arg === '--steady') options.steady = Number(argv[++i]);
    else if (arg === '--profile') options.profile = resolve(argv[++i] ?? '');
    else if (arg === '--trace') options.trace = true;
    else if (arg === '--profile-burst') options.burstOnly = true;
    else {
      const [label, dir] = arg.split('=');
      if (!label || !dir) throw new Error(`expected LABEL=EXTENSION_DIR, got ${arg}`);
      options.builds.push({ label, dir: resolve(dir) });
    }
  }
  if (options.builds.length === 0) throw new Error('no build given');
  return options;
}

async function startProfile(session: CdpSession): Promise<void> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
}

/** Records the popup's renderer (main thread events, style, layout, paint) until the returned stop is called. */
async function tracePopup(page: Page, file: string): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,v8.execute',
    transferMode: 'ReturnAsStream',
  });
  return async () => {
    const complete = new Promise<{ stream?: string }>((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream ?? '' });
      text += chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream ?? '' });
    writeFileSync(file, text);
    await cdp.detach();
  };
}

async function oneRound(
  dir: string,
  steadyCount: number,
  profile: string | null,
  trace: boolean,
  burstOnly: boolean,
): Promise<Record<string, number>> {
  const server = await startDevServer({ port: 0, rateLimits: false, autoAssign: true });
  const browser = await launchBrowser(dir);
  try {
    const room = await prepareRoom(browser, server, 500);
    const { pages } = await relayPages(browser, server, room);
    const stops: Array<() => Promise<void>> = [];
    const startProfiles = async (): Promise<void> => {
      if (!profile) return;
      const profiled: Array<[string, CdpSession]> = [['worker', await browser.workerSession()]];
      if (trace) stops.push(await tracePopup(pages.popup.page, `${profile}-popup.trace.json`));
      else {
        const cdp = await pages.popup.page.context().newCDPSession(pages.popup.page);
        profiled.push([
          'popup',
          { send: (method, params) => cdp.send(method as 'Profiler.start', params), detach: () => cdp.detach() },
        ]);
      }
      for (const [name, session] of profiled) {
        await startProfile(session);
        stops.push(async () => {
          const { profile: data } = await session.send('Profiler.stop');
          writeFileSync(`${profile}-${name}.cpuprofile`, JSON.stringify(data));
          await session.detach();
        });
      }
    };
    const stopProfiles = async (): Promise<void> => {
      for (const stop of stops.splice(0)) await stop();
    };
    if (!burstOnly) await startProfiles();
    const steady = await relayPhase(server, room.rid, pages, { from: 0, count: steadyCount, intervalMs: 100 });
    await stopProfiles();
    if (burstOnly) await startProfiles();
    await recordLongTasks(pages.popup.page);
    const burst = await relayPhase(server, room.rid, pages, { from: 100_000, count: 500, intervalMs: 0 });
    await stopProfiles();
    const burstLongTasks = await takeLongTasks(pages.popup.page);
    return relayFigures({ idle: steady, steady, burst, burstLongTasks });
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const { rounds, steady, profile, trace, burstOnly, builds } = parseArgs(process.argv.slice(2));
  if (profile) mkdirSync(profile, { recursive: true });
  const results = new Map<string, Array<Record<string, number>>>(builds.map((b) => [b.label, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? builds : builds.toReversed();
    for (const { label, dir } of order) {
      const load = loadavg()[0] ?? Number.NaN;
      const figures = await oneRound(
        dir,
        steady,
        profile ? join(profile, `${label}-${round}`) : null,
        trace,
        burstOnly,
      );
      results.get(label)?.push({ ...figures, load });
      const shown = FIGURES.map((key) => `${key.replace('relay.', '')}=${figures[key]}`).join(' ');
      console.log(`round ${round} ${label} load=${load.toFixed(2)} ${shown}`);
    }
  }
  for (const [label, all] of results) {
    const shown = [...FIGURES, 'load'].map((key) => {
      const values = all.map((figures) => figures[key] ?? Number.NaN);
      return `${key.replace('relay.', '')}=${Math.round(median(values) * 100) / 100}`;
    });
    console.log(`median ${label} (${all.length} rounds) ${shown.join(' ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
