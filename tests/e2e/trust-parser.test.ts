/**
 * Issue 14 item 13: a crafted text cannot freeze the chat. Rocket.Chat's parser needs seconds for long runs of
 * `*`; the page never runs it: a text over the size bound stays plain, one under it is parsed in a worker that is
 * given up when it stalls. The popup never has a long task anywhere near the seconds the parser would take, and
 * the next ordinary message is still formatted.
 */
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { agentWritesRaw } from '../hostile';
import { startConversation, type Opened } from './flows';

const opened: Opened = {};

afterAll(async () => {
  await opened.ext?.close();
  await opened.server?.close();
});

/** Starts recording the page's long tasks; returns a reader of the longest so far (ms). */
async function watchLongTasks(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return () => page.evaluate(() => (window as unknown as { longest: number }).longest);
}

it('keeps the popup responsive through texts that take the parser seconds', async () => {
  const { server, rid, popup } = await startConversation(opened);
  const longest = await watchLongTasks(popup);
  // `md: []` makes the extension parse `msg` itself, as with servers that send no AST.
  agentWritesRaw(server, rid, { msg: `${'*'.repeat(12_000)} over the bound`, md: [] });
  agentWritesRaw(server, rid, { msg: `${'*'.repeat(4_900)} under the bound`, md: [] });
  agentWritesRaw(server, rid, { msg: 'after them **bold**', md: [] });

  await expect.poll(() => popup.locator('[role=log] strong', { hasText: 'bold' }).count(), { timeout: 30_000 }).toBe(1);
  expect(await popup.getByText('over the bound').count()).toBe(1);
  // On the page thread the parser blocked for about 9 s here; rendering the texts takes a small fraction of that.
  expect(await longest()).toBeLessThan(2000);
});
