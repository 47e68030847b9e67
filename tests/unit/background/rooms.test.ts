import { describe, expect, it, vi } from 'vitest';
import { fetchMissed } from '../../../lib/background/catch-up';
import { createChatState } from '../../../lib/background/chat-state';
import { newDesk } from '../../../lib/background/desk';
import { createInbox } from '../../../lib/background/inbox';
import { createRoomActions } from '../../../lib/background/room-actions';
import type { LivechatApi } from '../../../lib/livechat/api';
import { chatMessage } from '../fakes/chat-message';

const own = chatMessage('X1', 100, { rid: 'R', from: 'visitor', text: 'my own words', delivery: 'sent' });
/** Another room's message whose `_id` collides with the visitor's own. */
const foreign = chatMessage('X1', 100, { rid: 'OTHER', text: 'planted' });

function setup() {
  const desk = { ...newDesk('https://x.test', 't'), room: { id: 'R', open: true, confirmed: true }, messages: [own] };
  const state = createChatState(
    desk,
    () => {},
    () => {},
  );
  const receive = createInbox(state, () => {});
  return { state, receive };
}

describe('rooms kept apart', () => {
  it('keys messages by room and id: the same id in another room is another message', () => {
    const { state } = setup();
    state.upsert(foreign);
    expect(state.message('R', 'X1')?.text).toBe('my own words');
    expect(state.message('OTHER', 'X1')?.text).toBe('planted');
    state.remove('X1', 'OTHER');
    expect(state.desk.messages.map((m) => m.text)).toEqual(['my own words']);
  });

  it('a history answer with another room’s message of a colliding id leaves the visitor’s own alone', async () => {
    const { state, receive } = setup();
    const loadHistory = vi.fn(async () => [foreign, chatMessage('a1', 200, { rid: 'R', text: 'agent reply' })]);
    const actions = createRoomActions({
      state,
      api: { loadHistory } as unknown as LivechatApi,
      receive,
      now: () => 0,
    });
    await actions.loadOlder();
    const missed = await fetchMissed({ loadHistory }, 'R', state.desk.messages);
    receive(missed.messages);
    expect(missed.messages.map((m) => m.rid)).toEqual(['R']);
    expect(state.desk.messages.map((m) => `${m.rid}:${m.id}:${m.text}`)).toEqual([
      'R:X1:my own words',
      'R:a1:agent reply',
    ]);
  });

  it('drops stream input of another room', () => {
    const { state, receive } = setup();
    receive([chatMessage('z', 300, { rid: 'OTHER', text: 'wrong room' })]);
    expect(state.desk.messages.map((m) => m.id)).toEqual(['X1']);
  });

  it('replaces a visitor’s undelivered message by its delivered copy, whatever room id it was queued under', () => {
    const desk = newDesk('https://x.test', 't');
    const state = createChatState(
      desk,
      () => {},
      () => {},
    );
    state.upsert(chatMessage('p1', 5, { rid: '', from: 'visitor', delivery: 'pending' }));
    state.upsert(chatMessage('p1', 6, { rid: 'R9', from: 'visitor', delivery: 'sent' }));
    expect(state.desk.messages.map((m) => `${m.rid}:${m.id}:${m.delivery}`)).toEqual(['R9:p1:sent']);
  });
});
