/**
 * A chat opened while the worker was stopped shows the first screen the worker stored (the newest messages) before
 * the worker has answered, then the worker's own state, with no message twice; what the visitor typed meanwhile
 * stays in the box, and what they sent meanwhile reaches the desk once. The worker's answers are held back in the
 * page until the test lets them through, so the order does not depend on how fast the worker wakes.
 */
import { afterAll, expect, it } from 'vitest';
import { FIRST_SCREEN_KEY } from '../../lib/first-screen';
import { bubbleTexts, expectOnceInOrder, serverTexts, startConversation, type Opened } from './flows';

/** The Chrome API inside the worker. */
declare const chrome: {
  storage: Record<'local' | 'session', { get(key: string): Promise<Record<string, unknown>> }>;
};

const opened: Opened = {};

afterAll(async () => {
  await opened.ext?.close();
  await opened.server?.close();
});

/** Runs in the page before its scripts: messages from the worker wait until `window.__release()`. */
function holdWorkerAnswers(): void {
  const runtime = (globalThis as unknown as { chrome: { runtime: { connect: (...args: unknown[]) => unknown } } })
    .chrome.runtime;
  const connect = runtime.connect.bind(runtime);
  const held: Array<() => void> = [];
  let released = false;
  (window as unknown as { __release: () => void }).__release = () => {
    released = true;
    for (const deliver of held.splice(0)) deliver();
  };
  runtime.connect = (...args: unknown[]) => {
    const port = connect(...args) as { onMessage: { addListener(listener: (message: unknown) => void): void } };
    const listeners: Array<(message: unknown) => void> = [];
    port.onMessage.addListener((message) => {
      const deliver = (): void => listeners.forEach((listener) => listener(message));
      if (released) deliver();
      else held.push(deliver);
    });
    return new Proxy(port, {
      get(target, key) {
        if (key === 'onMessage') {
          return {
            addListener: (listener: (message: unknown) => void) => void listeners.push(listener),
            removeListener: (listener: (message: unknown) => void) => {
              const at = listeners.indexOf(listener);
              if (at >= 0) listeners.splice(at, 1);
            },
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
}

/**
 * Runs in the page before its scripts: counts the date formatters it makes (the first loads its language's data, on
 * the first screen's path in a new renderer) and notes how many there were when it opened its port to the worker.
 */
function countFormatters(): void {
  const counts = { made: 0, atConnect: -1 };
  (window as unknown as { __formatters: typeof counts }).__formatters = counts;
  Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
    construct: (target, args: unknown[]) => ((counts.made += 1), Reflect.construct(target, args) as object),
  });
  const runtime = (globalThis as unknown as { chrome: { runtime: { connect: (...args: unknown[]) => unknown } } })
    .chrome.runtime;
  const connect = runtime.connect.bind(runtime);
  runtime.connect = (...args: unknown[]) => ((counts.atConnect = counts.made), connect(...args));
}

it('opens on the stored newest messages while the worker wakes, then its live state without duplicates', async () => {
  const { server, ext, rid, popup } = await startConversation(opened, { rateLimits: false });
  const agent = Array.from({ length: 40 }, (_, i) => `agent line ${String(i + 1).padStart(2, '0')}`);
  for (const text of agent) server.control.say(rid, { text });
  await expect.poll(async () => (await bubbleTexts(popup)).at(-1), { timeout: 20_000 }).toBe('agent line 40');
  // The last chat to close leaves its first screen for the next one.
  await popup.close();
  await expect
    .poll(async () =>
      JSON.stringify(await ext.worker.evaluate((key) => chrome.storage.local.get(key), FIRST_SCREEN_KEY)),
    )
    .toContain('agent line 40');
  // Both copies: the session one a page reads first, the local one for after a browser restart.
  const copies = () =>
    ext.worker.evaluate(
      async (key) => [(await chrome.storage.session.get(key))[key], (await chrome.storage.local.get(key))[key]],
      FIRST_SCREEN_KEY,
    );
  await expect.poll(async () => new Set((await copies()).map((copy) => JSON.stringify(copy))).size).toBe(1);
  await ext.stopWorker();
  // Written while the worker sleeps: only the worker's snapshot can bring it.
  server.control.say(rid, { text: 'agent line 41' });

  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 380, height: 560 });
  await page.addInitScript(holdWorkerAnswers);
  await page.addInitScript(countFormatters);
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  await expect.poll(async () => (await bubbleTexts(page)).at(-1), { timeout: 20_000 }).toBe('agent line 40');
  expect(await bubbleTexts(page)).not.toContain('hello');
  // Its times came stored as texts: the page drew them and opened its port before making any formatter.
  const formatters = () => page.evaluate(() => (window as unknown as { __formatters: object }).__formatters);
  await expect.poll(formatters).toMatchObject({ atConnect: 0 });
  expect(await page.locator('.lqs-group__meta').last().textContent()).toMatch(/\d/);
  const composer = page.getByRole('textbox', { name: 'Message' });
  expect(await composer.isEnabled()).toBe(true);
  await composer.fill('sent before the worker answered');
  await composer.press('Enter');
  await composer.fill('still being written');

  await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
  const sent = 'sent before the worker answered';
  await expect
    .poll(async () => (await bubbleTexts(page)).filter((text) => text === 'agent line 41' || text === sent), {
      timeout: 20_000,
    })
    .toEqual(['agent line 41', sent]);
  const texts = await bubbleTexts(page);
  expect(new Set(texts).size).toBe(texts.length);
  expectOnceInOrder(texts, [...agent.slice(-20), 'agent line 41', sent]);
  expect(await composer.inputValue()).toBe('still being written');
  expect(await composer.evaluate((box) => box === document.activeElement)).toBe(true);
  await expect.poll(() => serverTexts(server, rid).filter((text) => text === sent).length, { timeout: 20_000 }).toBe(1);
}, 120_000);
