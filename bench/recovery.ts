/**
 * How long the visitor waits for what they missed: after the server comes back from an outage, and after the
 * browser stopped the worker while the popup was open. Agent messages are written while the link is down; a run
 * ends when the last of them is in the popup's DOM.
 */
import type { Page } from 'playwright-core';
import type { DevServer } from '../devserver/index';
import { nodeNow, type BenchBrowser } from './browser';
import { relayText } from './probes';
import { sleepUntil, waitSeen, type WatchedPage } from './seen';

/**
 * Outage lengths, one restart each. The client's jittered reconnect backoff makes the wait depend on how long the
 * outage was and on chance, so each length is taken twice.
 */
export const OUTAGES_MS = [1000, 2000, 3000, 4000, 5000, 1000, 2000, 3000, 4000, 5000];
const WORKER_STOPS = 5;
/** Agent messages written while the link is down, per run. */
const MISSED = 5;
const RECOVERY_FROM = 200_000;
/** Longest wait for the first missed message (the reconnect backoff may wait several seconds) and between two. */
const STALL_MS = 20_000;
/** Quiet time between runs, so one run's reconnect does not overlap the next run's outage. */
const SETTLE_MS = 1000;

export interface RecoveryRuns {
  /** One sample per run that caught up, in ms. */
  samples: number[];
  /** Messages that never reached the popup. */
  lost: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function caughtUp(popup: WatchedPage, ns: number[]): Promise<{ at: number | null; lost: number }> {
  const seen = await waitSeen(popup, ns, STALL_MS);
  return { at: seen.size === ns.length ? Math.max(...seen.values()) : null, lost: ns.length - seen.size };
}

/**
 * Takes the server down (`downForMs`: sockets cut, connections refused) for each outage length, writes agent
 * messages during the outage, and measures from the moment the server accepts connections again.
 */
export async function serverRestarts(server: DevServer, rid: string, popup: WatchedPage): Promise<RecoveryRuns> {
  const runs: RecoveryRuns = { samples: [], lost: 0 };
  for (const [k, outage] of OUTAGES_MS.entries()) {
    const ns = Array.from({ length: MISSED }, (_, i) => RECOVERY_FROM + k * 100 + i);
    const downAt = nodeNow();
    server.control.setFaults({ downForMs: outage });
    // Taken before the server set its own deadline, so `upAt` is never later than the real moment.
    const upAt = downAt + outage;
    for (const [i, n] of ns.entries()) {
      await sleepUntil(nodeNow, downAt + (outage * (i + 1)) / (MISSED + 1));
      server.control.say(rid, { text: relayText(n) });
    }
    const { at, lost } = await caughtUp(popup, ns);
    runs.lost += lost;
    if (at !== null) runs.samples.push(at - upAt);
    await pause(SETTLE_MS);
  }
  server.control.setFaults({});
  return runs;
}

/**
 * Stops the service worker while the popup is open (its port then wakes it), writes agent messages right away,
 * and measures from the stop until they are all in the popup.
 */
export async function workerStops(
  browser: BenchBrowser,
  server: DevServer,
  rid: string,
  popup: WatchedPage,
  control: Page,
): Promise<RecoveryRuns> {
  const runs: RecoveryRuns = { samples: [], lost: 0 };
  for (let k = 0; k < WORKER_STOPS; k++) {
    const ns = Array.from({ length: MISSED }, (_, i) => RECOVERY_FROM + (OUTAGES_MS.length + k) * 100 + i);
    const stoppedAt = nodeNow();
    await browser.stopWorker(control);
    for (const n of ns) server.control.say(rid, { text: relayText(n) });
    const { at, lost } = await caughtUp(popup, ns);
    runs.lost += lost;
    if (at !== null) runs.samples.push(at - stoppedAt);
    await pause(SETTLE_MS);
  }
  return runs;
}
