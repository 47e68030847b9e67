/**
 * Where every message from the server lands, whether from a stream, a catch-up or an answer: each is shown once
 * (by `_id`, newest edit wins), the room's close is noticed, and agent messages the visitor has not been told
 * about yet are counted unread and reported for notification exactly once.
 */
import type { ChatMessage } from '../livechat/types';
import type { ChatState } from './chat-state';

/** System messages that carry no meaning for the visitor and are never shown. */
const INVISIBLE_TYPES = new Set(['command', 'livechat-started', 'livechat_navigation_history']);

/** Creates the merge function; `agentMessages` gets the agent messages that are new to the visitor. */
export function createInbox(state: ChatState, agentMessages: (messages: ChatMessage[]) => void) {
  return function receive(incoming: ChatMessage[]): void {
    const fresh: ChatMessage[] = [];
    for (const message of incoming) {
      if (INVISIBLE_TYPES.has(message.type ?? '')) continue;
      if (state.desk.config?.hiddenSystemMessages.includes(message.type ?? '')) continue;
      const room = state.desk.room;
      // A message of another room has no place in this conversation (the visitor's not-yet-roomed ones aside).
      if (room && message.rid !== room.id && message.from !== 'visitor') continue;
      const known = state.message(message.rid, message.id);
      if (known && known.delivery !== 'pending' && known.updatedAt > message.updatedAt) continue;
      if (message.type === 'livechat-close' && state.desk.room?.id === message.rid) {
        state.update({ room: { ...state.desk.room, open: false }, queue: null });
        state.setTyping(null);
      }
      // A new message ends its author's typing; one read back again (a catch-up, an edit) says nothing about it.
      if (message.from === 'agent' && !known) state.setTyping(null);
      state.upsert(message.from === 'visitor' ? { ...message, delivery: 'sent' } : message);
      if (!known && message.from !== 'visitor' && message.ts > state.desk.notifiedUpTo) fresh.push(message);
    }
    if (fresh.length === 0) return;
    const agentWritten = fresh.filter((m) => m.from === 'agent');
    state.update({
      notifiedUpTo: Math.max(...fresh.map((m) => m.ts)),
      unread: state.desk.unread + agentWritten.length,
    });
    if (agentWritten.length > 0) agentMessages(agentWritten);
  };
}
