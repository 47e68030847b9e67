/**
 * The popup's own leg of the relay, for comparing builds: each agent message's port message is stamped as it
 * arrives in the popup (an init script around `runtime.connect`) and taken with the probe's time of the same
 * message in the DOM, so the worker, the browser process and the baseline pages, whose noise swamps a fraction of
 * a millisecond on a shared machine, drop out. Builds alternate round by round as in `relay-ab.ts` (500 cached
 * messages, the same pages), and each round prints, with the load average: port message → DOM (median and mean of
 * the middle 90 %; extension pages read a clock that ticks in 0.1 ms), server write → port message, and the
 * popup's and baseline's p50.
 *
 *   npx tsx bench/relay-legs.ts [--rounds N] [--steady N] LABEL=DIR ...
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { startDevServer } from '../devserver/index';
import { launchBrowser, nodeNow } from './browser';
import { relayPages } from './browser-figures';
import { addInit, run } from './in-page';
import { relayPhase } from './relay';
import { prepareRoom } from './setup';
import { median } from './stats';

interface Port {
  onMessage: { addListener(listener: (message: unknown) => void): void };
}

/**
 * In the popup: records when each marked agent message's port message arrived (`__benchPort`, page clock), on the
 * `runtime` port or, once the worker switched to it, on the page's channel (`MessageChannel`'s first end).
 */
function portProbe(): void {
  const runtime = (globalThis as unknown as { chrome: { runtime: { connect: (...args: unknown[]) => Port } } }).chrome
    .runtime;
  const arrived: Record<number, number> = {};
  (window as unknown as { __benchPort: Record<number, number> }).__benchPort = arrived;
  const note = (message: unknown): void => {
    const at = performance.timeOrigin + performance.now();
    const { events } = (message ?? {}) as { events?: unknown[] };
    for (const event of events ?? [message]) {
      const text = (event as { payload?: { text?: unknown } } | null)?.payload?.text;
      const n = typeof text === 'string' ? /bench-(\d+)-x/.exec(text)?.[1] : undefined;
      if (n !== undefined && !(Number(n) in arrived)) arrived[Number(n)] = at;
    }
  };
  const connect = runtime.connect.bind(runtime);
  runtime.connect = (...args: unknown[]) => {
    const port = connect(...args);
    const add = port.onMessage.addListener.bind(port.onMessage);
    port.onMessage.addListener = (listener) =>
      add((message) => {
        note(message);
        listener(message);
      });
    return port;
  };
  // Listens before the page's own handler, which is set after the channel is made.
  const Native = globalThis.MessageChannel;
  globalThis.MessageChannel = class extends Native {
    constructor() {
      super();
      this.port1.addEventListener('message', (event) => note(event.data));
    }
  };
}

/** The mean of the middle 90 % of `samples`. */
function trimmedMean(samples: number[]): number {
  const sorted = samples.toSorted((a, b) => a - b);
  const kept = sorted.slice(Math.floor(sorted.length * 0.05), Math.ceil(sorted.length * 0.95));
  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

async function oneRound(dir: string, count: number): Promise<Record<string, number>> {
  const server = await startDevServer({ port: 0, rateLimits: false, autoAssign: true });
  const browser = await launchBrowser(dir);
  try {
    const room = await prepareRoom(browser, server, 500);
    const { pages } = await relayPages(browser, server, room, (page) => addInit(page, portProbe, null));
    const sent = new Map<number, number>();
    const say = server.control.say.bind(server.control);
    server.control.say = (rid, message) => {
      const n = /bench-(\d+)-x/.exec(message.text ?? '')?.[1];
      if (n !== undefined) sent.set(Number(n), nodeNow());
      return say(rid, message);
    };
    const phase = await relayPhase(server, room.rid, pages, { from: 0, count, intervalMs: 100 });
    const popup = pages.popup;
    const arrived = await run(
      popup.page,
      () => (window as unknown as { __benchPort: Record<number, number> }).__benchPort,
      null,
    );
    const seen = await run(
      popup.page,
      () => (window as unknown as { __benchSeen: Record<number, number> }).__benchSeen,
      null,
    );
    const toDom: number[] = [];
    const toPort: number[] = [];
    for (const [n, at] of sent) {
      const port = arrived[n];
      const dom = seen[n];
      if (port === undefined || dom === undefined) continue;
      toDom.push(dom - port);
      toPort.push(port - popup.offset - at);
    }
    return {
      portToDomP50: median(toDom),
      portToDomMean: trimmedMean(toDom),
      sendToPortP50: median(toPort),
      popupP50: median(phase.popup.latencies),
      baselineP50: median(phase.baseline.latencies),
      messages: toDom.length,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Figures as `key=value`, to three decimals. */
const shown = (figures: Record<string, number>): string =>
  Object.entries(figures)
    .map(([key, value]) => `${key}=${Math.round(value * 1000) / 1000}`)
    .join(' ');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let rounds = 4;
  let steady = 300;
  const builds: Array<{ label: string; dir: string }> = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--rounds') rounds = Number(args[++i]);
    else if (arg === '--steady') steady = Number(args[++i]);
    else {
      const [label, dir] = arg.split('=');
      if (!label || !dir) throw new Error(`expected LABEL=EXTENSION_DIR, got ${arg}`);
      builds.push({ label, dir: resolve(dir) });
    }
  }
  if (builds.length === 0) throw new Error('no build given');
  const results = new Map<string, Array<Record<string, number>>>(builds.map((b) => [b.label, []]));
  for (let round = 0; round < rounds; round++) {
    for (const { label, dir } of round % 2 === 0 ? builds : builds.toReversed()) {
      const load = loadavg()[0] ?? Number.NaN;
      const figures = await oneRound(dir, steady);
      results.get(label)?.push(figures);
      console.log(`round ${round} ${label} load=${load.toFixed(2)} ${shown(figures)}`);
    }
  }
  for (const [label, all] of results) {
    const keys = Object.keys(all[0] ?? {});
    const medians = Object.fromEntries(
      keys.map((key) => [key, median(all.map((figures) => figures[key] ?? Number.NaN))]),
    );
    console.log(`median ${label} (${all.length} rounds) ${shown(medians)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
