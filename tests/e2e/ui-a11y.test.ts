/**
 * axe-core on every chat surface and the options page, light and dark: no serious or critical violation in
 * the registration form, a conversation (markdown, picture, menu open, a dialog), the closed chat with its
 * rating and transcript, the past conversations and a past chat, and the offline form.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver/index';
import { launchExtension, type Extension } from './harness';
import {
  axeViolations,
  front,
  openBoth,
  registerVisitor,
  reloadDesk,
  roomId,
  sendText,
  setAgents,
  SURFACES,
  listensForTyping,
  waitForText,
  type Surface,
} from './ui-flows';

let server: DevServer;
let ext: Extension;
let pages: Record<Surface, Page>;

beforeAll(async () => {
  server = await startDevServer({
    port: 0,
    profile: 'v8',
    settings: { transcript: true, forceAcceptDataProcessingConsent: true } as never,
    queueDebounceMs: 100,
  });
  ext = await launchExtension();
  await ext.configure(server.url);
  pages = await openBoth(ext);
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** Runs axe on `page` in light and dark; returns the findings by scheme. */
async function audit(page: Page): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found[scheme] = await axeViolations(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function auditBoth(): Promise<void> {
  for (const surface of SURFACES) {
    expect(await audit(pages[surface]), surface).toEqual({ light: [], dark: [] });
  }
}

const both = (): Page[] => SURFACES.map((surface) => pages[surface]);

describe('no serious or critical accessibility violation', () => {
  it('on the registration form', async () => {
    await waitForText(both(), 'Start chat');
    await auditBoth();
  });

  it('in a conversation, with the chat menu open and with a dialog open', async () => {
    await registerVisitor(pages.popup);
    await sendText(pages.popup, 'Hello, **bold** and a link https://example.com');
    const rid = await roomId(server);
    server.control.take(rid, { agent: 'maria.agent' });
    server.control.say(rid, { text: 'Hi! Try `code`, > a quote\n\n- a list\n- [docs](https://example.com/docs)' });
    await listensForTyping(server, rid);
    server.control.typing(rid, { typing: true });
    await waitForText(both(), 'is typing');
    await auditBoth();

    const popup = await front(pages.popup);
    await popup.getByRole('button', { name: 'Chat options' }).click();
    expect(await audit(popup)).toEqual({ light: [], dark: [] });
    await popup.getByRole('menuitem', { name: 'End chat' }).click();
    await popup.getByRole('alertdialog').waitFor();
    expect(await audit(popup)).toEqual({ light: [], dark: [] });
    await popup.getByRole('button', { name: 'Cancel' }).click();
    server.control.close(rid, {});
  });

  it('after the chat closed (rating, transcript, new chat)', async () => {
    await waitForText(both(), 'How would you rate this chat?');
    await auditBoth();
    await (await front(pages.popup)).getByRole('button', { name: 'Start a new chat' }).click();
  });

  it('in the past conversations and a past chat, with the forget dialog open', async () => {
    const popup = await front(pages.popup);
    await popup.getByRole('button', { name: 'Chat options' }).click();
    await popup.getByRole('menuitem', { name: 'Past conversations' }).click();
    await popup.locator('.lqs-past__item').first().waitFor();
    expect(await audit(popup)).toEqual({ light: [], dark: [] });
    await popup.locator('.lqs-past__item').first().click();
    await popup.getByRole('button', { name: 'Forget this conversation' }).waitFor();
    await waitForText([popup], 'a quote');
    expect(await audit(popup)).toEqual({ light: [], dark: [] });
    await popup.getByRole('button', { name: 'Forget this conversation' }).click();
    await popup.getByRole('alertdialog').waitFor();
    expect(await audit(popup)).toEqual({ light: [], dark: [] });
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('button', { name: 'Start a new chat' }).click();
  });

  it('on the offline form', async () => {
    setAgents(server, 'offline');
    await reloadDesk(server, both());
    await waitForText(both(), 'Leave a message');
    await auditBoth();
  });

  it('on the options page', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/options.html`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
    expect(await audit(page)).toEqual({ light: [], dark: [] });
    await page.close();
  });
});
