/**
 * Never miss, never lose, never duplicate: the conversation comes through a stopped worker, dropping sockets, a
 * server outage, duplicated stream frames and a browser restart. Every check counts from the server's record and
 * the UI's DOM, not from the worker's own bookkeeping.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension } from './harness';
import {
  bubbleTexts,
  expectOnceInOrder,
  send,
  serverTexts,
  startConversation,
  wholeLogTexts,
  type Opened,
} from './flows';

const opened: Opened = {};

afterEach(async () => {
  await opened.ext?.close();
  await opened.server?.close();
  opened.ext = undefined;
  opened.server = undefined;
});

/** A conversation with an agent on it; returns the room id and the open popup. */
async function startChat(options: Parameters<typeof startConversation>[1] = {}) {
  const { server, ext, rid, popup } = await startConversation(opened, options);
  return { srv: server, extension: ext, rid, popup };
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix} ${String(i + 1).padStart(3, '0')}`);

describe('chaos', () => {
  it('a worker stopped mid-conversation misses none of 20 agent messages, and keeps one notification', async () => {
    const { srv, extension, rid, popup } = await startChat();
    await popup.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const agent = numbered('agent', 20);
    for (const text of agent.slice(0, 10)) srv.control.say(rid, { text });
    // One notification per desk, updated in place with the count: ten replies never make ten notifications.
    await expect.poll(() => extension.badge(), { timeout: 15_000 }).toBe('10');
    await expect.poll(() => extension.notifications(), { timeout: 15_000 }).toHaveLength(1);

    await extension.stopWorker();
    for (const text of agent.slice(10)) srv.control.say(rid, { text });

    // Nothing open: the keep-alive alarm (≤ 30 s) brings the worker back; it catches up and notifies what it
    // missed in its one notification. Chrome drops the notifications of a stopped worker, so "each exactly once" is read off
    // the badge, which counts every agent message the visitor was told about once.
    await expect.poll(() => extension.badge(), { timeout: 80_000, interval: 1000 }).toBe('20');
    await expect.poll(() => extension.notifications(), { timeout: 10_000 }).toHaveLength(1);

    const reopened = await extension.open('popup');
    await expect.poll(async () => (await bubbleTexts(reopened)).filter((t) => t.startsWith('agent')).length).toBe(20);
    expectOnceInOrder(await bubbleTexts(reopened), agent);
    expectOnceInOrder(serverTexts(srv, rid), agent);
  });

  it(
    'every message of a 200-each-way exchange arrives once and in order while sockets keep dropping',
    { timeout: 240_000 },
    async () => {
      const { srv, rid, popup } = await startChat({ rateLimits: false });
      srv.control.setFaults({ dropEveryFrames: 20 });
      const visitor = numbered('visitor', 200);
      const agent = numbered('agent', 200);
      for (let i = 0; i < 200; i += 1) {
        await send(popup, visitor[i] ?? '');
        srv.control.say(rid, { text: agent[i] ?? '' });
      }
      // The log renders a window of the newest messages: the last of each side on screen means they have arrived.
      await expect
        .poll(
          async () => {
            const texts = await bubbleTexts(popup);
            return texts.includes(visitor[199] ?? '') && texts.includes(agent[199] ?? '');
          },
          { timeout: 120_000, interval: 1000 },
        )
        .toBe(true);
      await expect
        .poll(() => serverTexts(srv, rid).filter((t) => t.startsWith('visitor')).length, { timeout: 60_000 })
        .toBe(200);
      srv.control.setFaults({});
      const shown = await wholeLogTexts(popup, 'hello');
      expectOnceInOrder(shown, visitor);
      expectOnceInOrder(shown, agent);
      expectOnceInOrder(serverTexts(srv, rid), visitor);
      expect(await popup.locator('[data-delivery=pending], [data-delivery=failed]').count()).toBe(0);
    },
  );

  it('messages typed while the server is down show pending, then are delivered once', async () => {
    const { srv, rid, popup } = await startChat();
    srv.control.setFaults({ downForMs: 10_000 });
    const typed = numbered('offline', 5);
    for (const text of typed) await send(popup, text);
    await expect.poll(() => popup.locator('[data-delivery=pending]').count()).toBe(5);
    await expect
      .poll(() => popup.locator('[data-delivery=pending]').count(), { timeout: 60_000, interval: 500 })
      .toBe(0);
    expectOnceInOrder(serverTexts(srv, rid), typed);
    expectOnceInOrder(await bubbleTexts(popup), typed);
  });

  it('stream frames sent twice still show each message once', async () => {
    const { srv, rid, popup } = await startChat();
    srv.control.setFaults({ duplicateStreamFrames: true });
    const agent = numbered('twice', 5);
    for (const text of agent) srv.control.say(rid, { text });
    await send(popup, 'and mine');
    await expect.poll(async () => (await bubbleTexts(popup)).includes('twice 005'), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await bubbleTexts(popup)).includes('and mine'), { timeout: 15_000 }).toBe(true);
    const shown = await bubbleTexts(popup);
    expectOnceInOrder(shown, agent);
    expectOnceInOrder(shown, ['hello', 'and mine']);
  });

  it('closing and reopening the browser brings the conversation back, and it continues', async () => {
    const { srv, extension, rid, popup } = await startChat();
    srv.control.say(rid, { text: 'before restart' });
    await expect
      .poll(async () => (await bubbleTexts(popup)).includes('before restart'), { timeout: 15_000 })
      .toBe(true);
    const profile = extension.profileDir;
    await extension.close({ keepProfile: true });
    opened.ext = await launchExtension(profile);
    const again = await opened.ext.open('popup');
    await expect
      .poll(async () => (await bubbleTexts(again)).includes('before restart'), { timeout: 15_000 })
      .toBe(true);
    await send(again, 'after restart');
    // The agent answers what it has read: the expected order is only defined once the visitor's message is there.
    await expect.poll(() => serverTexts(srv, rid), { timeout: 15_000 }).toContain('after restart');
    srv.control.say(rid, { text: 'agent after restart' });
    await expect
      .poll(async () => (await bubbleTexts(again)).includes('agent after restart'), { timeout: 15_000 })
      .toBe(true);
    expectOnceInOrder(await bubbleTexts(again), ['hello', 'before restart', 'after restart', 'agent after restart']);
    expectOnceInOrder(serverTexts(srv, rid), ['hello', 'before restart', 'after restart', 'agent after restart']);
  });
});
