/**
 * Every state of the visitor's chat, in the popup and the side panel at once, in the built extension against
 * devserver (v8 profile, a desk with consent, a custom field and transcripts). One browser and one server for
 * the whole file: the tests run in order and each leaves the chat where the next one starts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SALES_DEPARTMENT_ID, startDevServer, type DevServer, type RoomView } from '../../devserver/index';
import { bubbleTexts } from './flows';
import { EXTENSION_DIR, launchExtension, type Extension } from './harness';
import {
  front,
  heal,
  openBoth,
  registerVisitor,
  reloadDesk,
  roomId,
  sendText,
  setAgents,
  SURFACES,
  waitForText,
  type Surface,
} from './ui-flows';

/** The chat surfaces of the test (or more of them), as one thing to assert on. */
type Pages = Record<Surface, Page>;

const DESK = {
  title: 'Acme Support',
  transcript: true,
  forceAcceptDataProcessingConsent: true,
  dataProcessingConsentText: 'I agree to the processing of my data.',
  offlineSuccessMessage: 'We will write back soon.',
};

let server: DevServer;
let ext: Extension;
let pages: Pages;
let rid = '';

beforeAll(async () => {
  server = await startDevServer({ port: 0, profile: 'v8', settings: DESK as never, queueDebounceMs: 100 });
  ext = await launchExtension();
  pages = await openBoth(ext);
});

// A test that fails with a surface closed must not fail the ones after it.
beforeEach(async () => {
  for (const surface of SURFACES) if (pages[surface].isClosed()) pages[surface] = await ext.open(surface);
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

const both = (): Page[] => SURFACES.map((surface) => pages[surface]);
const room = (): RoomView | undefined => (server.control.state().rooms as RoomView[]).find((r) => r._id === rid);

async function inBoth(check: (page: Page) => Promise<unknown>): Promise<void> {
  for (const page of both()) await check(page);
}

describe('the chat in popup and side panel', () => {
  it('asks for a server when none is configured', async () => {
    await waitForText(both(), 'No support server yet');
    await inBoth(async (page) =>
      expect(await page.getByRole('button', { name: 'Open settings' }).isVisible()).toBe(true),
    );
    // One chat page serves both (components/chat-page.ts): each takes its layout, and only the popup offers the
    // side panel.
    expect(await pages.popup.locator('.lqs-app--popup').count()).toBe(1);
    expect(await pages.sidepanel.locator('.lqs-app--sidepanel').count()).toBe(1);
    expect(await pages.popup.getByRole('button', { name: 'Open in side panel' }).count()).toBe(1);
    expect(await pages.sidepanel.getByRole('button', { name: 'Open in side panel' }).count()).toBe(0);
  });

  it('shows the registration form exactly as the desk configures it', async () => {
    await ext.configure(server.url);
    await waitForText(both(), 'Start chat');
    await inBoth(async (page) => {
      expect(await page.locator('h1').innerText()).toBe('Acme Support');
      for (const label of ['Name', 'E-mail', 'I need help with', 'Order number (optional)']) {
        expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
      }
      expect(await page.getByLabel('I agree to the processing of my data.').count()).toBe(1);
    });
  });

  it('shows the queue position and wait while nobody has taken the chat', async () => {
    await registerVisitor(pages.popup);
    await sendText(pages.popup, 'Hello, I need help with **order 4821**');
    rid = await roomId(server);
    await waitForText(both(), 'You are number 1 in the queue.');
    await waitForText(both(), 'Estimated wait: about 1 minute.');
  });

  it('renders the agent joining, markdown, safe links, edits, deletes and typing in both directions', async () => {
    server.control.take(rid, { agent: 'maria.agent' });
    const said = server.control.say(rid, {
      text: 'Hi Ana! See **bold**, _italic_ and https://example.com/track or [bad](javascript:alert(1))',
    });
    const gone = server.control.say(rid, { text: 'This one will be deleted' });
    await waitForText(both(), 'This one will be deleted');
    await inBoth(async (page) => {
      expect(await page.locator('header').innerText()).toContain('Maria Souza');
      expect(await page.getByRole('log').innerText()).toContain('Maria Souza joined the chat');
      const bubble = page.locator(`[data-message-id="${String(said._id)}"]`);
      expect(await bubble.getAttribute('data-from')).toBe('agent');
      expect(await bubble.locator('strong').innerText()).toBe('bold');
      expect(await bubble.locator('em').innerText()).toBe('italic');
      const links = bubble.locator('a');
      expect(await links.count()).toBe(1);
      expect(await links.getAttribute('href')).toBe('https://example.com/track');
      expect(await links.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await page.locator('[data-from="visitor"] strong').innerText()).toBe('order 4821');
    });

    server.control.edit(rid, { messageId: String(said._id), text: 'Hi Ana! How can I help?' });
    server.control.delete(rid, { messageId: String(gone._id) });
    await waitForText(both(), 'How can I help?');
    await inBoth(async (page) => {
      await expect.poll(() => bubbleTexts(page)).not.toContain('This one will be deleted');
      expect(await page.locator(`[data-message-id="${String(said._id)}"] .lqs-bubble__edited`).innerText()).toBe(
        '(edited)',
      );
    });

    server.control.typing(rid, { typing: true });
    await waitForText(both(), 'Maria Souza is typing…');
    await front(pages.sidepanel);
    await pages.sidepanel.getByRole('textbox', { name: 'Message' }).fill('typing from the side panel');
    await expect.poll(() => room()?.visitorTyping, { timeout: 10_000 }).toBe(true);
    await pages.sidepanel.getByRole('textbox', { name: 'Message' }).fill('');
  });

  it('keeps the draft when the popup is closed and opened again', async () => {
    await front(pages.popup);
    await pages.popup.getByRole('textbox', { name: 'Message' }).fill('half-written question');
    await pages.popup.close();
    pages.popup = await ext.open('popup');
    const composer = pages.popup.getByRole('textbox', { name: 'Message' });
    await composer.waitFor();
    expect(await composer.inputValue()).toBe('half-written question');
    await composer.fill('');
  });

  it('previews a file before sending, refuses one that is too large, and shows the sent picture', async () => {
    await front(pages.popup);
    // Dragged over the chat, a file shows the drop target (its code loads then); dropped, it waits in the composer.
    const dragged = await pages.popup.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
      return transfer;
    });
    await pages.popup.dispatchEvent('.lqs-chat', 'dragover', { dataTransfer: dragged });
    await waitForText([pages.popup], 'Drop the file to attach it');
    await pages.popup.dispatchEvent('.lqs-chat', 'drop', { dataTransfer: dragged });
    await pages.popup.getByRole('button', { name: 'Remove notes.txt' }).click();

    const input = pages.popup.locator('input[type=file]');
    await input.setInputFiles({
      name: 'big.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(21 * 1024 * 1024),
    });
    await waitForText([pages.popup], 'big.bin is too large');
    expect(await pages.popup.getByRole('button', { name: 'Send message' }).isDisabled()).toBe(true);
    await pages.popup.getByRole('button', { name: 'Remove big.bin' }).click();

    const png = readFileSync(join(EXTENSION_DIR, 'icon/48.png'));
    await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    expect(await pages.popup.locator('.lqs-file__thumb').count()).toBe(1);
    await pages.popup.getByRole('textbox', { name: 'Message' }).fill('our logo');
    await pages.popup.getByRole('textbox', { name: 'Message' }).press('Enter');
    await inBoth(async (page) => {
      await expect.poll(() => page.locator('.lqs-attachment--image img').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByRole('log').innerText()).toContain('our logo');
    });
  });

  it('is honest about the connection: reconnect countdown and messages waiting to be sent', async () => {
    server.control.setFaults({ downForMs: 60_000 });
    await waitForText(both(), 'Reconnecting in');
    await sendText(pages.popup, 'sent while offline');
    await waitForText(both(), '1 message waiting to be sent');
    await inBoth(async (page) =>
      expect(await page.locator('[data-delivery="pending"]').innerText()).toContain('sent while offline'),
    );
    await heal(server, pages.popup);
    await expect
      .poll(() => room()?.messages.some((m) => m.msg === 'sent while offline'), { timeout: 20_000 })
      .toBe(true);
    await inBoth(async (page) =>
      expect.poll(() => page.locator('[data-delivery="pending"]').count(), { timeout: 10_000 }).toBe(0),
    );
  });

  it('switches department from the chat menu', async () => {
    const sidepanel = await front(pages.sidepanel);
    await sidepanel.getByRole('button', { name: 'Chat options' }).click();
    await sidepanel.getByRole('menuitem', { name: 'Change department' }).click();
    const dialog = sidepanel.getByRole('dialog', { name: 'Change department' });
    await dialog.getByLabel('Department').selectOption({ label: 'Sales' });
    await dialog.getByRole('button', { name: 'Change' }).click();
    await expect.poll(() => room()?.departmentId, { timeout: 10_000 }).toBe(SALES_DEPARTMENT_ID);
  });

  it('ends the chat after confirmation, then offers rating, transcript and a new chat', async () => {
    const popup = await front(pages.popup);
    await popup.getByRole('button', { name: 'Chat options' }).click();
    await popup.getByRole('menuitem', { name: 'End chat' }).click();
    const confirm = popup.getByRole('alertdialog', { name: 'End this chat?' });
    await confirm.getByRole('button', { name: 'End chat' }).click();
    await expect.poll(() => room()?.open, { timeout: 10_000 }).toBe(false);
    await waitForText(both(), 'How would you rate this chat?');
    await inBoth(async (page) => {
      expect(await page.getByRole('log').innerText()).toContain('You ended the chat');
      expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    });

    await popup.getByRole('group', { name: 'Overall' }).getByLabel('5 of 5 stars').check({ force: true });
    await popup.getByRole('textbox', { name: 'Comment' }).fill('Great help');
    await popup.getByRole('button', { name: 'Send rating' }).click();
    await waitForText(both(), 'Thanks for your feedback!');
    expect(room()?.surveyFeedback).toMatchObject({ satisfaction: '5', additionalFeedback: 'Great help' });

    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => (server.control.state().transcripts as unknown[]).length, { timeout: 10_000 }).toBe(1);

    await (await front(pages.sidepanel)).getByRole('button', { name: 'Start a new chat' }).click();
    await waitForText(both(), 'How can we help?');
  });

  it('shows the offline form with the desk texts when nobody is online, and sends it', async () => {
    setAgents(server, 'offline');
    await reloadDesk(server, both());
    await waitForText(both(), 'Leave a message');
    const popup = await front(pages.popup);
    await popup.getByLabel('Your message').fill('Please call me back');
    await popup.getByRole('button', { name: 'Send message' }).click();
    await waitForText([popup], 'We will write back soon.');
    const sent = server.control.state().offlineMessages as Array<{ message: string; name: string }>;
    expect(sent.map((m) => [m.name, m.message])).toEqual([['Ana Lima', 'Please call me back']]);
  });

  it('speaks the desk language when it differs from the browser', async () => {
    setAgents(server, 'online');
    server.control.settings({ language: 'pt-BR' });
    await reloadDesk(server, []);
    await waitForText(both(), 'Como podemos ajudar?', 20_000);
    await inBoth(async (page) => {
      expect(await page.getByRole('textbox', { name: 'Mensagem' }).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('pt-BR');
    });
    server.control.settings({ language: '' });
    await reloadDesk(server, []);
    await waitForText(both(), 'How can we help?', 20_000);
  });

  it('opens at the message of a clicked notification and clears the badge once seen', async () => {
    await sendText(pages.popup, 'New question');
    rid = await roomId(server);
    server.control.take(rid, { agent: 'joao.agent' });
    await waitForText(both(), 'João Pereira joined the chat');
    for (const surface of SURFACES) await pages[surface].close();

    const reply = server.control.say(rid, { text: 'Here is the answer you asked for' });
    await expect.poll(() => ext.notifications(), { timeout: 15_000 }).toHaveLength(1);
    await expect.poll(() => ext.badge()).toBe('1');
    // What the worker's notification click does, minus the OS notification the test cannot click.
    await ext.worker.evaluate(
      (id) =>
        (
          globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }
        ).chrome.storage.session.set({ focusMessage: id }),
      String(reply._id),
    );
    const panel = await ext.open('sidepanel');
    const target = panel.locator(`[data-message-id="${String(reply._id)}"]`);
    await expect.poll(() => target.getAttribute('data-highlight'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => ext.badge(), { timeout: 10_000 }).toBe('');
    await expect
      .poll(() =>
        ext.worker.evaluate(
          async () =>
            (
              await (
                globalThis as unknown as {
                  chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } };
                }
              ).chrome.storage.session.get('focusMessage')
            ).focusMessage ?? null,
        ),
      )
      .toBeNull();
    pages = { popup: await ext.open('popup'), sidepanel: panel };
  });

  it('says when live chat is turned off', async () => {
    server.control.settings({ enabled: false });
    await reloadDesk(server, []);
    await waitForText(both(), 'Live chat is turned off', 20_000);
  });

  it('declares the keyboard shortcut that opens the chat', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      commands?: Record<string, { suggested_key?: { default?: string } }>;
    };
    expect(manifest.commands?._execute_action?.suggested_key?.default).toBe('Alt+Shift+L');
  });
});
