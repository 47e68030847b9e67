import type { ChatMessage } from '../../../lib/livechat/types';

/** An agent's message in room `R` whose text is its id, with `extra` on top. */
export function chatMessage(id: string, ts: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    rid: 'R',
    text: id,
    ts,
    updatedAt: ts,
    editedAt: null,
    author: { id: 'a', username: 'a', name: 'A' },
    from: 'agent',
    type: null,
    attachments: [],
    ...extra,
  };
}
