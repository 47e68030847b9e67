/**
 * Where an open's time goes, per build: in-page timestamps (ms from the start of navigation) of the port's
 * `connect`, the arrival of the worker's snapshot and of its rest (with how many messages and how many KB of JSON
 * each carried) and the end of the task that handled each, and when the composer and the newest message were in the DOM (`ready`) and that
 * frame started (`frame`). Medians over the opens; run alternated builds on a shared machine.
 *
 * With `COLD=1` the worker is stopped before each open, as `measureOpens` does for its cold opens. Every
 * `performance.mark` the page and the worker made is listed too, on the page's clock (the worker's through the
 * epoch: `performance.timeOrigin` of both is read from the same machine clock), with the page's navigation timing
 * and when each of its scripts had loaded: builds made with marks (`performance.mark('lqs:…')` in the chat's
 * start, `'w:…'` in the worker's, not shipped) show where the time between the stamps went.
 *
 *   npx tsx bench/open-stamps.ts <extension dir> [<extension dir> …]      (OPENS=9 opens per build by default)
 */
import { loadavg } from 'node:os';
import { startDevServer } from '../devserver/index';
import { launchBrowser, type BenchBrowser } from './browser';
import { addInit, run } from './in-page';
import { openProbe, type OpenReading } from './probes';
import { prepareRoom } from './setup';
import { median, round } from './stats';

interface Stamp {
  type: string;
  at: number;
  done: number;
  messages: number;
  /** The message's length as JSON (as Chrome carries it), taken well after the open so as not to delay it. */
  chars: number;
}

/** Wraps `runtime.connect` so that every worker message is stamped on arrival and at the end of its task. */
function portProbe(): void {
  const runtime = (globalThis as unknown as { chrome: { runtime: { connect: (...a: unknown[]) => PortLike } } }).chrome
    .runtime;
  interface PortLike {
    onMessage: { addListener(fn: (m: unknown) => void): void };
  }
  const stamps: { connect: number; messages: Stamp[] } = { connect: -1, messages: [] };
  (window as unknown as { __benchStamps: typeof stamps }).__benchStamps = stamps;
  const connect = runtime.connect.bind(runtime);
  runtime.connect = (...args: unknown[]) => {
    stamps.connect = performance.now();
    const port = connect(...args);
    const add = port.onMessage.addListener.bind(port.onMessage);
    port.onMessage.addListener = (fn) =>
      add((message: unknown) => {
        const m = message as { type?: string; kind: string; payload?: { messages?: unknown[] } };
        const stamp = {
          type: m.type ?? m.kind,
          at: performance.now(),
          done: 0,
          messages: m.payload?.messages?.length ?? 0,
          chars: 0,
        };
        stamps.messages.push(stamp);
        setTimeout(() => (stamp.done = performance.now()));
        setTimeout(() => (stamp.chars = JSON.stringify(message).length), 200);
        fn(message);
      });
    return port;
  };
}

/** The page's marks, navigation timing and script loads, in ms from the start of its navigation. */
function pageTimings(): { origin: number; marks: [string, number][] } {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const marks: [string, number][] = performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]);
  if (nav) marks.push(['nav:responseEnd', nav.responseEnd], ['nav:domInteractive', nav.domInteractive]);
  for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    if (r.name.endsWith('.js')) marks.push([`js:${r.name.split('/').pop()}`, r.responseEnd]);
  }
  return { origin: performance.timeOrigin, marks };
}

/** The running worker's marks and its start (`w:origin`), on the epoch clock; none if the build made none. */
async function workerMarks(browser: BenchBrowser): Promise<[string, number][]> {
  const session = await browser.workerSession();
  try {
    const { result } = (await session.send('Runtime.evaluate', {
      expression: `JSON.stringify([['w:origin', 0], ...performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])].map(([n, t]) => [n, performance.timeOrigin + t]))`,
      returnByValue: true,
    })) as { result: { value: string } };
    return JSON.parse(result.value) as [string, number][];
  } finally {
    await session.detach();
  }
}

async function measure(dir: string, opens: number): Promise<void> {
  const server = await startDevServer({ port: 0, rateLimits: false, autoAssign: true });
  const browser = await launchBrowser(dir);
  try {
    const room = await prepareRoom(browser, server, 500);
    const start = (loadavg()[0] ?? 0).toFixed(1);
    const rows: Record<string, number[]> = {};
    const add = (key: string, value: number | undefined): void => {
      if (value !== undefined && value >= 0) (rows[key] ??= []).push(value);
    };
    const control = cold ? await browser.newPage() : undefined;
    for (let i = 0; i <= opens; i++) {
      if (control) await browser.stopWorker(control);
      const page = await browser.newPage();
      await addInit(page, openProbe, { marker: room.newestText });
      await addInit(page, portProbe, undefined);
      await page.goto(browser.url('popup.html'));
      const reading = (await Promise.race([
        page.evaluate('window.__benchOpen'),
        page.waitForTimeout(20_000).then(() => {
          throw new Error('the popup was not interactive within 20 s');
        }),
      ])) as OpenReading;
      await page.waitForTimeout(500);
      const stamps = (await page.evaluate('window.__benchStamps')) as { connect: number; messages: Stamp[] };
      const timings = await run(page, pageTimings, undefined);
      const worker = await workerMarks(browser);
      await page.close();
      if (i === 0) continue;
      for (const [name, at] of timings.marks) add(name, at);
      for (const [name, at] of worker) add(name, at - timings.origin);
      const snapshot = stamps.messages.find((s) => s.type === 'snapshot');
      const rest = stamps.messages.find((s) => s.type === 'snapshot/rest');
      add('connect', stamps.connect);
      add('snapshot arrives', snapshot?.at);
      add('snapshot task ends', snapshot?.done);
      add('snapshot messages', snapshot?.messages);
      add('snapshot KB', snapshot && snapshot.chars / 1000);
      add('ready', reading.ready);
      add('frame', reading.frame);
      add('rest arrives', rest?.at);
      add('rest task ends', rest?.done);
      add('rest messages', rest?.messages);
      add('rest KB', rest && rest.chars / 1000);
    }
    // In the order they happened (by median), one a line.
    const summary = Object.entries(rows)
      .map(([key, values]) => [key, median(values)] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([key, value]) => `  ${key} ${round(value, 1)}`);
    console.log(
      [`${dir}${cold ? ' (cold)' : ''}`, `  load ${start}-${(loadavg()[0] ?? 0).toFixed(1)}`, ...summary].join('\n'),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

const cold = process.env.COLD === '1';
const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('usage: npx tsx bench/open-stamps.ts <extension dir> [<extension dir> …]');
for (const dir of dirs) await measure(dir, Number(process.env.OPENS ?? 9));
