/**
 * Opening the popup with 500 cached messages, against a plain page showing the same 500 messages, interleaved
 * in the same browser. Each open is a new page, as each click on the toolbar button is; the worker is running
 * (warm) or has just been stopped by the browser (cold: it restores the desk from storage first).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { BenchBrowser } from './browser';
import { addInit } from './in-page';
import { longTaskProbe, openProbe, staticBaselineHtml, type OpenReading } from './probes';
import type { BenchRoom } from './setup';
import { median, round } from './stats';

/** Opens measured per kind; one more of each is made first and not counted (code caches are cold then). */
const OPENS = 11;
const OPEN_TIMEOUT_MS = 20_000;

interface Open {
  firstPaint: number;
  interactive: number;
  /** Time spent in long tasks (over 50 ms) that started before the page was interactive. */
  longTasks: number;
}

/** Opens `url` in a new page and reads when it was interactive (`marker` in its log, its message box usable). */
export async function openOnce(browser: BenchBrowser, url: string, marker: string): Promise<Open> {
  const page = await browser.newPage();
  try {
    await addInit(page, openProbe, { marker });
    await addInit(page, longTaskProbe, undefined);
    await page.goto(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), OPEN_TIMEOUT_MS);
    });
    const reading = (await Promise.race([page.evaluate('window.__benchOpen'), timeout]).finally(() =>
      clearTimeout(timer),
    )) as OpenReading;
    const firstPaint = await firstContentfulPaint(page);
    // Nothing is usable before it is on screen: paint timing reports presentation, later than the frame's start.
    const interactive = Math.max(reading.frame, firstPaint);
    const tasks = (await page.evaluate('window.__benchOpenLongTasks')) as [number, number][];
    const longTasks = tasks.filter(([start]) => start < interactive).reduce((sum, [, duration]) => sum + duration, 0);
    return { firstPaint, interactive, longTasks };
  } catch (error) {
    throw new Error(
      `${url} was not interactive within ${OPEN_TIMEOUT_MS} ms (no enabled <textarea>, or “${marker}” not in [role=log])`,
      { cause: error },
    );
  } finally {
    await page.close();
  }
}

async function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint');
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

export interface OpenFigures {
  'open.popup_to_first_paint_ms': number;
  'open.popup_to_interactive_ms': number;
  'open.baseline_static_page_ms': number;
  'open.popup_cold_worker_to_interactive_ms': number;
  'open.ratio_vs_static': number;
  'open.cold_ratio_vs_static': number;
  'open.popup_long_tasks_ms': number;
  'open.popup_cold_long_tasks_ms': number;
}

/**
 * Measures warm opens of the popup and loads of the static baseline page alternately, then cold-worker opens.
 * `control` is any page the worker can be stopped from (CDP needs a page session).
 */
export async function measureOpens(browser: BenchBrowser, room: BenchRoom, control: Page): Promise<OpenFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'lqs-bench-static-'));
  try {
    const staticPath = join(dir, 'baseline.html');
    writeFileSync(staticPath, staticBaselineHtml(room.texts));
    const staticUrl = pathToFileURL(staticPath).href;
    const popupUrl = browser.url('popup.html');
    const popup: Open[] = [];
    const baseline: Open[] = [];
    for (let i = 0; i <= OPENS; i++) {
      const p = await openOnce(browser, popupUrl, room.newestText);
      const b = await openOnce(browser, staticUrl, room.newestText);
      if (i === 0) continue;
      popup.push(p);
      baseline.push(b);
    }
    const cold: Open[] = [];
    for (let i = 0; i <= OPENS; i++) {
      await browser.stopWorker(control);
      const c = await openOnce(browser, popupUrl, room.newestText);
      if (i > 0) cold.push(c);
    }
    const warm = median(popup.map((o) => o.interactive));
    const still = median(baseline.map((o) => o.interactive));
    const coldWarm = median(cold.map((o) => o.interactive));
    return {
      'open.popup_to_first_paint_ms': round(median(popup.map((o) => o.firstPaint))),
      'open.popup_to_interactive_ms': round(warm),
      'open.baseline_static_page_ms': round(still),
      'open.popup_cold_worker_to_interactive_ms': round(coldWarm),
      'open.ratio_vs_static': round(warm / still, 2),
      'open.cold_ratio_vs_static': round(coldWarm / still, 2),
      'open.popup_long_tasks_ms': round(median(popup.map((o) => o.longTasks))),
      'open.popup_cold_long_tasks_ms': round(median(cold.map((o) => o.longTasks))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
