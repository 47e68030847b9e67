/** Conversation steps the e2e suites share: register from the chat UI, send, read what the DOM and server hold. */
import type { Page } from 'playwright-core';
import { startDevServer, type DevServer, type RoomView } from '../../devserver/index';
import { expect } from 'vitest';
import { launchExtension, type Extension } from './harness';

/** What a suite must close after each test; `startConversation` fills it in as soon as each part exists. */
export interface Opened {
  server?: DevServer;
  ext?: Extension;
}

/**
 * A devserver and a browser with the extension pointed at it; the visitor registered from the popup and wrote
 * "hello" (stored by the server), and an agent took the room. `prepare` runs on the browser before anything is sent
 * (a slow link through `context.route`, say).
 */
export async function startConversation(
  opened: Opened,
  options: Parameters<typeof startDevServer>[0] = {},
  prepare?: (ext: Extension) => Promise<unknown>,
) {
  const server = (opened.server = await startDevServer({ port: 0, ...options }));
  const ext = (opened.ext = await launchExtension());
  await prepare?.(ext);
  await ext.configure(server.url);
  const popup = await ext.open('popup');
  await register(popup);
  await send(popup, 'hello');
  await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(1);
  const rid = latestRoom(server)._id;
  // From 7.x the room opens (`GET livechat/room`) a request before the message is posted: an agent acting in
  // between would come before "hello" in the server's own order.
  await expect.poll(() => serverTexts(server, rid), { timeout: 15_000 }).toContain('hello');
  server.control.take(rid);
  return { server, ext, rid, popup };
}

/** Fills the registration form when the desk asks for it. */
export async function register(page: Page, name = 'Ana Lima', email = 'ana@example.com'): Promise<void> {
  const start = page.getByRole('button', { name: 'Start chat' });
  const composer = page.getByRole('textbox', { name: 'Message' });
  await expect
    .poll(async () => (await start.isVisible()) || (await composer.isVisible()), { timeout: 20_000 })
    .toBe(true);
  if (await start.isVisible()) {
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('E-mail').fill(email);
    await start.click();
  }
  await composer.waitFor({ timeout: 20_000 });
}

/** Types one message and presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/** The chat's message bubbles, for `textsOfBubbles` (Playwright and puppeteer alike). */
export const BUBBLES = '[role=log] .lqs-bubble';

/** What each bubble says, without screen-reader-only text and edit marks; runs in the page. */
export function textsOfBubbles(nodes: Element[]): string[] {
  return nodes.map((node) => {
    const copy = node.cloneNode(true) as Element;
    for (const extra of copy.querySelectorAll('.lqs-sr, .lqs-bubble__edited')) extra.remove();
    return (copy.textContent ?? '').trim();
  });
}

/** The texts of every message bubble in the chat, in DOM order. */
export function bubbleTexts(page: Page): Promise<string[]> {
  return page.locator(BUBBLES).evaluateAll(textsOfBubbles);
}

/**
 * Every message the chat shows, in order, though the log renders only a window of them: scrolls the log to its top
 * until `first` is on screen (the window then runs from there to the newest message).
 */
export async function wholeLogTexts(page: Page, first: string): Promise<string[]> {
  const log = page.getByRole('log');
  await expect
    .poll(
      async () => {
        await log.evaluate((element) => element.scrollTo({ top: 0 }));
        return (await bubbleTexts(page)).includes(first);
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  return bubbleTexts(page);
}

/** How many rooms the server holds (0 before a server exists). */
export function roomCount(server: DevServer | undefined): number {
  return ((server?.control.state().rooms ?? []) as unknown[]).length;
}

/** The room the visitor opened (the devserver keeps newest first). */
export function latestRoom(server: DevServer): RoomView {
  const room = (server.control.state().rooms as RoomView[])[0];
  if (!room) throw new Error('no room on the server yet');
  return room;
}

/** Message texts of a room as the server stored them, oldest first, without system messages. */
export function serverTexts(server: DevServer, rid: string): string[] {
  const room = (server.control.state().rooms as RoomView[]).find((r) => r._id === rid);
  return (room?.messages ?? []).filter((m) => !m.t).map((m) => String(m.msg));
}

/** Asserts each expected text appears exactly once and in the given order; returns what was lost or duplicated. */
export function expectOnceInOrder(actual: string[], expected: string[]): void {
  const relevant = actual.filter((t) => expected.includes(t));
  const lost = expected.filter((t) => !relevant.includes(t));
  const duplicated = relevant.filter((t, i) => relevant.indexOf(t) !== i);
  expect({ lost: lost.length, duplicated: duplicated.length }).toEqual({ lost: 0, duplicated: 0 });
  expect(relevant).toEqual(expected);
}
