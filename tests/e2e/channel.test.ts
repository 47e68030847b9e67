/**
 * Chromium: the worker's messages reach an open chat on the page's own channel (lib/ui/channel-port.ts), not on
 * the runtime port, in order and without loss; when the worker stops, the page's new port brings a new channel
 * and the conversation goes on.
 */
import { afterAll, expect, it } from 'vitest';
import { bubbleTexts, startConversation, type Opened } from './flows';

const opened: Opened = {};

afterAll(async () => {
  await opened.ext?.close();
  await opened.server?.close();
});

/** Runs in the page before its scripts: the agent texts each way brought (`__arrived`), and the channels made. */
function countArrivals(): void {
  const arrived = { port: [] as string[], channel: [] as string[], channels: 0 };
  (window as unknown as { __arrived: typeof arrived }).__arrived = arrived;
  // oxlint-disable-next-line unicorn/consistent-function-scoping -- an init script runs as one function, alone
  const texts = (message: unknown): string[] => {
    const { events } = (message ?? {}) as { events?: unknown[] };
    return (events ?? [message])
      .map((event) => (event as { payload?: { text?: unknown } } | null)?.payload?.text)
      .filter((text): text is string => typeof text === 'string' && text.startsWith('agent says'));
  };
  const runtime = (
    globalThis as unknown as {
      chrome: {
        runtime: { connect: (...args: unknown[]) => { onMessage: { addListener(l: (m: unknown) => void): void } } };
      };
    }
  ).chrome.runtime;
  const connect = runtime.connect.bind(runtime);
  runtime.connect = (...args: unknown[]) => {
    const port = connect(...args);
    port.onMessage.addListener((message) => arrived.port.push(...texts(message)));
    return port;
  };
  const Native = globalThis.MessageChannel;
  globalThis.MessageChannel = class extends Native {
    constructor() {
      super();
      arrived.channels += 1;
      this.port1.addEventListener('message', (event) => arrived.channel.push(...texts(event.data)));
    }
  };
}

type Arrived = { port: string[]; channel: string[]; channels: number };

it('brings the agent’s messages on the page’s channel, and a new channel after the worker restarts', async () => {
  const { server, ext, rid, popup } = await startConversation(opened, { rateLimits: false });
  await popup.close();
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 380, height: 560 });
  await page.addInitScript(countArrivals);
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 20_000 });
  const first = Array.from({ length: 30 }, (_, i) => `agent says ${i + 1}`);
  for (const text of first) server.control.say(rid, { text });
  await expect.poll(async () => (await bubbleTexts(page)).at(-1), { timeout: 20_000 }).toBe('agent says 30');
  const arrived = () => page.evaluate(() => (window as unknown as { __arrived: Arrived }).__arrived);
  expect((await arrived()).channel).toEqual(first);
  expect((await arrived()).port).toEqual([]);
  expect((await bubbleTexts(page)).filter((text) => text.startsWith('agent says'))).toEqual(first);

  await ext.stopWorker();
  server.control.say(rid, { text: 'agent says after the restart' });
  await expect
    .poll(async () => (await bubbleTexts(page)).at(-1), { timeout: 30_000 })
    .toBe('agent says after the restart');
  server.control.say(rid, { text: 'agent says on the new channel' });
  await expect
    .poll(async () => (await bubbleTexts(page)).at(-1), { timeout: 20_000 })
    .toBe('agent says on the new channel');
  const after = await arrived();
  expect(after.channels).toBeGreaterThanOrEqual(2);
  expect(after.channel.at(-1)).toBe('agent says on the new channel');
  expect(after.port).not.toContain('agent says on the new channel');
}, 120_000);
