/**
 * `npm run screenshots` (after `wxt build`): drives the built extension through every chat state against an
 * in-process devserver and writes `docs/screenshots/<surface>-<state>.png` for the popup and the side panel,
 * plus `-dark` variants of the main states and the options page. Each state is put in place with devserver's
 * control API and the UI itself, exactly as a visitor and an agent would get there.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevServer, type DevServer } from '../devserver/index';
import { launchExtension, type Extension } from '../tests/e2e/harness';
import {
  front,
  heal,
  openBoth,
  reloadDesk,
  registerVisitor,
  roomId,
  sendText,
  setAgents,
  SURFACES,
  waitFor,
  waitForText,
  type Surface,
} from '../tests/e2e/ui-flows';

const OUT = resolve('docs/screenshots');

type Pages = Record<Surface, Page>;

const DESK = {
  title: 'Acme Support',
  color: '#4f46e5',
  transcript: true,
  forceAcceptDataProcessingConsent: true,
  dataProcessingConsentText: 'I agree that Acme may keep this conversation to answer my request.',
  registrationFormMessage: 'Hi! Tell us who you are and we will be right with you.',
  conversationFinishedText: 'Thanks for chatting with Acme.',
};

async function shoot(pages: Pages, state: string, { dark = false } = {}): Promise<void> {
  for (const surface of SURFACES) {
    const page = pages[surface];
    await page.screenshot({ path: join(OUT, `${surface}-${state}.png`), animations: 'disabled' });
    if (dark) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(OUT, `${surface}-${state}-dark.png`), animations: 'disabled' });
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
  console.log(`  ${state}${dark ? ' (+dark)' : ''}`);
}

/** A small picture of a receipt to upload, drawn by the browser itself. */
async function receiptPng(ext: Extension): Promise<Buffer> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 360, height: 220 });
  await page.setContent(`<div id="r" style="width:340px;padding:18px;font:15px system-ui;background:#fffbea;
    border:1px solid #e8dca0;border-radius:10px;color:#3d3520"><b style="font-size:18px">ACME — Receipt</b>
    <p style="margin:10px 0">Order #4821 · 12 Jan 2026</p><p style="margin:4px 0">Trail running shoes ×1 — €89.00</p>
    <p style="margin:4px 0">Shipping (standard) — €4.90</p><hr><b>Total €93.90</b></div>`);
  const png = await page.locator('#r').screenshot();
  await page.close();
  return png;
}

/** The desk's trigger greets the visitor who opened the chat, as the agent the queue would pick. */
async function greeting(server: DevServer, pages: Pages): Promise<void> {
  server.control.settings({
    triggers: [
      {
        _id: 'welcome',
        name: 'Welcome',
        enabled: true,
        runOnce: false,
        conditions: [{ name: 'chat-opened-by-visitor', value: '' }],
        actions: [
          {
            name: 'send-message',
            params: { sender: 'queue', msg: 'Hi there! Questions about an order or a return? I am here to help.' },
          },
        ],
      },
    ],
  });
  await reloadDesk(server, []);
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'I am here to help',
    20_000,
  );
  await shoot(pages, 'greeting', { dark: true });
  // Read again at the next reconnect: later states show a desk without triggers.
  server.control.settings({ triggers: [] });
}

async function conversation(server: DevServer, ext: Extension, pages: Pages): Promise<string> {
  const { popup } = pages;
  await registerVisitor(popup);
  await sendText(popup, 'Hi! My order #4821 has not arrived yet.');
  const rid = await roomId(server);
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'in the queue',
  );
  await shoot(pages, 'waiting');

  server.control.take(rid, { agent: 'maria.agent' });
  const first = server.control.say(rid, { text: "Hi Ana! I'm sorry about that — let me check order **#4821**." });
  server.control.say(rid, {
    text:
      'It left our warehouse yesterday, you can follow it here: https://track.example.com/4821\n' +
      '- Standard shipping: *2–3 days*\n- Express: *next day*',
  });
  server.control.edit(rid, {
    messageId: String(first._id),
    text: "Hi Ana! I'm so sorry about that — let me check order **#4821** right away.",
  });
  await waitForText([popup], 'Express');
  await front(popup);
  await popup.locator('input[type=file]').setInputFiles({
    name: 'receipt.png',
    mimeType: 'image/png',
    buffer: await receiptPng(ext),
  });
  await sendText(popup, 'Thanks! Here is my receipt.');
  await waitFor('the uploaded receipt', () => popup.locator('.lqs-attachment--image img').count());
  await popup.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>('.lqs-attachment--image img')].every((i) => i.complete),
  );
  server.control.typing(rid, { typing: true });
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'is typing',
  );
  await shoot(pages, 'conversation', { dark: true });
  return rid;
}

/** The visitor comes back to replies that arrived while the chat was closed: "New messages" marks them. */
async function newMessages(server: DevServer, ext: Extension, rid: string, pages: Pages): Promise<Pages> {
  for (const surface of SURFACES) await pages[surface].close();
  server.control.typing(rid, { typing: false });
  server.control.say(rid, { text: 'Good news: it is with the courier now.' });
  server.control.say(rid, { text: 'It should reach you **tomorrow before noon**.' });
  await waitFor('the badge', async () => (await ext.badge()) === '2');
  const popup = await ext.open('popup');
  await waitForText([popup], 'tomorrow before noon');
  await popup.screenshot({ path: join(OUT, 'popup-new-messages.png'), animations: 'disabled' });
  console.log('  new-messages (popup)');
  return { popup, sidepanel: await ext.open('sidepanel') };
}

async function dialogs(pages: Pages): Promise<void> {
  for (const [item, state] of [
    ['End chat', 'confirm-close'],
    ['Change department', 'department'],
  ] as const) {
    for (const surface of SURFACES) {
      const page = await front(pages[surface]);
      await page.getByRole('button', { name: 'Chat options' }).click();
      await page.getByRole('menuitem', { name: item }).click();
      await page.getByRole(state === 'confirm-close' ? 'alertdialog' : 'dialog').waitFor();
    }
    await shoot(pages, state);
    for (const surface of SURFACES) await (await front(pages[surface])).getByRole('button', { name: 'Cancel' }).click();
  }
}

/** The agent starts a video call: the chat shows it with a Join call button (issue 10 §2). */
async function videoCall(server: DevServer, rid: string, pages: Pages): Promise<void> {
  server.control.call(rid);
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'Join call',
  );
  await shoot(pages, 'video-call', { dark: true });
}

/** "Send a screenshot": the picture is shown for confirmation first (here a capture of the agent console). */
async function screenshotConfirm(server: DevServer, ext: Extension, pages: Pages): Promise<void> {
  const site = await ext.context.newPage();
  await site.setViewportSize({ width: 1024, height: 640 });
  await site.goto(`${server.url}/agent`);
  const png = (await site.screenshot()).toString('base64');
  await site.close();
  for (const surface of SURFACES) {
    const page = await front(pages[surface]);
    // Headless Chromium has no toolbar click to grant activeTab: the capture answers as it does under the grant.
    await page.evaluate((data) => {
      const tabs = (globalThis as unknown as { chrome: { tabs: Record<string, unknown> } }).chrome.tabs;
      tabs.captureVisibleTab = async () => `data:image/png;base64,${data}`;
    }, png);
    await page.getByRole('button', { name: 'Chat options' }).click();
    await page.getByRole('menuitem', { name: 'Send a screenshot' }).click();
    await page.getByRole('dialog', { name: 'Send this screenshot?' }).getByRole('img').waitFor();
  }
  await shoot(pages, 'screenshot-confirm', { dark: true });
  for (const surface of SURFACES) await (await front(pages[surface])).getByRole('button', { name: 'Cancel' }).click();
}

/** A file on its way: sent from the popup, shown by both (the worker owns it), held by a slow link. */
async function uploading(server: DevServer, pages: Pages): Promise<void> {
  server.control.setFaults({ slowUploadMs: 120_000 });
  const popup = await front(pages.popup);
  await popup.locator('input[type=file]').setInputFiles({
    name: 'order-4821-invoice.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(900 * 1024, 37),
  });
  await popup.getByRole('textbox', { name: 'Message' }).press('Enter');
  for (const surface of SURFACES) {
    const row = (await front(pages[surface])).locator('.lqs-upload[data-phase="sending"]');
    await waitFor('the upload row', async () => (await row.count()) === 1);
  }
  await shoot(pages, 'upload-progress', { dark: true });
  await popup.getByRole('button', { name: 'Cancel sending order-4821-invoice.pdf' }).click();
  server.control.setFaults({});
}

async function reconnecting(server: DevServer, pages: Pages): Promise<void> {
  server.control.setFaults({ downForMs: 120_000 });
  await waitForText([pages.popup], 'Reconnecting in');
  await sendText(pages.popup, 'Are you still there?');
  await waitForText([pages.popup, pages.sidepanel], '1 message waiting to be sent');
  await shoot(pages, 'reconnecting');
  await heal(server, pages.popup);
}

async function ended(server: DevServer, rid: string, pages: Pages): Promise<void> {
  server.control.close(rid, { comment: 'Your parcel arrives tomorrow. Have a great day!' });
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'How would you rate this chat?',
  );
  await shoot(pages, 'ended', { dark: true });
  const popup = await front(pages.popup);
  for (const [item, n] of [
    ['satisfaction', 5],
    ['agentKnowledge', 5],
    ['agentResposiveness', 4],
    ['agentFriendliness', 5],
  ] as const) {
    for (const page of SURFACES.map((s) => pages[s])) await page.locator(`label[for="lqs-star-${item}-${n}"]`).click();
  }
  for (const page of SURFACES.map((s) => pages[s])) {
    await page.getByRole('textbox', { name: 'Comment' }).fill('Quick and friendly, thanks!');
  }
  await shoot(pages, 'ended-survey', { dark: true });
  await popup.getByRole('button', { name: 'Send rating' }).click();
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForText([popup], 'Thanks for your feedback!');
  await shoot(pages, 'ended-rated');
  await popup.getByRole('button', { name: 'Start a new chat' }).click();
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'How can we help?',
  );
  await shoot(pages, 'new-chat');
}

/** The chat that just ended, kept among the past conversations: the list, then that chat read-only (issue 11). */
async function pastChats(rid: string, pages: Pages): Promise<void> {
  for (const surface of SURFACES) {
    const page = await front(pages[surface]);
    await page.getByRole('button', { name: 'Chat options' }).click();
    await page.getByRole('menuitem', { name: 'Past conversations' }).click();
    await page.locator(`[data-room-id="${rid}"]`).waitFor();
  }
  await shoot(pages, 'past-list', { dark: true });
  for (const surface of SURFACES) {
    const page = await front(pages[surface]);
    await page.locator(`[data-room-id="${rid}"]`).click();
    await page.getByRole('button', { name: 'Forget this conversation' }).waitFor();
  }
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'tomorrow before noon',
  );
  await shoot(pages, 'past-chat', { dark: true });
  for (const surface of SURFACES) {
    await (await front(pages[surface])).getByRole('button', { name: 'Start a new chat' }).click();
  }
}

async function offline(server: DevServer, pages: Pages): Promise<void> {
  setAgents(server, 'offline');
  const all = SURFACES.map((s) => pages[s]);
  await reloadDesk(server, all);
  await waitForText(all, 'Leave a message');
  await shoot(pages, 'offline-form', { dark: true });
  const popup = await front(pages.popup);
  await popup.getByLabel('Your message').fill('Could you call me back about order #4821 tomorrow morning?');
  await popup.getByRole('button', { name: 'Send message' }).click();
  await waitForText([popup], 'Message sent');
  await shoot(pages, 'offline-sent');
}

async function portuguese(server: DevServer, pages: Pages): Promise<void> {
  server.control.settings({ language: 'pt-BR' });
  setAgents(server, 'online');
  for (const surface of SURFACES) await pages[surface].reload();
  await reloadDesk(server, []);
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'Como podemos ajudar?',
    20_000,
  );
  const composer = (await front(pages.popup)).getByRole('textbox', { name: 'Mensagem' });
  await composer.fill('Olá! Preciso trocar o tamanho do meu tênis.');
  await composer.press('Enter');
  const rid = await roomId(server);
  server.control.take(rid, { agent: 'joao.agent' });
  server.control.say(rid, { text: 'Oi Ana! Claro, qual tamanho você precisa?' });
  await waitForText(
    SURFACES.map((s) => pages[s]),
    'qual tamanho',
  );
  await shoot(pages, 'conversation-pt-BR');
}

async function options(ext: Extension, name = 'options'): Promise<void> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 720, height: 620 });
  await page.goto(`chrome-extension://${ext.id}/options.html`);
  await page.getByRole('button', { name: 'Save' }).waitFor();
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(OUT, `${name}-dark.png`), fullPage: true });
  await page.close();
  console.log(`  ${name} (+dark)`);
}

/** The desk switcher open over a second desk's conversation with a reply waiting on the first: two devservers. */
async function deskSwitcher(): Promise<void> {
  const desks = await Promise.all([
    startDevServer({ port: 0, profile: 'v8', settings: { title: 'Acme Support', color: '#4f46e5' } as never }),
    startDevServer({ port: 0, profile: 'v8', settings: { title: 'Globex Help', color: '#0f766e' } as never }),
  ]);
  const [acme, globex] = desks;
  const ext = await launchExtension();
  try {
    await ext.worker.evaluate(
      async (urls) => {
        const settings = { serverUrl: urls[0], desks: urls, name: '', email: '', notifications: true };
        const { chrome } = globalThis as unknown as {
          chrome: { storage: { local: { set(v: object): Promise<void> } } };
        };
        await chrome.storage.local.set({ settings });
      },
      desks.map((desk) => desk.url),
    );
    let pages = await openBoth(ext);
    await registerVisitor(pages.popup);
    await sendText(pages.popup, 'Is my order on its way?');
    const acmeRoom = await roomId(acme);
    acme.control.take(acmeRoom);
    for (const surface of SURFACES) await pages[surface].close();
    pages = await openBoth(ext);
    for (const surface of SURFACES) {
      const page = pages[surface];
      await page.getByRole('button', { name: /^Switch desk/ }).click();
      await page.getByRole('menuitemradio', { name: /^Globex Help/ }).click();
    }
    await registerVisitor(pages.popup);
    await sendText(pages.popup, 'Hello Globex, a question about my invoice');
    globex.control.take(await roomId(globex));
    acme.control.say(acmeRoom, { text: 'Yes, it ships today.' });
    for (const surface of SURFACES) {
      await waitFor('the unread count on the switcher', () =>
        pages[surface].getByRole('button', { name: 'Switch desk (1 unread on other desks)' }).isVisible(),
      );
      await pages[surface].getByRole('button', { name: /^Switch desk/ }).click();
      await pages[surface].getByRole('menu').waitFor();
    }
    await shoot(pages, 'desk-switcher', { dark: true });
    await options(ext, 'options-desks');
  } finally {
    await ext.close();
    await Promise.all(desks.map((desk) => desk.close()));
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // `npm run screenshots -- desks`: only the states of several desks.
  if (process.argv.includes('desks')) return deskSwitcher();
  const server = await startDevServer({ port: 0, profile: 'v8', settings: DESK as never });
  const ext = await launchExtension();
  try {
    console.log(`writing ${OUT}`);
    let pages = await openBoth(ext);
    await waitForText(
      SURFACES.map((s) => pages[s]),
      'No support server yet',
    );
    await shoot(pages, 'unconfigured');

    await ext.configure(server.url);
    await waitForText(
      SURFACES.map((s) => pages[s]),
      'Start chat',
    );
    await shoot(pages, 'register', { dark: true });
    await greeting(server, pages);

    const rid = await conversation(server, ext, pages);
    pages = await newMessages(server, ext, rid, pages);
    await dialogs(pages);
    await videoCall(server, rid, pages);
    await screenshotConfirm(server, ext, pages);
    await uploading(server, pages);
    await reconnecting(server, pages);
    await ended(server, rid, pages);
    await pastChats(rid, pages);
    await offline(server, pages);
    await portuguese(server, pages);

    server.control.settings({ enabled: false, language: '' });
    for (const surface of SURFACES) await pages[surface].close();
    pages = await openBoth(ext);
    await reloadDesk(server, []);
    await waitForText(
      SURFACES.map((s) => pages[s]),
      'Live chat is turned off',
      20_000,
    );
    await shoot(pages, 'disabled');

    await options(ext);
  } finally {
    await ext.close();
    await server.close();
  }
  await deskSwitcher();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
