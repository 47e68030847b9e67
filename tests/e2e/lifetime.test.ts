/**
 * The worker's lifetime under Chrome's real MV3 rules (idle stop after 30 s), observed without attaching to it:
 * while a room is open it keeps its socket, and so itself, alive; with nothing to do it lets the browser stop it.
 */
import { afterEach, expect, it } from 'vitest';
import { startDevServer, type DevServer, type LogEntry } from '../../devserver/index';
import { PROTOCOL_VERSION } from '../../lib/messaging';
import { latestRoom, roomCount } from './flows';
import { launchRawChromium, type RawChromium } from './raw-chromium';

let server: DevServer | undefined;
let browser: RawChromium | undefined;

afterEach(async () => {
  await browser?.close();
  await server?.close();
  browser = undefined;
  server = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const connects = (log: LogEntry[]) => log.filter((e) => e.transport === 'ddp' && e.kind === 'connect').length;

function configure(raw: RawChromium, url: string): Promise<unknown> {
  const settings = { serverUrl: url, name: 'Ana Lima', email: 'ana@example.com', notifications: true };
  return raw.evaluateInPage('options.html', `chrome.storage.local.set({ settings: ${JSON.stringify(settings)} })`);
}

/** Registers and writes through the worker's port protocol, from an extension page that then closes. */
function startConversation(raw: RawChromium): Promise<unknown> {
  return raw.evaluateInPage(
    'options.html',
    `new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'livechat-ui' });
      port.onMessage.addListener((m) => { if (m.kind === 'response' && m.id === 'send') resolve(m.ok); });
      port.postMessage({ v: ${PROTOCOL_VERSION}, kind: 'request', id: 'reg', op: 'chat/register', params: { name: 'Ana Lima', email: 'ana@example.com' } });
      port.postMessage({ v: ${PROTOCOL_VERSION}, kind: 'request', id: 'send', op: 'chat/send', params: { text: 'hello' } });
    })`,
  );
}

it(
  'keeps the link and the worker alive past the idle limit while a room is open, with no UI',
  { timeout: 90_000 },
  async () => {
    server = await startDevServer({ port: 0 });
    browser = await launchRawChromium();
    await configure(browser, server.url);
    expect(await startConversation(browser)).toBe(true);
    await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(1);
    const rid = latestRoom(server)._id;
    server.control.take(rid);
    const before = connects(server.control.log());

    await sleep(45_000);
    expect(await browser.workerRunning()).toBe(true);
    expect(connects(server.control.log())).toBe(before);
    // No chat is open, so the agent sees the visitor away; the link never closed, or the server would say offline.
    expect(latestRoom(server).visitor.status).toBe('away');

    server.control.say(rid, { text: 'still there?' });
    await expect
      .poll(
        async () =>
          JSON.stringify(await browser?.evaluateInPage('options.html', `chrome.storage.local.get(null)`)).includes(
            'still there?',
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
  },
);

it('lets the browser stop the worker when no room is open and no chat is shown', { timeout: 90_000 }, async () => {
  server = await startDevServer({ port: 0 });
  browser = await launchRawChromium();
  await configure(browser, server.url);
  // A chat UI opens the link; once it closes with no conversation, the worker drops it and may sleep.
  await browser.evaluateInPage(
    'popup.html',
    `new Promise((resolve) => {
      const timer = setInterval(() => {
        if (!document.body.innerText.includes('Connected')) return;
        clearInterval(timer);
        resolve(true);
      }, 100);
    })`,
  );
  expect(connects(server.control.log())).toBeGreaterThan(0);
  await expect.poll(() => browser?.workerRunning(), { timeout: 60_000, interval: 1000 }).toBe(false);
});
