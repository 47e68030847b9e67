/**
 * A Chrome trace (every process: browser, the extension's renderer with the page and the worker) of opens of the
 * popup, warm or (`COLD=1`) right after the worker was stopped as `measureOpens` does. Writes one JSON file per
 * open that chrome://tracing or Perfetto loads (the page's navigation starts at its `navigationStart` event; builds
 * with `performance.mark`s show them as `blink.user_timing` events), and prints when each open was interactive.
 *
 *   TMPDIR=/tmp/mine npx tsx bench/open-trace.ts <extension dir> <output dir>   (OPENS=3; the first is not traced)
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startDevServer } from '../devserver/index';
import { launchBrowser } from './browser';
import { devToolsEndpoint } from './cdp';
import { addInit } from './in-page';
import { openProbe, type OpenReading } from './probes';
import { prepareRoom } from './setup';

const CATEGORIES = [
  'toplevel',
  'blink',
  'blink.user_timing',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'loading',
  'navigation',
  'extensions',
  'ServiceWorker',
  'ipc',
  'mojom',
  'browser',
  'content',
  'renderer_host',
  'disabled-by-default-v8.compile',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

/** Tracing over its own browser-level connection, since it needs the protocol's events. */
async function tracer(endpoint: string) {
  const socket = new WebSocket(endpoint, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  let events: TraceEvent[] = [];
  let complete: (() => void) | undefined;
  socket.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as { method?: string; params?: { value?: TraceEvent[] } };
    if (m.method === 'Tracing.dataCollected') events.push(...(m.params?.value ?? []));
    if (m.method === 'Tracing.tracingComplete') complete?.();
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    socket.send(JSON.stringify({ id: ++id, method, params }));
  return {
    start() {
      events = [];
      send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
    },
    async stop(): Promise<TraceEvent[]> {
      const done = new Promise<void>((resolve) => (complete = resolve));
      send('Tracing.end');
      await done;
      return events;
    },
    close: () => socket.close(),
  };
}

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: npx tsx bench/open-trace.ts <extension dir> <output dir>');
mkdirSync(out, { recursive: true });
const cold = process.env.COLD === '1';
const server = await startDevServer({ port: 0, rateLimits: false, autoAssign: true });
const browser = await launchBrowser(dir);
try {
  const room = await prepareRoom(browser, server, 500);
  // launchBrowser's profile is the newest lqs-bench- directory in the temporary directory (on a shared machine,
  // set TMPDIR to a directory of your own).
  const profile = readdirSync(tmpdir())
    .filter((name) => name.startsWith('lqs-bench-'))
    .map((name) => join(tmpdir(), name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .at(-1)!;
  const trace = await tracer(await devToolsEndpoint(profile));
  const control = await browser.newPage();
  const opens = Number(process.env.OPENS ?? 3);
  for (let i = 0; i <= opens; i++) {
    if (cold) await browser.stopWorker(control);
    const page = await browser.newPage();
    await addInit(page, openProbe, { marker: room.newestText });
    if (i > 0) {
      trace.start();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await page.goto(browser.url('popup.html'));
    const reading = (await page.evaluate('window.__benchOpen')) as OpenReading;
    await page.waitForTimeout(300);
    await page.close();
    if (i === 0) continue;
    const events = await trace.stop();
    const file = join(out, `${cold ? 'cold' : 'warm'}-${i}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    console.log(
      `${file}: ready ${reading.ready.toFixed(1)} frame ${reading.frame.toFixed(1)}, ${events.length} events`,
    );
  }
  trace.close();
} finally {
  await browser.close();
  await server.close();
}
