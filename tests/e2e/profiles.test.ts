/**
 * The same conversation against every Rocket.Chat line the devserver imitates. Each profile also proves which path
 * the client took: the seed's DDP methods where they exist, their REST twins where a 404 said they are gone, and a
 * removed method is never called again after its first 404 (not even after a reconnect).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, startDevServer, type DevServer, type LogEntry, type Profile } from '../../devserver/index';
import { launchExtension, type Extension } from './harness';
import { bubbleTexts, latestRoom, register, send, roomCount } from './flows';
import { front, reloadDesk, setAgents, waitForText } from './ui-flows';

/** Seed methods each profile no longer has (SPEC §0, §2.1, §8), with the operation's REST twin. */
const REMOVED: Record<Profile, Array<[method: string, rest: string]>> = {
  legacy: [],
  v6: [['livechat:getInitialData', '/api/v1/livechat/config']],
  v7: [
    ['livechat:getInitialData', '/api/v1/livechat/config'],
    ['livechat:registerGuest', '/api/v1/livechat/visitor'],
    ['livechat:getAgentData', '/api/v1/livechat/agent.info'],
    ['livechat:loadHistory', '/api/v1/livechat/messages.history'],
  ],
  v8: [
    ['livechat:getInitialData', '/api/v1/livechat/config'],
    ['livechat:registerGuest', '/api/v1/livechat/visitor'],
    ['livechat:getAgentData', '/api/v1/livechat/agent.info'],
    ['livechat:loadHistory', '/api/v1/livechat/messages.history'],
  ],
};

const ddpCalls = (log: LogEntry[], method: string) =>
  log.filter((e) => e.transport === 'ddp' && e.kind === 'method' && e.name === method);
const restCalls = (log: LogEntry[], prefix: string) =>
  log.filter((e) => e.transport === 'rest' && e.name.startsWith(prefix));

describe.each(PROFILES)('against a %s server', (profile) => {
  let server: DevServer;
  let ext: Extension;

  beforeAll(async () => {
    server = await startDevServer({ port: 0, profile, settings: { transcript: true } });
    ext = await launchExtension();
    await ext.configure(server.url);
  });

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('registers, writes, gets the agent, its typing and its replies', async () => {
    const popup = await ext.open('popup');
    await register(popup);
    await send(popup, `hello from ${profile}`);
    await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(1);
    const room = latestRoom(server);
    expect(room.visitor.name).toBe('Ana Lima');
    const clientRid = ddpCalls(server.control.log(), 'sendMessageLivechat')[0]?.params;
    // ≤ 6.x honour the room id the client proposed; 7.x+ pick their own, which the client adopts.
    const proposed = (Array.isArray(clientRid) ? (clientRid[0] as { rid?: string }) : undefined)?.rid;
    if (profile === 'legacy' || profile === 'v6') expect(room._id).toBe(proposed);
    else expect(room._id).not.toBe(proposed);

    server.control.take(room._id);
    await expect.poll(() => popup.locator('header').innerText(), { timeout: 15_000 }).toContain('Maria');
    server.control.typing(room._id, { typing: true });
    await expect.poll(() => popup.getByText(/typing/i).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    server.control.say(room._id, { text: `reply on ${profile}` });
    await expect
      .poll(async () => (await bubbleTexts(popup)).includes(`reply on ${profile}`), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => popup.getByText(/typing/i).count(), { timeout: 15_000 }).toBe(0);
    expect(await bubbleTexts(popup)).toEqual([`hello from ${profile}`, `reply on ${profile}`]);
    await popup.close();
  });

  it('takes each removed method once, then only its REST twin, across reconnects', async () => {
    // An outage forces a reconnect, after which the client reads the config and the missed history again.
    const popup = await ext.open('popup');
    server.control.setFaults({ downForMs: 500 });
    server.control.say(latestRoom(server)._id, { text: 'after the reconnect' });
    await expect
      .poll(async () => (await bubbleTexts(popup)).includes('after the reconnect'), { timeout: 20_000 })
      .toBe(true);
    const log = server.control.log();
    expect(log.filter((e) => e.transport === 'ddp' && e.kind === 'connect').length).toBeGreaterThanOrEqual(2);
    for (const [method, rest] of REMOVED[profile]) {
      const calls = ddpCalls(log, method);
      expect(calls.length, `${method} on ${profile}`).toBeLessThanOrEqual(1);
      // The config and the registration always run, so their DDP method was tried exactly once.
      if (method === 'livechat:getInitialData' || method === 'livechat:registerGuest') expect(calls).toHaveLength(1);
      expect(
        calls.every((c) => c.outcome === 'error' && String(c.error) === '404'),
        method,
      ).toBe(true);
      if (calls.length === 1) expect(restCalls(log, rest).length, rest).toBeGreaterThan(0);
    }
    if (profile === 'legacy') {
      expect(restCalls(log, '/api/v1/livechat/')).toHaveLength(0);
      expect(ddpCalls(log, 'livechat:getInitialData').length).toBeGreaterThanOrEqual(2);
    }
    await popup.close();
  });

  it('ends the chat, rates it, mails the transcript, then leaves a message when nobody is online', async () => {
    const popup = await front(await ext.open('popup'));
    const rid = latestRoom(server)._id;
    await popup.getByRole('button', { name: 'Chat options' }).click();
    await popup.getByRole('menuitem', { name: 'End chat' }).click();
    await popup.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
    const room = () =>
      (server.control.state().rooms as Array<{ _id: string; open: boolean; surveyFeedback: unknown }>).find(
        (r) => r._id === rid,
      );
    await expect.poll(() => room()?.open, { timeout: 15_000 }).toBe(false);

    await waitForText([popup], 'How would you rate this chat?');
    await popup.getByLabel('5 of 5 stars').check({ force: true });
    await popup.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(() => room()?.surveyFeedback, { timeout: 15_000 }).toMatchObject({ satisfaction: '5' });
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => (server.control.state().transcripts as unknown[]).length, { timeout: 15_000 }).toBe(1);

    await popup.getByRole('button', { name: 'Start a new chat' }).click();
    setAgents(server, 'offline');
    await reloadDesk(server, [popup]);
    await waitForText([popup], 'Leave a message', 20_000);
    await popup.getByLabel('Your message').fill(`Call me back (${profile})`);
    await popup.getByRole('button', { name: 'Send message' }).click();
    await expect
      .poll(() => (server.control.state().offlineMessages as Array<{ message: string }>).map((m) => m.message), {
        timeout: 15_000,
      })
      .toEqual([`Call me back (${profile})`]);
    await popup.close();
  });
});
