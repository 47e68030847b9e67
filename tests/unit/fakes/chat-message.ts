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

/** An agent's (Jane's) message in room `R1` whose text is `text <id>`, with `extra` on top. */
export function agentMessage(id: string, ts: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return chatMessage(id, ts, {
    rid: 'R1',
    text: `text ${id}`,
    author: { id: 'agent1', username: 'jane', name: 'Jane' },
    ...extra,
  });
}
