/**
 * One whole conversation against every Rocket.Chat line the devserver imitates, speaking each line's own dialect:
 * after every step the devserver has recorded no call that a real server of that line would reject or silently
 * ignore (`violations`). The legacy line still runs the seed's Realtime API end to end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PROFILES,
  SALES_DEPARTMENT_ID,
  startDevServer,
  type DevServer,
  type LogEntry,
  type RoomView,
} from '../../devserver/index';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchExtension, type Extension } from './harness';
import { bubbleTexts, latestRoom, register, roomCount, send, serverTexts } from './flows';
import { front, listensForTyping, reloadDesk, setAgents, waitForText } from './ui-flows';

const ddpCalls = (log: LogEntry[], method: string) =>
  log.filter((e) => e.transport === 'ddp' && e.kind === 'method' && e.name === method && e.outcome === 'result');

const subscribed = (log: LogEntry[], rid: string) =>
  log.some(
    (e) =>
      e.kind === 'sub' &&
      e.name === 'stream-room-messages' &&
      e.outcome === 'ready' &&
      (e.params as unknown[])[0] === rid,
  );

/** The desk greets every new visitor: once as a named bot, once as the agent the queue would route to. */
const TRIGGERS = [
  {
    _id: 'greet-custom',
    name: 'Welcome',
    enabled: true,
    runOnce: false,
    conditions: [{ name: 'chat-opened-by-visitor', value: '' }],
    actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Acme Bot', msg: 'Welcome to Acme!' } }],
  },
  {
    _id: 'greet-queue',
    name: 'Queue',
    enabled: true,
    runOnce: true,
    conditions: [{ name: 'chat-opened-by-visitor', value: '' }],
    actions: [{ name: 'send-message', params: { sender: 'queue', msg: 'I can help with your order.' } }],
  },
];

/** Every profile, plus a Community 8.x server (Meteor's DDP framing instead of the EE ddp-streamer's). */
const SERVERS = [
  ...PROFILES.map((profile) => ({ profile, framing: undefined, name: profile })),
  { profile: 'v8' as const, framing: 'meteor' as const, name: 'v8 Community' },
];

describe.each(SERVERS)('against a $name server', ({ profile, framing }) => {
  let server: DevServer;
  let ext: Extension;
  let rid = '';
  const room = () => (server.control.state().rooms as RoomView[]).find((r) => r._id === rid);

  beforeAll(async () => {
    server = await startDevServer({
      port: 0,
      profile,
      framing,
      settings: { transcript: true, triggers: TRIGGERS, fileUploadMaxSize: 1024 * 1024 },
    });
    ext = await launchExtension();
    await ext.configure(server.url);
  });

  afterEach(() => {
    // What a real server of this line would have refused or ignored, with why: none, after every step.
    expect(server.control.violations()).toEqual([]);
  });

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it("greets on opening (the desk's triggers), registers, writes, gets the agent, typing both ways and its replies", async () => {
    const popup = await ext.open('popup');
    const greeting = (text: string) => popup.getByRole('note').filter({ hasText: text });
    await expect.poll(() => greeting('Welcome to Acme!').innerText(), { timeout: 15_000 }).toContain('Acme Bot');
    await expect.poll(() => greeting('I can help').innerText(), { timeout: 15_000 }).toContain('Maria Souza');
    await register(popup);
    await waitForText([popup], 'Welcome to Acme!');
    // The queue greeting's agent is who the header names until one is assigned, as the desk's own widget does.
    await expect.poll(() => popup.locator('.lqs-header__agent-name').innerText()).toBe('Maria Souza');
    await send(popup, `hello from ${profile}`);
    await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(1);
    rid = latestRoom(server)._id;
    expect(latestRoom(server).visitor.name).toBe('Ana Lima');

    server.control.take(rid);
    await expect.poll(() => popup.locator('header').innerText(), { timeout: 15_000 }).toContain('Maria');
    // The queue greeting already named Maria in the header: wait for the room's typing stream itself, since
    // Rocket.Chat tells only those subscribed at that moment.
    await listensForTyping(server, rid);
    server.control.typing(rid, { typing: true });
    await expect.poll(() => popup.getByText(/typing/i).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    server.control.say(rid, { text: `reply on ${profile}` });
    await expect
      .poll(async () => (await bubbleTexts(popup)).includes(`reply on ${profile}`), { timeout: 15_000 })
      .toBe(true);
    await popup.getByRole('textbox', { name: 'Message' }).pressSequentially('typing…');
    await expect.poll(() => room()?.visitorTyping, { timeout: 15_000 }).toBe(true);
    await popup.getByRole('textbox', { name: 'Message' }).fill('');
    await popup.close();
  });

  it('uploads a picture whose preview and download open on a server that protects files', async () => {
    const popup = await front(await ext.open('popup'));
    const png = readFileSync(join(EXTENSION_DIR, 'icon/48.png'));
    await popup.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await popup.getByRole('textbox', { name: 'Message' }).press('Enter');
    const image = popup.locator('.lqs-attachment--image img');
    await expect.poll(() => image.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 }).toBe(48);
    const href = await popup.locator('a.lqs-attachment--image').getAttribute('href');
    expect(new URL(href ?? '').searchParams.get('rc_room_type')).toBe('l');
    const download = await fetch(href ?? '');
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
    await popup.close();
  });

  it("shows an upload's progress and cancels it; refuses what the desk does not take; finishes one after the popup closed", async () => {
    const files = () => (room()?.messages ?? []).map((m) => (m.file as { name?: string } | undefined)?.name);
    const choose = async (page: Page, name: string, mimeType: string, size: number) => {
      await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer: Buffer.alloc(size, 7) });
      await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    };
    const row = (page: Page, name: string) => page.locator('.lqs-upload').filter({ hasText: name });
    server.control.setFaults({ slowUploadMs: 4000 });
    let popup = await front(await ext.open('popup'));
    await choose(popup, 'notes.bin', 'application/octet-stream', 600 * 1024);
    // Handed over, then sent: the request's bar is indeterminate (no value), never a made-up percentage.
    await expect.poll(() => row(popup, 'notes.bin').getAttribute('data-phase'), { timeout: 15_000 }).toBe('sending');
    expect(await row(popup, 'notes.bin').locator('progress').getAttribute('value')).toBeNull();
    await row(popup, 'notes.bin').getByRole('button', { name: 'Cancel sending notes.bin' }).click();
    await expect.poll(() => row(popup, 'notes.bin').count()).toBe(0);
    await expect
      .poll(() => server.control.log().some((e) => e.error === 'client-aborted'), { timeout: 15_000 })
      .toBe(true);

    const before = server.control.log().length;
    const alert = (text: string) => popup.getByRole('alert').filter({ hasText: text });
    await choose(popup, 'huge.bin', 'application/octet-stream', 1536 * 1024);
    await expect
      .poll(() => alert('huge.bin is too large (1.5 MB). Files can be at most 1 MB.').count(), { timeout: 15_000 })
      .toBe(1);
    await popup.getByRole('button', { name: 'Remove huge.bin' }).click();
    await choose(popup, 'drawing.svg', 'image/svg+xml', 100);
    await expect
      .poll(() => alert('drawing.svg is a kind of file this support desk does not accept.').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await popup.getByRole('button', { name: 'Remove drawing.svg' }).click();
    expect(
      server.control
        .log()
        .slice(before)
        .filter((e) => e.name.includes('upload')),
    ).toEqual([]);

    server.control.setFaults({ slowUploadMs: 2500 });
    await choose(popup, 'later.txt', 'text/plain', 2048);
    await expect.poll(() => row(popup, 'later.txt').getAttribute('data-phase'), { timeout: 15_000 }).toBe('sending');
    await popup.close();
    await expect.poll(() => files().includes('later.txt'), { timeout: 15_000 }).toBe(true);
    expect(files().filter((name) => name === 'notes.bin')).toEqual([]);
    popup = await front(await ext.open('popup'));
    await expect.poll(() => popup.locator('.lqs-attachment').filter({ hasText: 'later.txt' }).count()).toBe(1);
    expect(await popup.locator('.lqs-upload').count()).toBe(0);
    server.control.setFaults({});
    await popup.close();
  });

  it('edits and deletes its own messages', async () => {
    const popup = await front(await ext.open('popup'));
    await send(popup, 'a typo mesage');
    await send(popup, 'one too many');
    await expect.poll(() => serverTexts(server, rid).includes('one too many'), { timeout: 15_000 }).toBe(true);
    const bubble = (text: string) => popup.locator('[data-from="visitor"]').filter({ hasText: text });
    await bubble('a typo mesage').getByRole('button', { name: 'Edit message' }).click();
    const composer = popup.getByRole('textbox', { name: 'Message' });
    // The composer takes the message to edit; replacing its text before that would edit nothing.
    await expect.poll(() => composer.inputValue(), { timeout: 15_000 }).toBe('a typo mesage');
    await composer.fill('a typo message');
    await composer.press('Enter');
    await expect.poll(() => serverTexts(server, rid).includes('a typo message'), { timeout: 15_000 }).toBe(true);
    await bubble('one too many').getByRole('button', { name: 'Delete message' }).click();
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Delete message' }).click();
    await expect.poll(() => serverTexts(server, rid).includes('one too many'), { timeout: 15_000 }).toBe(false);
    await popup.close();
  });

  it('catches up after a reconnect and after the worker was stopped', async () => {
    const popup = await ext.open('popup');
    await expect.poll(() => popup.locator('header').innerText(), { timeout: 15_000 }).toContain('Online');
    server.control.setFaults({ downForMs: 1500 });
    // While the link is down nobody knows the agent's presence: the header must not claim "Online".
    await waitForText([popup], 'Status unknown while reconnecting');
    expect(await popup.locator('header').innerText()).not.toContain('Online');
    server.control.say(rid, { text: 'after the reconnect' });
    await expect
      .poll(async () => (await bubbleTexts(popup)).includes('after the reconnect'), { timeout: 20_000 })
      .toBe(true);
    await popup.close();
    await ext.stopWorker();
    server.control.say(rid, { text: 'while the worker slept' });
    const reopened = await ext.open('popup');
    await expect
      .poll(async () => (await bubbleTexts(reopened)).includes('while the worker slept'), { timeout: 20_000 })
      .toBe(true);
    const log = server.control.log();
    expect(log.filter((e) => e.kind === 'connect').length).toBeGreaterThanOrEqual(3);
    await reopened.close();
  });

  it('moves the chat to another department', async () => {
    const popup = await front(await ext.open('popup'));
    await popup.getByRole('button', { name: 'Chat options' }).click();
    await popup.getByRole('menuitem', { name: 'Change department' }).click();
    const dialog = popup.getByRole('dialog', { name: 'Change department' });
    await dialog.getByLabel('Department').selectOption({ label: 'Sales' });
    await dialog.getByRole('button', { name: 'Change' }).click();
    await expect.poll(() => room()?.departmentId, { timeout: 15_000 }).toBe(SALES_DEPARTMENT_ID);
    await popup.close();
  });

  it('ends the chat, rates it, mails the transcript, starts anew, then leaves a message when nobody is online', async () => {
    const popup = await front(await ext.open('popup'));
    await popup.getByRole('button', { name: 'Chat options' }).click();
    await popup.getByRole('menuitem', { name: 'End chat' }).click();
    await popup.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
    await expect.poll(() => room()?.open, { timeout: 15_000 }).toBe(false);

    await waitForText([popup], 'How would you rate this chat?');
    const stars = { Overall: 5, 'Agent’s knowledge': 4, 'Agent’s responsiveness': 3, 'Agent’s friendliness': 2 };
    for (const [question, n] of Object.entries(stars)) {
      await popup.getByRole('group', { name: question }).getByLabel(`${n} of 5 stars`).check({ force: true });
    }
    await popup.getByRole('textbox', { name: 'Comment' }).fill('Solved');
    await popup.getByRole('button', { name: 'Send rating' }).click();
    await expect
      .poll(() => room()?.surveyFeedback, { timeout: 15_000 })
      .toEqual({
        satisfaction: '5',
        agentKnowledge: '4',
        agentResposiveness: '3',
        agentFriendliness: '2',
        additionalFeedback: 'Solved',
      });
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => (server.control.state().transcripts as unknown[]).length, { timeout: 15_000 }).toBe(1);
    await waitForText([popup], 'A transcript of this chat was sent by e-mail.');

    await popup.getByRole('button', { name: 'Start a new chat' }).click();
    await send(popup, 'a second question');
    await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(2);
    const second = latestRoom(server)._id;
    // On 7.x+ the room opens before the message lands in it: close it only once it holds the message.
    await expect.poll(() => serverTexts(server, second), { timeout: 15_000 }).toContain('a second question');
    // And once the visitor listens to it (8.x refuses to subscribe to a room that is closed already).
    await expect.poll(() => subscribed(server.control.log(), second), { timeout: 15_000 }).toBe(true);
    expect(second).not.toBe(rid);
    rid = second;
    // The agent closes it while the worker sleeps: the restarted worker learns it without subscribing to a
    // closed room (8.x refuses that).
    await popup.close();
    await ext.stopWorker();
    server.control.close(rid);
    const reopened = await front(await ext.open('popup'));
    await waitForText([reopened], 'How would you rate this chat?');
    await reopened.getByRole('button', { name: 'Start a new chat' }).click();

    setAgents(server, 'offline');
    await reloadDesk(server, [reopened]);
    await waitForText([reopened], 'Leave a message', 20_000);
    await reopened.getByLabel('Your message').fill(`Call me back (${profile})`);
    await reopened.getByRole('button', { name: 'Send message' }).click();
    await expect
      .poll(() => (server.control.state().offlineMessages as Array<{ message: string }>).map((m) => m.message), {
        timeout: 15_000,
      })
      .toEqual([`Call me back (${profile})`]);
    // Our own thanks (the desk sets none), never the server's REST status text.
    await waitForText([reopened], 'Thanks! We will get back to you by e-mail.');
    expect(await reopened.locator('body').innerText()).not.toContain('Livechat offline message sent');
    await reopened.close();
  });

  it('took each operation straight to its line’s path (the seed Realtime API on legacy)', () => {
    const log = server.control.log();
    const info = log.filter((e) => e.name === '/api/info');
    expect(info.length, 'the line is read once per desk').toBe(1);
    if (profile !== 'legacy') return;
    for (const method of ['livechat:getInitialData', 'livechat:registerGuest', 'sendMessageLivechat']) {
      expect(ddpCalls(log, method).length, method).toBeGreaterThan(0);
    }
    expect(ddpCalls(log, 'livechat:getAgentData').length, 'getAgentData').toBeGreaterThan(0);
    for (const stream of ['stream-room-messages', 'stream-livechat-room']) {
      expect(
        log.some((e) => e.kind === 'sub' && e.name === stream && e.outcome === 'ready'),
        stream,
      ).toBe(true);
    }
    expect(
      log.filter((e) => e.transport === 'rest' && e.name.startsWith('/api/v1/livechat/')).map((e) => e.name),
    ).toEqual(expect.arrayContaining(['/api/v1/livechat/transcript']));
  });
});
