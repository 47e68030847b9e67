/**
 * Where a warm open's time goes, per build: in-page timestamps (ms from the start of navigation) of the port's
 * `connect`, the arrival of the worker's snapshot and of its rest (with how many messages and how many KB of JSON
 * each carried) and the end of the task that handled each, and when the composer and the newest message were in the DOM (`ready`) and that
 * frame started (`frame`). Medians over the opens; run alternated builds on a shared machine.
 *
 *   npx tsx bench/open-stamps.ts <extension dir> [<extension dir> …]      (OPENS=9 opens per build by default)
 */
import { loadavg } from 'node:os';
import { startDevServer } from '../devserver/index';
import { launchBrowser } from './browser';
import { addInit } from './in-page';
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
    for (let i = 0; i <= opens; i++) {
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
      await page.close();
      if (i === 0) continue;
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
    const summary = Object.entries(rows).map(([key, values]) => `${key} ${round(median(values), 1)}`);
    console.log([dir, `load ${start}-${(loadavg()[0] ?? 0).toFixed(1)}`, ...summary].join('\t'));
  } finally {
    await browser.close();
    await server.close();
  }
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('usage: npx tsx bench/open-stamps.ts <extension dir> [<extension dir> …]');
for (const dir of dirs) await measure(dir, Number(process.env.OPENS ?? 9));
