/**
 * Issue 10 §3, "Share this page", on every line: the page reaches the agent as a message and as navigation
 * history. Headless Chromium cannot click the toolbar button, so the `activeTab` grant itself is not exercised:
 * the chat page's `tabs.query` answers as it does under the grant (a tab with its address and title). What this
 * leaves untested is only that Chrome grants `activeTab` on the toolbar click or shortcut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES, type RoomView } from '../../devserver/index';
import { startConversation, type Opened } from './flows';

const PAGE = { url: 'https://shop.example.com/cart?item=42', title: 'Your cart – Shop' };

describe.each(PROFILES)('share this page on a %s server', (profile) => {
  const opened: Opened = {};

  afterEach(async () => {
    await opened.ext?.close();
    await opened.server?.close();
  });

  it('sends the page as a message and records the visit', async () => {
    const { server, rid, popup } = await startConversation(opened, { profile });
    await popup.addInitScript((page) => {
      const tabs = (globalThis as unknown as { chrome: { tabs: { query: unknown } } }).chrome.tabs;
      tabs.query = async () => [{ ...page, active: true }];
    }, PAGE);
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
    expect(server.control.violations()).toEqual([]);
  });
});
