/**
 * Past conversations on every Rocket.Chat line: a chat the agent closed is kept when a new one starts, is listed
 * and reads again (read-only, with its messages) after the browser restarts, downloads as a file, leads to a new
 * chat, and is gone from storage once forgotten.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES } from '../../devserver/index';
import { bubbleTexts, latestRoom, roomCount, send, startConversation, type Opened } from './flows';
import { launchExtension, type Extension } from './harness';

/** The Chrome API evaluated inside the worker. */
declare const chrome: { storage: { local: { get(key: string | null): Promise<Record<string, unknown>> } } };

let opened: Opened = {};

afterEach(async () => {
  await opened.ext?.close();
  await opened.server?.close();
  opened = {};
});

/**
 * The visitor's messages over a slow link. From 7.x the first one opens the room with a request of its own before
 * it is posted, so an agent who takes the room and writes meanwhile comes first in the server's order; the chat
 * must start with "hello" stored (flows.ts `startConversation`) for the order the list shows to be the one asserted.
 */
const slowMessages = (ext: Extension) =>
  ext.context.route('**/api/v1/livechat/message', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });

async function showPast(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Chat options' }).click();
  await page.getByRole('menuitem', { name: 'Past conversations' }).click();
  await page.getByRole('heading', { name: 'Past conversations' }).waitFor();
}

describe.each(PROFILES)('past conversations against a %s server', (profile) => {
  it('keeps a closed chat across a browser restart, reads it, downloads it, starts anew from it and forgets it', async () => {
    const { server, ext, rid, popup } = await startConversation(opened, { profile }, slowMessages);
    server.control.say(rid, { text: 'Your parcel left today' });
    await expect.poll(() => bubbleTexts(popup), { timeout: 15_000 }).toContain('Your parcel left today');
    server.control.close(rid);
    await popup.getByRole('button', { name: 'Start a new chat' }).click();
    await popup.getByRole('textbox', { name: 'Message' }).waitFor();

    // A fresh browser on the same profile: only what the extension stored is left.
    await ext.close({ keepProfile: true });
    const again = (opened.ext = await launchExtension(ext.profileDir));
    const page = await again.open('popup');
    await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 20_000 });
    await showPast(page);
    const item = page.locator(`[data-room-id="${rid}"]`);
    await expect.poll(() => item.innerText()).toMatch(/Closed[\s\S]*hello[\s\S]*Your parcel left today/);
    await item.click();
    await expect.poll(() => bubbleTexts(page), { timeout: 15_000 }).toEqual(['hello', 'Your parcel left today']);
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await send(page, 'one more question');
    await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(2);
    expect(latestRoom(server)._id).not.toBe(rid);

    await showPast(page);
    await page.locator(`[data-room-id="${rid}"]`).click();
    // The past conversation downloads as a text file made from what the extension kept: each message once, in order.
    await page.getByRole('button', { name: 'Download' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Download conversation (text)' }).click(),
    ]);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    expect(text.split('hello')).toHaveLength(2);
    expect(text.split('Your parcel left today')).toHaveLength(2);
    expect(text.indexOf('hello')).toBeLessThan(text.indexOf('Your parcel left today'));
    expect(text).not.toContain('one more question');
    await page.getByRole('button', { name: 'Forget this conversation' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Forget' }).click();
    await page.getByRole('heading', { name: 'Past conversations' }).waitFor();
    await expect.poll(() => page.locator(`[data-room-id="${rid}"]`).count()).toBe(0);
    await expect
      .poll(async () => JSON.stringify(await again.worker.evaluate(() => chrome.storage.local.get(null))))
      .not.toContain('Your parcel left today');
    expect(server.control.violations()).toEqual([]);
  }, 90_000);
});
