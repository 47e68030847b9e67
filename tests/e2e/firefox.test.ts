/**
 * Both Firefox builds (WXT's default MV2 and MV3) in Firefox ESR against devserver: installed as a temporary
 * add-on, the popup registers, sends and shows the agent's reply, the sidebar page follows the same conversation,
 * a reply with every chat closed notifies and badges, and the conversation survives a background restart.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver/index';
import { BUBBLES, latestRoom, roomCount, serverTexts, textsOfBubbles } from './flows';
import { launchFirefox, type FirefoxExtension } from './firefox-harness';

const run = promisify(execFile);

/** Fills the registration form (the devserver's default desk asks for name and e-mail). */
async function register(page: Page): Promise<void> {
  await page.locator('::-p-aria([name="Name"][role="textbox"])').fill('Ana Lima');
  await page.locator('::-p-aria([name="E-mail"][role="textbox"])').fill('ana@example.com');
  await page.locator('::-p-aria([name="Start chat"][role="button"])').click();
  await page.locator('::-p-aria([name="Message"][role="textbox"])').wait();
}

async function send(page: Page, text: string): Promise<void> {
  await page.locator('::-p-aria([name="Message"][role="textbox"])').fill(text);
  await page.keyboard.press('Enter');
}

function bubbles(page: Page): Promise<string[]> {
  return page.$$eval(BUBBLES, textsOfBubbles);
}

describe.each([
  { build: 'firefox-mv2', flags: [] },
  { build: 'firefox-mv3', flags: ['--mv3'] },
])('$build in Firefox ESR', ({ build, flags }) => {
  let server: DevServer;
  let ext: FirefoxExtension;
  let rid = '';

  beforeAll(async () => {
    await run('npx', ['wxt', 'build', '-b', 'firefox', ...flags], { maxBuffer: 16 * 1024 * 1024 });
    server = await startDevServer({ port: 0 });
    ext = await launchFirefox(`.output/${build}`);
    await ext.configure(server.url);
  });

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('installs; the popup connects, registers, sends and shows the agent reply', async () => {
    const popup = await ext.open('popup');
    await register(popup);
    await send(popup, 'Hi from Firefox');
    await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(1);
    rid = latestRoom(server)._id;
    expect(serverTexts(server, rid)).toEqual(['Hi from Firefox']);

    server.control.take(rid);
    server.control.say(rid, { text: 'Hello Ana, Firefox here too.' });
    await expect.poll(() => bubbles(popup), { timeout: 15_000 }).toContain('Hello Ana, Firefox here too.');
    await popup.close();
  });

  it("the sidebar's page shows the same conversation", async () => {
    const panel = await ext.open('sidepanel');
    await expect
      .poll(() => bubbles(panel), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Hi from Firefox', 'Hello Ana, Firefox here too.']));
    await panel.close();
  });

  it('notifies and badges a reply once every chat page, the sidebar too, is closed', async () => {
    // Firefox opened the sidebar at install: it is a chat surface, and holds replies while it shows.
    expect(await ext.sidebarOpen()).toBe(true);
    await ext.closeSidebar();
    await expect.poll(() => ext.sidebarOpen()).toBe(false);
    server.control.say(rid, { text: 'Your order ships tomorrow.' });
    await expect.poll(() => ext.notifications(), { timeout: 15_000 }).toHaveLength(1);
    await expect.poll(() => ext.badge(), { timeout: 10_000 }).toBe('1');

    const popup = await ext.open('popup');
    await expect.poll(() => bubbles(popup), { timeout: 15_000 }).toContain('Your order ships tomorrow.');
    await expect.poll(() => ext.badge(), { timeout: 10_000 }).toBe('');
    await popup.close();
  });

  it('keeps the conversation across a background restart and hears the agent again', async () => {
    await ext.restartBackground();
    const popup = await ext.open('popup');
    await expect.poll(() => bubbles(popup), { timeout: 15_000 }).toContain('Your order ships tomorrow.');
    server.control.say(rid, { text: 'Still here after the restart.' });
    await expect.poll(() => bubbles(popup), { timeout: 15_000 }).toContain('Still here after the restart.');
    await send(popup, 'Thanks!');
    await expect.poll(() => serverTexts(server, rid).at(-1), { timeout: 15_000 }).toBe('Thanks!');
    await popup.close();
  });

  it("formats a text without the server's md through the parser worker, under the strict CSP", async () => {
    const popup = await ext.open('popup');
    // `md: []` leaves the parsing to the extension (the parser runs in a worker of the extension's own origin).
    server.control.raw(rid, { fields: { msg: 'Parsed **in a worker** here', md: [] } });
    await expect
      .poll(() => popup.$$eval('[role=log] strong', (nodes) => nodes.map((n) => n.textContent)), { timeout: 15_000 })
      .toContain('in a worker');
    await popup.close();
  });
});
