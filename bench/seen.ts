/** Node's side of the relay probe: when did each marked message reach a page's DOM, on Node's clock. */
import type { Page } from 'playwright-core';
import { clockOffset } from './browser';
import { run } from './in-page';
import { relayProbe } from './probes';

export interface WatchedPage {
  page: Page;
  /** Page clock minus Node clock (see `clockOffset`). */
  offset: number;
}

/**
 * Starts recording marked messages in an already loaded page, and maps its clock onto Node's; `errorMs` is the
 * mapping's error (see `clockOffset`).
 */
export async function watch(page: Page): Promise<WatchedPage & { errorMs: number }> {
  await run(page, relayProbe, null);
  return { page, ...(await clockOffset(page)) };
}

/** Node-clock times at which the page first showed each of `ns` (missing ones are absent). */
async function seenTimes(target: WatchedPage, ns: readonly number[]): Promise<Map<number, number>> {
  const seen = await run(
    target.page,
    (wanted: number[]) => {
      const all = (window as unknown as { __benchSeen: Record<number, number> }).__benchSeen;
      return wanted.filter((n) => n in all).map((n) => [n, all[n] as number] as const);
    },
    [...ns],
  );
  return new Map(seen.map(([n, at]) => [n, at - target.offset]));
}

/**
 * Waits until the page has shown every one of `ns`, or until nothing new arrived for `stallMs`; returns what it
 * saw either way (the caller counts the missing ones as lost). Polling only decides when to stop waiting: the
 * times come from the page.
 */
export async function waitSeen(
  target: WatchedPage,
  ns: readonly number[],
  stallMs: number,
): Promise<Map<number, number>> {
  let progressAt = Date.now();
  let count = -1;
  for (;;) {
    const seen = await seenTimes(target, ns);
    if (seen.size === ns.length) return seen;
    if (seen.size > count) [count, progressAt] = [seen.size, Date.now()];
    else if (Date.now() - progressAt > stallMs) return seen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Scrolls a windowed log up until `ns` show, then back to the bottom; returns those that showed. The popup renders
 * only a window of the newest messages: those a burst brought in behind it are in the log, not yet on screen, until
 * the visitor scrolls to them. A page without a log (the baselines) shows nothing more this way.
 */
export async function revealOlder(target: WatchedPage, ns: readonly number[]): Promise<Map<number, number>> {
  const toTop = () => {
    const log = document.querySelector('[role=log]');
    if (log) log.scrollTop = 0;
    return log !== null;
  };
  let seen = await seenTimes(target, ns);
  for (let step = 0; step < 40 && seen.size < ns.length; step++) {
    if (!(await run(target.page, toTop, null))) break;
    await new Promise((resolve) => setTimeout(resolve, 150));
    seen = await seenTimes(target, ns);
  }
  await run(
    target.page,
    () => {
      const log = document.querySelector('[role=log]');
      if (log) log.scrollTop = log.scrollHeight;
    },
    null,
  );
  return seen;
}

/** Waits until about `at` on the `now` clock (for pacing sends, not for measuring). */
export async function sleepUntil(now: () => number, at: number): Promise<void> {
  const left = at - now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}
