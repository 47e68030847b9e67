/**
 * History paging upwards: a visitor who was away for longer than one catch-up reads comes back to the newest
 * messages, then scrolls up through every older one, once each and in order, without the list jumping.
 */
import type { Locator } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { bubbleTexts, expectOnceInOrder, startConversation, type Opened } from './flows';

const opened: Opened = {};

afterAll(async () => {
  await opened.ext?.close();
  await opened.server?.close();
});

/** Scrolls the log to its top; returns the message then at the top and where it is on screen. */
const scrollToTop = (log: Locator) =>
  log.evaluate((element) => {
    element.scrollTop = 0;
    const first = element.querySelector<HTMLElement>('[data-message-id]');
    return { id: first?.dataset.messageId ?? '', top: first?.getBoundingClientRect().top ?? 0 };
  });

it('pages back through 560 missed messages without skipping or repeating one, and keeps its place', async () => {
  const { server, ext, rid, popup: first } = await startConversation(opened, { rateLimits: false });
  await first.close();
  // The worker is stopped while the agent writes more than one catch-up (10 pages of 50) reads back.
  await ext.stopWorker();
  const agent = Array.from({ length: 560 }, (_, i) => `agent ${String(i + 1).padStart(3, '0')}`);
  for (const text of agent) server.control.say(rid, { text });

  const popup = await ext.open('popup');
  await expect.poll(async () => (await bubbleTexts(popup)).at(-1), { timeout: 20_000 }).toBe('agent 560');
  const log = popup.getByRole('log');
  await expect.poll(() => popup.getByRole('button', { name: 'Show earlier messages' }).count()).toBe(1);
  expect(await bubbleTexts(popup)).not.toContain('hello');

  for (let page = 0; page < 20 && !(await bubbleTexts(popup)).includes('hello'); page++) {
    const before = await scrollToTop(log);
    await expect
      .poll(() => log.evaluate((element) => element.querySelector<HTMLElement>('[data-message-id]')?.dataset.messageId))
      .not.toBe(before.id);
    // The message that was at the top stays where the visitor was looking (give or take the "load older" chip).
    const after = await log.locator(`[data-message-id="${before.id}"]`).boundingBox();
    expect(Math.abs((after?.y ?? Number.POSITIVE_INFINITY) - before.top)).toBeLessThan(60);
  }

  const texts = await bubbleTexts(popup);
  expectOnceInOrder(texts, ['hello', ...agent]);
  expect(texts.filter((text) => text.startsWith('agent '))).toHaveLength(560);
  await expect.poll(() => popup.getByRole('button', { name: 'Show earlier messages' }).count()).toBe(0);
}, 120_000);
