/**
 * The worker → page hop alone, the two ways a chat page can be reached in Chromium: the `runtime` port and a
 * `MessageChannel` handed to the service worker (lib/ui/channel-port.ts). The page sends a ping on a runtime port;
 * the worker (an echo added over DevTools) answers on the port or on the channel, alternating, with a payload the
 * size of one agent message's delta. The two round trips differ only in the answer's way back, so their
 * difference is what the channel saves a worker's post. Prints the load average and, per way, the median and the
 * mean of the middle 90 % (extension pages read a clock that ticks in 0.1 ms).
 *
 *   npx tsx bench/relay-hop.ts [--pings N] EXTENSION_DIR
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { launchBrowser } from './browser';
import { run } from './in-page';
import { median } from './stats';

/**
 * In the worker: answers pings on a chat port (the worker serves it too; the pings are not requests, it drops
 * them), on the port or on a channel it hands to its pages (a worker's \`message\` listener added after its start
 * hears nothing, so the channel goes the other way; its ends cost the same either way).
 */
const ECHO = `(() => {
  const { port1: channel, port2 } = new MessageChannel();
  void clients.matchAll().then((all) => all.forEach((client) => client.postMessage({ benchHop: true }, [port2])));
  chrome.runtime.onConnect.addListener((port) => {
    if (port.name !== 'livechat-ui') return;
    port.onMessage.addListener((ping) => {
      if (typeof ping.n !== 'number') return;
      const answer = { n: ping.n, payload: ping.payload };
      if (ping.via === 'channel') channel.postMessage(answer);
      else port.postMessage(answer);
    });
  });
})()`;

/** In the page: `count` pings each way, alternating, `gapMs` apart; the round trips per way. */
async function pings({
  count,
  gapMs,
}: {
  count: number;
  gapMs: number;
}): Promise<Record<'port' | 'channel', number[]>> {
  const port1 = await new Promise<MessagePort>((done) =>
    navigator.serviceWorker.addEventListener('message', (event) => {
      if ((event.data as { benchHop?: boolean } | null)?.benchHop && event.ports[0]) done(event.ports[0]);
    }),
  );
  const runtime = (
    globalThis as unknown as {
      chrome: {
        runtime: {
          connect(info: { name: string }): {
            postMessage(m: unknown): void;
            onMessage: { addListener(l: (m: { n: number }) => void): void };
          };
        };
      };
    }
  ).chrome.runtime;
  const port = runtime.connect({ name: 'livechat-ui' });
  let waiting: ((n: number) => void) | null = null;
  port.onMessage.addListener((m) => waiting?.(m.n));
  port1.onmessage = (event: MessageEvent<{ n: number }>) => waiting?.(event.data.n);
  const payload = {
    v: 3,
    kind: 'event',
    seq: 1,
    type: 'message/upsert',
    payload: { id: 'x'.repeat(17), text: 'bench-1-x Thanks for waiting, I am looking into this right now.' },
    pad: 'p'.repeat(560),
  };
  const times: Record<'port' | 'channel', number[]> = { port: [], channel: [] };
  await new Promise((done) => setTimeout(done, 200));
  for (let n = 0; n < count * 2; n++) {
    const via = n % 2 === 0 ? 'port' : 'channel';
    const start = performance.now();
    await new Promise<void>((done) => {
      waiting = (got) => got === n && done();
      port.postMessage({ n, via, payload });
    });
    times[via].push(performance.now() - start);
    await new Promise((done) => setTimeout(done, gapMs));
  }
  return times;
}

function trimmedMean(samples: number[]): number {
  const sorted = samples.toSorted((a, b) => a - b);
  const kept = sorted.slice(Math.floor(sorted.length * 0.05), Math.ceil(sorted.length * 0.95));
  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let count = 300;
  let dir = '';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--pings') count = Number(args[++i]);
    else dir = resolve(args[i] ?? '');
  }
  const browser = await launchBrowser(dir);
  try {
    const page = await browser.newPage();
    await page.goto(browser.url('options.html'));
    const session = await browser.workerSession();
    const load = loadavg()[0] ?? Number.NaN;
    const measured = run(page, pings, { count, gapMs: 20 });
    await new Promise((done) => setTimeout(done, 500));
    await session.send('Runtime.evaluate', { expression: ECHO });
    const times = await measured;
    const shown = (way: 'port' | 'channel') =>
      `${way} median=${median(times[way]).toFixed(3)} mean90=${trimmedMean(times[way]).toFixed(3)}`;
    console.log(`load=${load.toFixed(2)} pings=${count} ${shown('port')} ${shown('channel')}`);
    await session.detach();
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
