import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pastRoom } from '../../../lib/background/archive';
import { createChatState } from '../../../lib/background/chat-state';
import {
  defineDesksItem,
  newDesk,
  type DeskRecord,
  type DeskRecordV3,
  type PastRoom,
} from '../../../lib/background/desk';
import { createHistory } from '../../../lib/background/history';
import { createInbox } from '../../../lib/background/inbox';
import { repairDesks } from '../../../lib/background/repair';
import { createRoomActions } from '../../../lib/background/room-actions';
import { essentialDesk, leanDesk, trimArchives } from '../../../lib/background/storage-budget';
import type { LivechatApi } from '../../../lib/livechat/api';
import { LivechatError } from '../../../lib/livechat/errors';
import type { ChatMessage } from '../../../lib/livechat/types';
import { chatMessage } from '../fakes/chat-message';

const OPEN_DESK = 'https://open.example.com';
const CLOSED_DESK = 'https://closed.example.com';

const message = (id: string, rid: string, ts: number, extra: Partial<ChatMessage> = {}) =>
  chatMessage(id, ts, { rid, text: `words ${id}`, ...extra });

/** A desk exactly as version 3 stored it (what today's extension writes): one room, its messages. */
function v3Desk(url: string, room: DeskRecordV3['room'], messages: ChatMessage[]): DeskRecordV3 {
  return {
    serverUrl: url,
    token: `token-of-${url}`,
    visitor: { id: 'V', username: 'guest-1', name: 'Ann', email: 'ann@example.com', registered: true },
    room,
    historyComplete: true,
    config: null,
    agent: { id: 'A', name: 'Alice Agent', username: 'alice', status: 'online', hidden: false },
    queue: null,
    messages,
    unread: 1,
    notifiedUpTo: 7,
    caps: { history: 'rest' },
    firedTriggers: ['t1'],
  };
}

const pending = message('typed', 'R-open', 30, { from: 'visitor', delivery: 'pending', text: 'typed offline' });
const storedV3 = {
  [OPEN_DESK]: v3Desk(OPEN_DESK, { id: 'R-open', open: true, confirmed: true, surveySent: false }, [
    message('o1', 'R-open', 10),
    pending,
  ]),
  [CLOSED_DESK]: v3Desk(CLOSED_DESK, { id: 'R-closed', open: false, confirmed: true, surveySent: true }, [
    message('c1', 'R-closed', 10, { from: 'visitor', text: 'Hello, my order is late' }),
    message('c2', 'R-closed', 20, { text: 'It ships tomorrow' }),
    message('close', 'R-closed', 25, { type: 'livechat-close', from: 'system', text: '' }),
  ]),
};

function live(desk: DeskRecord, loadHistory = vi.fn(async (): Promise<ChatMessage[]> => [])) {
  const saved: DeskRecord[] = [];
  const state = createChatState(
    desk,
    (d) => saved.push(d),
    () => {},
  );
  const receive = createInbox(state, () => {});
  const api = { loadHistory } as unknown as LivechatApi;
  const actions = createRoomActions({ state, api, receive, now: () => 1_000 });
  return {
    state,
    actions,
    history: createHistory({ state, api, loadOlderCurrent: () => actions.loadOlder() }),
    saved,
    loadHistory,
  };
}

describe('past conversations: storage v4', () => {
  beforeEach(() => fakeBrowser.reset());

  it('upgrades the exact v3 shape without loss: open room, undelivered message, closed room', async () => {
    await fakeBrowser.storage.local.set({ desks: structuredClone(storedV3), desks$: { v: 3 } });
    const desks = await defineDesksItem().getValue();
    expect(desks[OPEN_DESK]).toEqual({ ...storedV3[OPEN_DESK], archive: [], archiveTrimmed: false });
    expect(desks[CLOSED_DESK]).toEqual({ ...storedV3[CLOSED_DESK], archive: [], archiveTrimmed: false });
    expect(desks[OPEN_DESK]?.messages).toContainEqual(pending);
    expect(await fakeBrowser.storage.local.get('desks$')).toEqual({ desks$: { v: 4 } });
    expect(repairDesks(desks).reset).toBe(false);

    // The closed room of v3 becomes a past conversation once the visitor starts a new chat.
    const { state, actions, history } = live(desks[CLOSED_DESK]!);
    expect(history.list().conversations).toMatchObject([{ id: 'R-closed', current: true, open: false }]);
    actions.startNew();
    expect(state.desk.room).toBeNull();
    expect(state.desk.messages).toEqual([]);
    expect(state.desk.archive).toHaveLength(1);
    expect(state.desk.archive[0]).toMatchObject({
      id: 'R-closed',
      agent: { name: 'Alice Agent', username: 'alice' },
      openedAt: 10,
      closedAt: 1_000,
      firstLine: 'Hello, my order is late',
      lastLine: 'It ships tomorrow',
      closed: true,
      historyComplete: true,
    });
    expect(state.desk.archive[0]?.messages.map((m) => m.id)).toEqual(['c1', 'c2', 'close']);
    expect(history.list()).toEqual({
      conversations: [expect.objectContaining({ id: 'R-closed', current: false, agent: 'Alice Agent' })],
      trimmed: false,
    });
  });

  it('keeps the undelivered words in the chat when a new one starts, and writes the archive at once', async () => {
    const desk: DeskRecord = {
      ...newDesk(CLOSED_DESK, 't'),
      room: { id: 'R1', open: false, confirmed: true },
      messages: [message('a', 'R1', 1), message('mine', '', 2, { from: 'visitor', delivery: 'pending' })],
    };
    const { state, actions, saved } = live(desk);
    actions.startNew();
    await Promise.resolve();
    expect(state.desk.messages.map((m) => m.id)).toEqual(['mine']);
    expect(saved.at(-1)?.archive.map((p) => p.id)).toEqual(['R1']);
    expect(saved.at(-1)?.archive[0]?.messages.map((m) => m.id)).toEqual(['a']);
  });

  it('opens a past conversation from storage and pages older messages from the server into it', async () => {
    const past = pastRoom({ id: 'P', open: false }, null, [message('p2', 'P', 20)], false, 50);
    const older = vi.fn(async (): Promise<ChatMessage[]> => [message('p1', 'P', 10), message('x', 'OTHER', 11)]);
    const { state, history } = live({ ...newDesk(CLOSED_DESK, 't'), archive: [past] }, older);
    expect(history.open('P')).toMatchObject({ messages: [{ id: 'p2' }], hasOlder: true });
    const page = await history.loadOlder('P');
    expect(older).toHaveBeenCalledWith('P', { limit: 50, before: 20 });
    expect(page).toEqual({ messages: [expect.objectContaining({ id: 'p1' })], hasOlder: false, unavailable: false });
    expect(state.desk.archive[0]?.messages.map((m) => m.id)).toEqual(['p1', 'p2']);
    expect(state.desk.archive[0]?.firstLine).toBe('words p1');
  });

  it('keeps the stored copy when the line no longer answers for a closed room', async () => {
    const past = pastRoom({ id: 'P', open: false }, null, [message('p2', 'P', 20)], false, 50);
    const refused = vi.fn(async (): Promise<ChatMessage[]> => {
      throw new LivechatError('rejected', 'error-invalid-room', 'Invalid room');
    });
    const { state, history } = live({ ...newDesk(CLOSED_DESK, 't'), archive: [past] }, refused);
    expect(await history.loadOlder('P')).toEqual({ messages: [], hasOlder: false, unavailable: true });
    expect(state.desk.archive[0]?.messages.map((m) => m.id)).toEqual(['p2']);
  });

  it('reads the closed current room as a past one, paging into the chat', async () => {
    const older = vi.fn(async (): Promise<ChatMessage[]> => [message('r0', 'R', 5)]);
    const desk: DeskRecord = {
      ...newDesk(CLOSED_DESK, 't'),
      room: { id: 'R', open: false, confirmed: true },
      messages: [message('r1', 'R', 10)],
    };
    const { state, history } = live(desk, older);
    expect(history.open('R')).toMatchObject({ conversation: { current: true, open: false }, hasOlder: true });
    expect(await history.loadOlder('R')).toEqual({
      messages: [expect.objectContaining({ id: 'r0' })],
      hasOlder: false,
      unavailable: false,
    });
    expect(state.desk.messages.map((m) => m.id)).toEqual(['r0', 'r1']);
  });

  it('forgets a past conversation, and the current one only once closed', async () => {
    const past = pastRoom({ id: 'P', open: false }, null, [message('p1', 'P', 1)], true, 5);
    const desk: DeskRecord = {
      ...newDesk(CLOSED_DESK, 't'),
      room: { id: 'R', open: true, confirmed: true },
      messages: [message('r1', 'R', 10)],
      archive: [past],
    };
    const { state, history, saved } = live(desk);
    history.forget('P');
    await Promise.resolve();
    expect(state.desk.archive).toEqual([]);
    expect(JSON.stringify(saved.at(-1))).not.toContain('words p1');
    expect(() => history.forget('R')).toThrow(/Close the conversation/);
    state.update({ room: { id: 'R', open: false, confirmed: true } });
    history.forget('R');
    expect(state.desk.room).toBeNull();
    expect(state.desk.messages).toEqual([]);
    expect(history.list().conversations).toEqual([]);
  });
});

const big = (id: string, leftAt: number, extra: Partial<PastRoom> = {}): PastRoom => ({
  ...pastRoom({ id, open: false }, null, [message(`${id}-m`, id, leftAt, { text: 'x'.repeat(1_000) })], true, leftAt),
  ...extra,
});
const deskWith = (url: string, archive: PastRoom[]): DeskRecord => ({ ...newDesk(url, 't'), archive });

const size = (p: PastRoom) => JSON.stringify(p).length;

describe('past conversations: storage budget', () => {
  it('trims the oldest closed rooms per desk first, never an open one or undelivered words, and says so', () => {
    const undelivered = big('undelivered', 1);
    const withPending: PastRoom = {
      ...undelivered,
      messages: [message('p', 'undelivered', 1, { from: 'visitor', delivery: 'pending' })],
    };
    const open = big('open', 2, { closed: false, closedAt: null });
    const archive = [big('newest', 9), withPending, open, big('old', 3), big('mid', 5)];
    const budget = archive.reduce((sum, p) => sum + size(p), 0) - size(archive[3]!);
    const trimmed = trimArchives({ [OPEN_DESK]: deskWith(OPEN_DESK, archive) }, budget, Number.POSITIVE_INFINITY);
    expect(trimmed[OPEN_DESK]?.archive.map((p) => p.id)).toEqual(['newest', 'undelivered', 'open', 'mid']);
    expect(trimmed[OPEN_DESK]?.archiveTrimmed).toBe(true);

    const tiny = trimArchives({ [OPEN_DESK]: deskWith(OPEN_DESK, archive) }, 0, 0);
    expect(tiny[OPEN_DESK]?.archive.map((p) => p.id)).toEqual(['undelivered', 'open']);
  });

  it('trims across desks by age within the total budget, and leaves desks within budget untouched', () => {
    const a = deskWith(OPEN_DESK, [big('a-old', 1), big('a-new', 8)]);
    const b = deskWith(CLOSED_DESK, [big('b-mid', 5)]);
    const all = { [OPEN_DESK]: a, [CLOSED_DESK]: b };
    expect(trimArchives(all)).toBe(all);
    const total = JSON.stringify([...a.archive, ...b.archive]).length - 1_000;
    const trimmed = trimArchives(all, Number.POSITIVE_INFINITY, total);
    expect(trimmed[OPEN_DESK]?.archive.map((p) => p.id)).toEqual(['a-new']);
    expect(trimmed[CLOSED_DESK]).toBe(b);
  });
});

describe('past conversations: when storage refuses the whole', () => {
  it('keeps every past conversation in the list, with fewer or no messages, in the lean and essential forms', () => {
    const many = Array.from({ length: 60 }, (_, i) => message(`p${i}`, 'P', i));
    const desk: DeskRecord = {
      ...newDesk(OPEN_DESK, 't'),
      archive: [pastRoom({ id: 'P', open: false }, null, many, true, 99)],
    };
    const lean = leanDesk(desk).archive[0];
    expect(lean).toMatchObject({ id: 'P', firstLine: 'words p0', historyComplete: false });
    expect(lean?.messages.map((m) => m.id)).toEqual(many.slice(-20).map((m) => m.id));
    expect(essentialDesk(desk).archive[0]).toMatchObject({ id: 'P', lastLine: 'words p59', messages: [] });
  });
});

describe('past conversations: repair', () => {
  it('repairs a damaged archive: bad entries and messages go, sound ones stay, the token is kept', () => {
    const sound = pastRoom({ id: 'P', open: false }, null, [message('p1', 'P', 1)], true, 5);
    const stored = {
      [OPEN_DESK]: {
        ...newDesk(OPEN_DESK, 'kept-token'),
        archive: [
          sound,
          null,
          { id: 42 },
          { ...sound, id: 'Q', messages: [message('q1', 'Q', 1), { id: 'broken' }], firstLine: 7, closed: 'yes' },
          sound,
        ],
        archiveTrimmed: 'maybe',
      },
      [CLOSED_DESK]: { ...newDesk(CLOSED_DESK, 'other'), archive: 'garbage' },
    };
    const { value, reset } = repairDesks(JSON.parse(JSON.stringify(stored)));
    expect(reset).toBe(true);
    expect(value[OPEN_DESK]?.token).toBe('kept-token');
    expect(value[OPEN_DESK]?.archive.map((p) => p.id)).toEqual(['P', 'Q']);
    expect(value[OPEN_DESK]?.archive[0]).toEqual(sound);
    expect(value[OPEN_DESK]?.archive[1]).toMatchObject({
      firstLine: '',
      closed: true,
      historyComplete: false,
      messages: [{ id: 'q1' }],
    });
    expect(value[OPEN_DESK]?.archiveTrimmed).toBe(false);
    expect(value[CLOSED_DESK]?.archive).toEqual([]);
  });
});
