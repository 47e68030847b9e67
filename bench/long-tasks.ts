/**
 * Long tasks (the browser's `longtask` entries: main-thread tasks over 50 ms, during which the page can neither
 * paint nor answer input) in a page, between two readings.
 */
import type { Page } from 'playwright-core';
import { run } from './in-page';

export interface LongTasks {
  count: number;
  /** Sum of their durations. */
  totalMs: number;
}

/** Starts recording long tasks in an already loaded page. */
export async function recordLongTasks(page: Page): Promise<void> {
  await run(
    page,
    () => {
      const w = window as unknown as { __benchLongTasks: number[] };
      w.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__benchLongTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    },
    null,
  );
}

/** The long tasks recorded since the previous call (or since recording began), and forgets them. */
export async function takeLongTasks(page: Page): Promise<LongTasks> {
  const durations = await run(
    page,
    () => (window as unknown as { __benchLongTasks: number[] }).__benchLongTasks.splice(0),
    null,
  );
  return { count: durations.length, totalMs: durations.reduce((sum, ms) => sum + ms, 0) };
}
