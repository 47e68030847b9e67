/**
 * What a chat page shows first (a port's snapshot page, the stored first screen) carries its system lines worded in
 * the browser's language (lib/system-line.ts), so the page draws them before its own wording is loaded; what comes
 * after (the rest, deltas) does not: the page words those itself.
 */
import { describe, expect, it, vi } from 'vitest';
import { newDesk, type DeskRecord } from '../../../lib/background/desk';
import { startWorker } from '../../../lib/background/worker';
import type { FirstScreen, StoredFirstScreen } from '../../../lib/first-screen';
import type { ChatMessage } from '../../../lib/livechat/types';
import {
  eventsOf,
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgToUi,
  type ChatSnapshot,
  type UiToBg,
} from '../../../lib/messaging';
import { withLines, type Say } from '../../../lib/system-line';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { agentMessage, chatMessage } from '../fakes/chat-message';
import { FakeDdp } from '../fakes/fake-ddp';
import { quietWorkerDeps } from '../fakes/worker-deps';
import { createPortPair } from '../ui/port-pair';

const URL_A = 'https://a.example.com';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A browser whose texts show their key and substitutions. */
const getMessage = (key: string, subs?: string[]): string => (subs?.length ? `${key}(${subs.join(',')})` : key);
const say: Say = (key, ...subs) => getMessage(key, subs);

const joined = (id: string, ts: number): ChatMessage =>
  chatMessage(id, ts, { text: '', type: 'uj', from: 'system', author: { id: 'ag', username: 'jane', name: 'Jane' } });
const command = (id: string, ts: number): ChatMessage =>
  chatMessage(id, ts, { text: 'x', type: 'command', from: 'system' });
const visitorSays = (id: string, ts: number): ChatMessage =>
  chatMessage(id, ts, { from: 'visitor', author: { id: 'vis', username: 'guest', name: '' } });
const closed = (id: string, ts: number): ChatMessage =>
  chatMessage(id, ts, {
    text: 'thanks',
    type: 'livechat-close',
    from: 'system',
    author: { id: 'vis', username: 'guest', name: '' },
  });

const without = (config: ChatSnapshot['config'] = null, agent: ChatSnapshot['agent'] = null) => ({ config, agent });

describe('withLines', () => {
  it('words system lines as the page would, hides what the page hides, and leaves bubbles alone', () => {
    const bubble = agentMessage('a1', 10);
    const page = [bubble, joined('j1', 20), command('c1', 30), visitorSays('v1', 40), closed('x1', 50)];
    const worded = withLines(page, without(), say);
    expect(worded[0]).toBe(bubble);
    expect(worded[1]?.line).toEqual({ text: 'systemJoined(Jane)' });
    expect(worded[2]?.line).toBeNull();
    expect(worded[3]).toBe(page[3]);
    // The visitor's own author closed it: the page's own messages tell, as the page's wording does.
    expect(worded[4]?.line).toEqual({ text: 'systemClosedByYou', detail: 'thanks' });
    expect(page[1]?.line).toBeUndefined();
  });

  it('keeps the agent anonymous and hides the types the desk hides', () => {
    const page = [joined('j1', 20), chatMessage('t1', 30, { type: 'livechat_transfer_history', from: 'system' })];
    const config = { agentHiddenInfo: true, hiddenSystemMessages: ['livechat_transfer_history'] };
    const worded = withLines(page, without(config as ChatSnapshot['config']), say);
    expect(worded.map((m) => m.line)).toEqual([{ text: 'systemJoined(someAgent)' }, null]);
    const hiddenAgent = { hidden: true } as ChatSnapshot['agent'];
    expect(withLines([joined('j1', 20)], without(null, hiddenAgent), say)[0]?.line).toEqual({
      text: 'systemJoined(someAgent)',
    });
  });
});

/** A worker with one desk holding `messages`, in a browser whose texts show their key; one chat open. */
function setup(messages: ChatMessage[]) {
  const desk: DeskRecord = {
    ...newDesk(URL_A, 'token'),
    room: { id: 'R', open: true, confirmed: true },
    messages,
  };
  let firstScreen: FirstScreen | null = null;
  const saved: string[] = [];
  const worker = startWorker({
    ...quietWorkerDeps(),
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, serverUrl: URL_A }),
    watchSettings: () => undefined,
    loadDesks: async () => ({ [URL_A]: desk }),
    dropDesk: async () => {},
    saveDesks: async (desks) => void saved.push(JSON.stringify(desks)),
    createDdp: () =>
      new FakeDdp()
        .handle('livechat:setUpConnection', () => undefined)
        .handle('livechat:getInitialData', () => ({ title: 'Desk A' }))
        .handle('livechat:loadHistory', () => ({ messages: [] }))
        .handle('livechat:getAgentData', () => undefined),
    newId: () => 'id',
    apis: {
      notifications: { create: vi.fn(async (id: string) => id), clear: vi.fn(async () => true) },
      action: { setBadgeText: vi.fn(async () => {}), setBadgeBackgroundColor: vi.fn(async () => {}) },
      i18n: { getMessage },
    },
    keepAlive: vi.fn(),
    saveFirstScreen: async (screen) => void (firstScreen = screen),
    build: 'b',
  });
  const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
  const events: BgEvent[] = [];
  ui.onMessage.addListener((m) => void events.push(...eventsOf(m)));
  void worker.attach(bg);
  return { ui, events, saved, stored: () => firstScreen };
}

describe('the worker', () => {
  it('words the system lines of a snapshot’s page, not of the rest it sends later', async () => {
    const older = Array.from({ length: 40 }, (_, i) => joined(`old${i}`, 10 + i));
    const { ui, events } = setup([...older, agentMessage('a1', 100), joined('j1', 200), command('c1', 300)]);
    await vi.waitFor(() => expect(events[0]?.type).toBe('snapshot'));
    const first = events[0];
    if (first?.type !== 'snapshot') throw new Error('no snapshot');
    const lines = new Map(first.payload.messages.map((m) => [m.id, m.line]));
    expect(lines.get('j1')).toEqual({ text: 'systemJoined(Jane)' });
    expect(lines.get('c1')).toBeNull();
    expect(lines.get('a1')).toBeUndefined();
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'q1', op: 'chat/rest', params: null } as UiToBg);
    await vi.waitFor(() => expect(events.some((e) => e.type === 'snapshot/rest')).toBe(true));
    const rest = events.find((e) => e.type === 'snapshot/rest');
    if (rest?.type !== 'snapshot/rest') throw new Error('no rest');
    expect(rest.payload.messages.length).toBeGreaterThan(0);
    expect(rest.payload.messages.every((m) => !('line' in m))).toBe(true);
  });

  it('stores the first screen with its system lines worded, and keeps none with the desk', async () => {
    const messages = [agentMessage('a1', 100), joined('j1', 200)];
    const { ui, saved, stored } = setup(messages);
    await tick();
    // The last chat closes: the worker writes the first screen the next one opens on.
    ui.disconnect();
    await vi.waitFor(() => expect(stored()).not.toBeNull());
    const { snapshot } = JSON.parse(stored()!.json) as StoredFirstScreen;
    expect(snapshot.messages.find((m) => m.id === 'j1')?.line).toEqual({ text: 'systemJoined(Jane)' });
    // The desk's own messages are not the ones worded: what the worker keeps and saves has no lines.
    expect(messages.some((m) => 'line' in m)).toBe(false);
    expect(saved.some((desks) => desks.includes('"line"'))).toBe(false);
  });
});
