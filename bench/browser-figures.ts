/**
 * Everything measured in Chromium, in one browser against one devserver, in this order: opening the popup,
 * relaying agent messages (steady, then a burst), heaps after those 1 000 messages, recovery, a flood, and an
 * extension page relaying alone.
 */
import type { Page } from 'playwright-core';
import { startDevServer, type DevServer } from '../devserver/index';
import { launchBrowser, type BenchBrowser } from './browser';
import { FLOOD, floodFigures } from './flood';
import { run } from './in-page';
import { recordLongTasks, takeLongTasks } from './long-tasks';
import { measureOpens } from './open';
import { baselineSocket } from './probes';
import { OUTAGES_MS, serverRestarts, workerStops } from './recovery';
import { relayFigures, relayPhase, warmUp, type RelayPages } from './relay';
import { watch, type WatchedPage } from './seen';
import { prepareRoom, type BenchRoom } from './setup';
import { median, percentile, round } from './stats';

/** Messages in the cache when the popup opens (the worker persists the newest 500). */
const CACHED = 500;
/**
 * First 50 messages 400 ms apart (each one alone in the pipeline: its own cost, no queue), then the measured
 * 1 000: 500 at a steady 10 per second, then 500 written at once.
 */
const IDLE = { from: 300_000, count: 50, intervalMs: 400 };
const STEADY = { from: 0, count: 500, intervalMs: 100 };
const BURST = { from: 100_000, count: 500, intervalMs: 0 };
/** The extension page's own pass (`extensionPageFigures`): 200 at 10 per second, then 500 at once. */
const EXTENSION_STEADY = { from: 400_000, count: 200, intervalMs: 100 };
const EXTENSION_BURST = { from: 500_000, count: 500, intervalMs: 0 };

const step = (text: string): void => console.log(`[bench] ${text}`);

/**
 * Opens the popup (front tab) and a baseline tab with a raw socket, both recording arriving messages. `popupInit`
 * runs on the popup's page before it loads (a probe's init script).
 */
export async function relayPages(
  browser: BenchBrowser,
  server: DevServer,
  room: BenchRoom,
  popupInit?: (page: Page) => Promise<void>,
): Promise<{ pages: Record<RelayPages, WatchedPage>; clockErrorMs: number }> {
  const popup = await browser.newPage();
  await popupInit?.(popup);
  await popup.goto(browser.url('popup.html'));
  await popup.waitForFunction(
    (marker) => document.querySelector('[role=log]')?.textContent?.includes(marker),
    room.newestText,
    { timeout: 20_000 },
  );
  // A tab of its own (own renderer process). Not an extension page: all of them share the popup's main thread,
  // whose every socket message and paragraph would then delay the popup's own (see `extensionPageFigures`).
  const baseline = await browser.newPage();
  await run(baseline, baselineSocket, { url: server.ddpUrl, rid: room.rid, token: room.token });
  let clockErrorMs = 0;
  const watched = async (page: Page): Promise<WatchedPage> => {
    const { errorMs, ...watchedPage } = await watch(page);
    clockErrorMs = Math.max(clockErrorMs, errorMs);
    return watchedPage;
  };
  const pages = { popup: await watched(popup), baseline: await watched(baseline) };
  await popup.bringToFront();
  await warmUp(server, room.rid, pages);
  return { pages, clockErrorMs };
}

const p50 = (samples: number[]): number => (samples.length ? round(percentile(samples, 50), 2) : Number.NaN);
const medianOf = (samples: number[]): number => (samples.length ? round(median(samples)) : Number.NaN);
const maxOf = (samples: number[]): number => (samples.length ? round(Math.max(...samples)) : Number.NaN);

/**
 * An extension page (`options.html`) holding the same raw socket, alone: the popup closed, the worker still
 * connected. Chromium runs every page of an extension in one renderer process on one main thread, so measured beside
 * the popup it would wait behind the popup's tasks and delay them in turn: it gets a pass of its own, after
 * everything else, with the tab baseline beside it as in the relay phases.
 */
async function extensionPageFigures(
  browser: BenchBrowser,
  server: DevServer,
  room: BenchRoom,
  popup: Page,
): Promise<Record<string, number>> {
  await popup.close();
  const socket = { url: server.ddpUrl, rid: room.rid, token: room.token };
  const pages: Record<string, WatchedPage> = {};
  for (const [name, url] of [
    ['extensionPage', browser.url('options.html')],
    ['baseline', null],
  ] as const) {
    const page = await browser.newPage();
    if (url) await page.goto(url);
    await run(page, baselineSocket, socket);
    pages[name] = await watch(page);
  }
  await warmUp(server, room.rid, pages);
  const steady = await relayPhase(server, room.rid, pages, EXTENSION_STEADY);
  const burst = await relayPhase(server, room.rid, pages, EXTENSION_BURST);
  for (const { page } of Object.values(pages)) await page.close();
  return {
    'relay.extension_page_p50_ms': p50(steady.extensionPage?.latencies ?? []),
    'relay.extension_page_tab_baseline_p50_ms': p50(steady.baseline?.latencies ?? []),
    'relay.extension_page_burst_p50_ms': p50(burst.extensionPage?.latencies ?? []),
    'relay.extension_page_burst_tab_baseline_p50_ms': p50(burst.baseline?.latencies ?? []),
    'relay.extension_page_lost': (steady.extensionPage?.lost ?? 0) + (burst.extensionPage?.lost ?? 0),
  };
}

/** Launches the browser on `extensionDir`, measures, and closes everything. */
export async function browserFigures(
  extensionDir: string,
): Promise<{ figures: Record<string, number>; chromium: string }> {
  const server = await startDevServer({ port: 0, rateLimits: false, autoAssign: true });
  const browser = await launchBrowser(extensionDir).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    step(`setting up a room with ${CACHED} cached messages`);
    const room = await prepareRoom(browser, server, CACHED);
    const control = await browser.newPage();

    step('opening the popup and the static baseline page');
    const opens = await measureOpens(browser, room, control);

    step(
      `relaying ${IDLE.count} agent messages one at a time, ${STEADY.count} at a steady rate, ${BURST.count} at once`,
    );
    const { pages, clockErrorMs } = await relayPages(browser, server, room);
    const idle = await relayPhase(server, room.rid, pages, IDLE);
    const steady = await relayPhase(server, room.rid, pages, STEADY);
    await recordLongTasks(pages.popup.page);
    const burst = await relayPhase(server, room.rid, pages, BURST);
    const burstLongTasks = await takeLongTasks(pages.popup.page);
    const memory = {
      'memory.worker_heap_mb': round(await browser.workerHeapMb(), 2),
      'memory.popup_heap_mb': round(await browser.pageHeapMb(pages.popup.page), 2),
    };
    await pages.baseline.page.close();

    step('recovering from server outages and worker stops');
    const restarts = await serverRestarts(server, room.rid, pages.popup);
    const stops = await workerStops(browser, server, room.rid, pages.popup, control);

    step(`flooding the open popup with ${FLOOD.count} agent messages of ${FLOOD.bytes} bytes`);
    const flood = await floodFigures(browser, server, room, pages.popup, {
      workerMb: memory['memory.worker_heap_mb'],
      popupMb: memory['memory.popup_heap_mb'],
    });
    step('relaying to an extension page with its own socket, the popup closed');
    const extensionPage = await extensionPageFigures(browser, server, room, pages.popup.page);
    const list = (samples: number[]): string => samples.map((ms) => Math.round(ms)).join(', ');
    step(
      `  caught up after outages of ${OUTAGES_MS.map((ms) => ms / 1000).join(', ')} s: ${list(restarts.samples)} ms`,
    );
    step(`  caught up after worker stops: ${list(stops.samples)} ms`);

    return {
      chromium: await browser.version(),
      figures: {
        ...opens,
        ...relayFigures({ idle, steady, burst, burstLongTasks }),
        'relay.clock_error_ms': round(clockErrorMs, 3),
        ...memory,
        'recovery.server_restart_to_caught_up_ms': medianOf(restarts.samples),
        'recovery.server_restart_max_ms': maxOf(restarts.samples),
        'recovery.worker_stop_to_caught_up_ms': medianOf(stops.samples),
        'recovery.worker_stop_max_ms': maxOf(stops.samples),
        'recovery.lost': restarts.lost + stops.lost,
        ...flood,
        ...extensionPage,
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
