/**
 * Several desks end to end: two devservers as two desks in one browser. A conversation on each (switched from the
 * chat header); a reply on the desk not shown notifies, names that desk, and the badge counts both desks; the
 * notification's click opens that desk's chat; forgetting a desk leaves none of its data, its token above all, in
 * storage.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver/index';
import { FIRST_SCREEN_KEY } from '../../lib/first-screen';
import { latestRoom, register, roomCount, send } from './flows';
import { launchExtension, screenshot, type Extension } from './harness';
import { axeViolations } from './ui-flows';

let deskA: DevServer;
let deskB: DevServer;
let ext: Extension;

type Shown = Array<{ id: string; title: string; message: string }>;
type Chrome = {
  notifications: { create(id: string, options: object): Promise<string> };
  storage: {
    local: { get(key?: string | null): Promise<Record<string, unknown>> };
    session: { set(values: object): Promise<void>; get(key?: string | null): Promise<Record<string, unknown>> };
  };
};

beforeAll(async () => {
  [deskA, deskB] = await Promise.all([startDevServer({ port: 0 }), startDevServer({ port: 0 })]);
  deskA.control.settings({ title: 'Acme Help', color: '#0f766e' });
  deskB.control.settings({ title: 'Globex Support', color: '#7c3aed' });
  ext = await launchExtension();
  await ext.worker.evaluate(
    async ([a, b]) => {
      const settings = { serverUrl: a, desks: [a, b], name: '', email: '', notifications: true, allowCleartext: false };
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } };
      await chrome.storage.local.set({ settings });
    },
    [deskA.url, deskB.url] as const,
  );
  // What the worker shows, kept: Chrome lists a notification's id, never its title.
  await ext.worker.evaluate(() => {
    const notifications = (globalThis as unknown as { chrome: Chrome }).chrome.notifications;
    const shown: Shown = [];
    (globalThis as unknown as { shown: Shown }).shown = shown;
    const create = notifications.create.bind(notifications);
    notifications.create = (id: string, options: object) => {
      shown.push({ id, ...(options as { title: string; message: string }) });
      return create(id, options);
    };
  });
});

afterAll(async () => {
  await ext?.close();
  await Promise.all([deskA?.close(), deskB?.close()]);
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function switchTo(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: /^Switch desk/ }).click();
  await page.getByRole('menuitemradio', { name: new RegExp(`^${title}`) }).click();
  await expect.poll(() => heading(page).innerText(), { timeout: 15_000 }).toBe(title);
}

describe('two desks', () => {
  let ridB = '';

  it('holds a conversation on each desk, switched from the chat header', async () => {
    const popup = await ext.open('popup');
    await expect.poll(() => heading(popup).innerText(), { timeout: 15_000 }).toBe('Acme Help');
    await register(popup);
    await send(popup, 'Hello Acme');
    await expect.poll(() => roomCount(deskA), { timeout: 15_000 }).toBe(1);

    await switchTo(popup, 'Globex Support');
    await register(popup, 'Ana Lima', 'ana@globex.example');
    await send(popup, 'Hello Globex');
    await expect.poll(() => roomCount(deskB), { timeout: 15_000 }).toBe(1);
    ridB = latestRoom(deskB)._id;
    deskB.control.take(ridB);
    expect(latestRoom(deskA).messages.map((m) => m.msg)).toContain('Hello Acme');
    expect(latestRoom(deskB).messages.map((m) => m.msg)).toContain('Hello Globex');

    await switchTo(popup, 'Acme Help');
    await expect.poll(() => popup.getByRole('log').innerText()).toContain('Hello Acme');
    expect(await popup.getByRole('log').innerText()).not.toContain('Hello Globex');
    await popup.close();
  });

  it('notifies a reply on the desk not shown, names that desk, and badges the sum of both desks', async () => {
    const ridA = latestRoom(deskA)._id;
    deskA.control.take(ridA);
    deskA.control.say(ridA, { text: 'Acme here, one moment' });
    await expect.poll(() => ext.badge(), { timeout: 15_000 }).toBe('1');
    const popup = await ext.open('popup');
    // The chat shows Acme (the desk last looked at): Acme's reply is seen there, Globex's is not.
    await expect.poll(() => popup.getByRole('log').innerText(), { timeout: 15_000 }).toContain('Acme here');
    await expect.poll(() => ext.badge(), { timeout: 15_000 }).toBe('');

    deskB.control.say(ridB, { text: 'Globex here: your order shipped' });
    await expect.poll(() => ext.badge(), { timeout: 15_000 }).toBe('1');
    const shown = () => ext.worker.evaluate(() => (globalThis as unknown as { shown: Shown }).shown);
    await expect
      .poll(async () => (await shown()).map((n) => n.id), { timeout: 15_000 })
      .toContain(`lqs-desk:${deskB.url}`);
    const notification = (await shown()).find((n) => n.id === `lqs-desk:${deskB.url}`);
    expect(notification?.title).toContain('Globex Support');
    expect(notification?.message).toContain('your order shipped');
    const switcher = popup.getByRole('button', { name: 'Switch desk (1 unread on other desks)' });
    await expect.poll(() => switcher.isVisible(), { timeout: 15_000 }).toBe(true);
    await popup.close();

    // Both desks unread at once: the badge counts them together.
    deskA.control.say(ridA, { text: 'Acme again' });
    await expect.poll(() => ext.badge(), { timeout: 15_000 }).toBe('2');
  });

  it('opens the chat of the desk whose notification was clicked', async () => {
    const reply = latestRoom(deskB).messages.findLast((m) => String(m.msg).includes('order shipped'));
    // What the worker's notification click does, minus the OS notification the test cannot click.
    await ext.worker.evaluate(
      ([desk, message]) =>
        (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.set({
          focusDesk: desk,
          focusMessage: message,
        }),
      [deskB.url, String(reply?._id)] as const,
    );
    const panel = await ext.open('sidepanel');
    await expect.poll(() => heading(panel).innerText(), { timeout: 15_000 }).toBe('Globex Support');
    const target = panel.locator(`[data-message-id="${String(reply?._id)}"]`);
    await expect.poll(() => target.getAttribute('data-highlight'), { timeout: 15_000 }).toBe('true');
    // Globex is seen; Acme's reply still waits on the badge.
    await expect.poll(() => ext.badge(), { timeout: 15_000 }).toBe('1');
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.getByRole('button', { name: /^Switch desk/ }).click();
      await panel.getByRole('menu').waitFor();
      await screenshot(panel, `desk-switcher-${scheme}`);
      // The open switcher (counts on coloured badges, the checked desk) passes axe in both schemes.
      expect(await axeViolations(panel), scheme).toEqual([]);
      await panel.keyboard.press('Escape');
    }
    await panel.close();
  });

  it('forgets a desk: no token, visitor or message of it is left in storage', async () => {
    const stored = () =>
      ext.worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null));
    const tokenB = ((await stored())[`desk:${deskB.url}`] as { token: string } | undefined)?.token;
    expect(tokenB).toMatch(/^\w{20,}$/);

    // The chat closes on Globex: the next one starts from Globex's first screen, which the forget must take along.
    const last = await ext.open('popup');
    await switchTo(last, 'Globex Support');
    await last.close();
    await expect
      .poll(async () => JSON.stringify((await stored())[FIRST_SCREEN_KEY]), { timeout: 10_000 })
      .toContain('Hello Globex');

    const popup = await ext.open('popup');
    await expect.poll(() => heading(popup).innerText(), { timeout: 15_000 }).toBe('Globex Support');
    await popup.getByRole('button', { name: /^Switch desk/ }).click();
    await popup.getByRole('menuitem', { name: 'Forget this desk…' }).click();
    const dialog = popup.getByRole('alertdialog', { name: 'Forget Globex Support?' });
    await dialog.getByRole('button', { name: 'Forget' }).click();
    await expect.poll(() => heading(popup).innerText(), { timeout: 15_000 }).toBe('Acme Help');
    await expect.poll(() => popup.getByRole('button', { name: /^Switch desk/ }).count()).toBe(0);

    await expect.poll(async () => JSON.stringify(await stored()).includes(tokenB!), { timeout: 10_000 }).toBe(false);
    const all = await stored();
    // Each desk has its own keys (lib/background/desk-store.ts): the forgotten desk's are gone, the other's stay.
    expect(Object.keys(all).filter((key) => /^(desk|past):/.test(key))).toEqual(
      expect.arrayContaining([`desk:${deskA.url}`, `past:${deskA.url}`]),
    );
    expect(Object.keys(all).filter((key) => key.includes(deskB.url))).toEqual([]);
    expect(JSON.stringify(all)).not.toContain('Hello Globex');
    expect(JSON.stringify(all[FIRST_SCREEN_KEY])).not.toContain(deskB.url);
    expect(JSON.stringify(all[FIRST_SCREEN_KEY])).toContain(deskA.url);
    // The first screen's session copy, which a chat page reads first (lib/first-screen.ts), went with it.
    const session = await ext.worker.evaluate(() =>
      (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get(null),
    );
    expect(JSON.stringify(session)).not.toContain('Hello Globex');
    expect(session[FIRST_SCREEN_KEY]).toEqual(all[FIRST_SCREEN_KEY]);
    expect((all.settings as { desks: string[] }).desks).toEqual([deskA.url]);
    // The other desk goes on as it was.
    expect(await popup.getByRole('log').innerText()).toContain('Hello Acme');
    await popup.close();
  });
});
