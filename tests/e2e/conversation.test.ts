/**
 * The walking skeleton end to end: the built extension in real Chromium against devserver. A visitor registers
 * and writes from the popup, the agent answers, both chat surfaces show it; with no chat open a reply notifies
 * and badges; the agent console works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer, type RoomView } from '../../devserver/index';
import { bubbleTexts } from './flows';
import { launchExtension, screenshot, SCREENSHOT_DIR, type Extension } from './harness';

let server: DevServer;
let ext: Extension;

beforeAll(async () => {
  server = await startDevServer({ port: 0 });
  ext = await launchExtension();
  await ext.configure(server.url);
  console.log(`e2e screenshots: ${SCREENSHOT_DIR}`);
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

function rooms(): RoomView[] {
  return server.control.state().rooms as RoomView[];
}

describe('a visitor chats with an agent', () => {
  it('registers, sends, and sees the agent reply in popup and side panel', async () => {
    const popup = await ext.open('popup');
    await popup.getByLabel('Name').fill('Ana Lima');
    await popup.getByLabel('E-mail').fill('ana@example.com');
    await popup.getByRole('button', { name: 'Start chat' }).click();

    const composer = popup.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hi, I need help with my order');
    await composer.press('Enter');
    await expect.poll(() => rooms().length, { timeout: 15_000 }).toBe(1);
    const room = rooms()[0];
    expect(room?.visitor.name).toBe('Ana Lima');
    expect(room?.messages.some((m) => m.msg === 'Hi, I need help with my order')).toBe(true);

    server.control.say(room?._id ?? '', { text: 'Hello Ana, let me look at that order.' });
    const log = popup.getByRole('log');
    await expect.poll(() => log.innerText(), { timeout: 15_000 }).toContain('Hello Ana, let me look at that order.');
    await expect.poll(() => popup.locator('header').innerText()).toContain('Maria');

    const panel = await ext.open('sidepanel');
    await expect
      .poll(() => panel.getByRole('log').innerText(), { timeout: 15_000 })
      .toContain('Hello Ana, let me look at that order.');
    expect(await panel.getByRole('log').innerText()).toContain('Hi, I need help with my order');

    // Both surfaces open at once follow the same state, message for message.
    server.control.say(room?._id ?? '', { text: 'Both of you should see this.' });
    await expect.poll(async () => (await bubbleTexts(popup)).includes('Both of you should see this.')).toBe(true);
    await expect.poll(async () => bubbleTexts(panel)).toEqual(await bubbleTexts(popup));
    // The agent's two bubbles are one group: squared where they meet, round where it ends (messages.css finds the
    // group's last bubble by its place, the last of the last part).
    const corners = await popup
      .locator('.lqs-group--theirs .lqs-bubble')
      .evaluateAll((bubbles) => bubbles.map((bubble) => getComputedStyle(bubble).borderBottomLeftRadius));
    expect(corners).toEqual(['6px', '18px']);

    await screenshot(popup, 'popup-conversation');
    await screenshot(panel, 'sidepanel-conversation');
    await popup.close();
    await panel.close();
  });

  it('notifies and badges an agent reply while no chat is open, and shows the agent the visitor is away', async () => {
    // Straight after the pages closed: a reply the worker gets before it hears of that is announced when it does.
    const rid = rooms()[0]?._id ?? '';
    server.control.say(rid, { text: 'Your order ships tomorrow.' });
    await expect.poll(() => ext.notifications(), { timeout: 15_000 }).toHaveLength(1);
    await expect.poll(() => ext.badge()).toBe('1');
    await expect.poll(() => rooms()[0]?.visitor.status, { timeout: 10_000 }).toBe('away');

    const popup = await ext.open('popup');
    await expect
      .poll(() => popup.getByRole('log').innerText(), { timeout: 15_000 })
      .toContain('Your order ships tomorrow.');
    await expect.poll(() => ext.badge(), { timeout: 10_000 }).toBe('');
    await expect.poll(() => rooms()[0]?.visitor.status, { timeout: 10_000 }).toBe('online');
    await popup.close();
  });

  it('the agent console loads and can reply', async () => {
    const rid = rooms()[0]?._id ?? '';
    const page = await ext.context.newPage();
    await page.goto(`${server.url}/agent`);
    await page.getByText('Ana Lima').first().click();
    const reply = page.getByRole('textbox').last();
    await reply.fill('Sent from the console');
    await reply.press('Enter');
    await expect
      .poll(() =>
        rooms()
          .find((r) => r._id === rid)
          ?.messages.some((m) => m.msg === 'Sent from the console'),
      )
      .toBe(true);
    await screenshot(page, 'agent-console');
    await page.close();
  });
});
