/**
 * History paging upwards: a visitor who was away for longer than one catch-up reads comes back to the newest
 * messages, then scrolls up through every older one, once each and in order, without the list jumping.
 */
import type { Locator } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver/index';
import { bubbleTexts, expectOnceInOrder, latestRoom, register, roomCount, send } from './flows';
import { launchExtension, type Extension } from './harness';

let server: DevServer | undefined;
let ext: Extension | undefined;

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** Scrolls the log to its top; returns the message then at the top and where it is on screen. */
const scrollToTop = (log: Locator) =>
  log.evaluate((element) => {
    element.scrollTop = 0;
    const first = element.querySelector<HTMLElement>('[data-message-id]');
    return { id: first?.dataset.messageId ?? '', top: first?.getBoundingClientRect().top ?? 0 };
  });

it('pages back through 560 missed messages without skipping or repeating one, and keeps its place', async () => {
  server = await startDevServer({ port: 0, rateLimits: false });
  ext = await launchExtension();
  await ext.configure(server.url);
  const first = await ext.open('popup');
  await register(first);
  await send(first, 'hello');
  await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(1);
  const rid = latestRoom(server)._id;
  server.control.take(rid);
  await first.close();

  // The worker is stopped while the agent writes more than one catch-up (10 pages of 50) reads back.
  const blank = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(blank);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
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
