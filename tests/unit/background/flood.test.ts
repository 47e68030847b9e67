import { describe, expect, it } from 'vitest';
import { createChatState, MEMORY_MESSAGE_LIMIT } from '../../../lib/background/chat-state';
import { newDesk } from '../../../lib/background/desk';
import { createInbox } from '../../../lib/background/inbox';
import type { ChatMessage } from '../../../lib/livechat/types';
import { chatMessage } from '../fakes/chat-message';

/** Counts every property read of the messages handed to the state, the measure of work a merge does. */
function counted(reads: { n: number }, message: ChatMessage): ChatMessage {
  return new Proxy(message, {
    get(target, key, receiver) {
      reads.n += 1;
      return Reflect.get(target, key, receiver);
    },
  });
}

function setup() {
  const desk = { ...newDesk('https://x.test', 't'), room: { id: 'R', open: true, confirmed: true } };
  const state = createChatState(
    desk,
    () => {},
    () => {},
  );
  const announced: ChatMessage[] = [];
  const receive = createInbox(state, (messages) => announced.push(...messages));
  return { state, receive, announced };
}

describe('a flood of messages', () => {
  it('merges 16 000 messages and edits with constant work each, not work growing with the list', () => {
    const { state, receive } = setup();
    const reads = { n: 0 };
    state.upsert(chatMessage('mine', 0, { from: 'visitor', delivery: 'pending' }));
    for (let i = 1; i <= 12_000; i += 1) receive([counted(reads, chatMessage(`m${i}`, i, { text: 'x'.repeat(64) }))]);
    // Edits of recent messages: replaced in place.
    for (let i = 11_001; i <= 12_000; i += 1) {
      receive([counted(reads, chatMessage(`m${i}`, i, { text: 'edited', updatedAt: i + 100_000 }))]);
    }
    // Late arrivals in the middle of what is held: placed by binary search.
    for (let i = 0; i < 3_000; i += 1) receive([counted(reads, chatMessage(`late${i}`, 11_500 + i / 10_000))]);
    // The old O(n) merge read every held message's id per merge: ~10^7 reads here. Each merge should take tens.
    expect(reads.n).toBeLessThan(16_000 * 100);
    expect(state.message('R', 'm12000')?.text).toBe('edited');
  });

  it('holds at most about MEMORY_MESSAGE_LIMIT messages, never drops an undelivered one, and can page back', () => {
    const { state, receive } = setup();
    state.update({ historyComplete: true });
    const events: string[] = [];
    state.onEvent((e) => events.push(e.type));
    state.upsert(chatMessage('mine', 0, { from: 'visitor', delivery: 'pending', rid: '' }));
    for (let i = 1; i <= 5_000; i += 1) receive([chatMessage(`m${i}`, i)]);
    const held = state.desk.messages;
    expect(held.length).toBeLessThanOrEqual(MEMORY_MESSAGE_LIMIT * 1.1 + 1);
    expect(held[0]?.id).toBe('mine');
    expect(held.at(-1)?.id).toBe('m5000');
    expect(state.desk.historyComplete).toBe(false);
    expect(state.snapshot().hasOlder).toBe(true);
    expect(events.filter((e) => e === 'message/remove').length).toBeGreaterThanOrEqual(5_000 - held.length);
  });
});
