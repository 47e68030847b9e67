/**
 * A flood (issue 14): 5 000 agent messages of 2 KB each written at once into the open room (built beforehand, so the
 * devserver's markdown parser, seconds for 5 000 in this process, is not what is timed). Measured: how long
 * until the last of them shows in the popup, against loading a static page that renders the same 5 000 (the least
 * a browser needs to show them), and the worker's and the popup's heaps afterwards, against their quiet heaps in
 * the same run (after the 1 000 relayed messages). The static page's JS heap is reported for reference only: it
 * runs no script, so it is no baseline for a page that does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DevServer } from '../devserver/index';
import { nodeNow, type BenchBrowser } from './browser';
import { run } from './in-page';
import { openOnce } from './open';
import { baselineSocket, relayText, staticBaselineHtml } from './probes';
import { waitSeen, watch, type WatchedPage } from './seen';
import { round } from './stats';

export const FLOOD = { from: 1_000_000, count: 5_000, bytes: 2_048 };
/** Longest the popup may show nothing new before the flood counts as stalled. */
const STALL_MS = 30_000;

/** Flood message `n`: the relay marker, padded with ordinary words to `FLOOD.bytes`. */
export function floodText(n: number): string {
  const head = `${relayText(n)} `;
  const filler = 'Here is more detail about your request, step by step. ';
  return (head + filler.repeat(Math.ceil(FLOOD.bytes / filler.length))).slice(0, FLOOD.bytes);
}

/** Ratio of two figures, or NaN when either is missing. */
const ratio = (a: number, b: number): number => (a > 0 && b > 0 ? round(a / b, 2) : Number.NaN);

/**
 * Floods the room while `popup` (watched by the relay probe) is open; a tab with a raw DDP socket to the same room
 * shows what the server's own pace allows. `quiet` are the heaps measured after the ordinary relay.
 */
export async function floodFigures(
  browser: BenchBrowser,
  server: DevServer,
  room: { rid: string; token: string },
  popup: WatchedPage,
  quiet: { workerMb: number; popupMb: number },
): Promise<Record<string, number>> {
  const { rid } = room;
  const numbers = Array.from({ length: FLOOD.count }, (_, i) => FLOOD.from + i);
  const last = numbers.at(-1) ?? FLOOD.from;
  const dir = mkdtempSync(join(tmpdir(), 'lqs-bench-flood-'));
  try {
    const staticPath = join(dir, 'flood.html');
    writeFileSync(staticPath, staticBaselineHtml(numbers.map(floodText)));
    const url = pathToFileURL(staticPath).href;
    // One load first, not counted (cold caches), then the measured one.
    await openOnce(browser, url, relayText(last));
    const staticOpen = await openOnce(browser, url, relayText(last));
    const staticPage = await browser.newPage();
    await staticPage.goto(url);
    const staticHeapMb = await browser.pageHeapMb(staticPage);
    await staticPage.close();

    const socketPage = await browser.newPage();
    await run(socketPage, baselineSocket, { url: server.ddpUrl, rid, token: room.token });
    const socket = await watch(socketPage);
    await popup.page.bringToFront();

    const built = nodeNow();
    const sends = server.control.prepareSay(rid, numbers.map(floodText));
    const buildMs = nodeNow() - built;
    const start = nodeNow();
    for (const send of sends) send();
    const writtenMs = nodeNow() - start;
    const [popupSeen, socketSeen] = await Promise.all([
      waitSeen(popup, [last], STALL_MS),
      waitSeen(socket, [last], STALL_MS),
    ]);
    await socketPage.close();
    const after = (seen: Map<number, number>): number => (seen.get(last) ?? Number.NaN) - start;
    const lastShownMs = after(popupSeen);
    const socketMs = after(socketSeen);
    const workerMb = await browser.workerHeapMb();
    const popupMb = await browser.pageHeapMb(popup.page);
    return {
      'flood.last_shown_ms': round(lastShownMs),
      'flood.baseline_static_page_ms': round(staticOpen.interactive),
      'flood.last_shown_ratio_vs_static_page': ratio(lastShownMs, staticOpen.interactive),
      'flood.baseline_socket_last_shown_ms': round(socketMs),
      'flood.last_shown_ratio_vs_socket': ratio(lastShownMs, socketMs),
      'flood.server_build_ms': round(buildMs),
      'flood.server_write_ms': round(writtenMs),
      'flood.baseline_socket_ratio_vs_static_page': ratio(socketMs, staticOpen.interactive),
      'flood.worker_heap_mb': round(workerMb, 2),
      'flood.worker_heap_ratio_vs_quiet': ratio(workerMb, quiet.workerMb),
      'flood.popup_heap_mb': round(popupMb, 2),
      'flood.popup_heap_ratio_vs_quiet': ratio(popupMb, quiet.popupMb),
      'flood.baseline_static_page_heap_mb': round(staticHeapMb, 2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
