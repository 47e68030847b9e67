/**
 * Issue 10 §3 on every line: "Share this page" reaches the agent as a message and as navigation history; "Send a
 * screenshot" is shown first and uploaded only on Send. Headless Chromium cannot click the toolbar button, so the
 * `activeTab` grant itself is not exercised: the chat page's `tabs.query` and `tabs.captureVisibleTab` answer as
 * they do under the grant. Untested: that Chrome grants `activeTab` on the toolbar click or shortcut, and the real
 * capture of a page's pixels.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES, type RoomView } from '../../devserver/index';
import { startConversation, type Opened } from './flows';

// A 1×1 PNG, as captureVisibleTab would answer under the grant.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The desk answers a visitor who shares their cart (a `page-url` trigger). */
const CART_TRIGGER = {
  _id: 'cart-help',
  name: 'Cart',
  enabled: true,
  runOnce: true,
  conditions: [{ name: 'page-url', value: '/cart\\?' }],
  actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Acme Bot', msg: 'Need help with your cart?' } }],
};

const PAGE = { url: 'https://shop.example.com/cart?item=42', title: 'Your cart – Shop' };

describe.each(PROFILES)('share this page on a %s server', (profile) => {
  const opened: Opened = {};

  afterEach(async () => {
    await opened.ext?.close();
    await opened.server?.close();
  });

  it("sends the page as a message and records the visit (the desk's page-url trigger answers); a screenshot only after the visitor confirms", async () => {
    const { server, rid, popup } = await startConversation(opened, { profile, settings: { triggers: [CART_TRIGGER] } });
    await popup.addInitScript(
      (page) => {
        const tabs = (globalThis as unknown as { chrome: { tabs: { query: unknown } } }).chrome.tabs;
        tabs.query = async () => [{ ...page, active: true }];
        (tabs as { captureVisibleTab?: unknown }).captureVisibleTab = async () => `data:image/png;base64,${page.png}`;
      },
      { ...PAGE, png: PNG },
    );
    await popup.reload();
    await popup.getByRole('button', { name: 'Chat options' }).click();
    await popup.getByRole('menuitem', { name: 'Share this page' }).click();
    const messages = () => (server.control.state().rooms as RoomView[]).find((r) => r._id === rid)?.messages ?? [];
    await expect
      .poll(() => messages().some((m) => !m.t && m.msg === `${PAGE.title}\n${PAGE.url}`), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(
        () =>
          messages().some(
            (m) =>
              m.t === 'livechat_navigation_history' &&
              (m.navigation as { page: { location: { href: string } } }).page.location.href === PAGE.url,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect
      .poll(() => popup.getByRole('log').innerText(), { timeout: 15_000 })
      .toContain('Need help with your cart?');

    // The screenshot is shown first: Cancel sends nothing; Send uploads it like any file.
    const files = () => (server.control.state().files as Array<{ name: string }>).map((f) => f.name);
    for (const choice of ['Cancel', 'Send screenshot']) {
      await popup.getByRole('button', { name: 'Chat options' }).click();
      await popup.getByRole('menuitem', { name: 'Send a screenshot' }).click();
      const dialog = popup.getByRole('dialog', { name: 'Send this screenshot?' });
      await dialog.getByRole('img').waitFor();
      await dialog.getByRole('button', { name: choice }).click();
      await dialog.waitFor({ state: 'detached' });
      if (choice === 'Cancel') expect(files()).toEqual([]);
    }
    await expect.poll(() => files().filter((n) => /^screenshot-.*\.png$/.test(n)).length, { timeout: 15_000 }).toBe(1);
    expect(server.control.violations()).toEqual([]);
  });
});
