/** Builders for chat messages in UI tests. */
import type { ChatMessage } from '../../../lib/livechat/types';

export const AGENT = { id: 'agent1', username: 'jane.doe', name: 'Jane Doe' };
export const VISITOR = { id: 'visitor1', username: 'guest-1', name: 'Ada' };

/** A message `minutesAgo` before `base` (default: a fixed noon, so day boundaries are predictable). */
export function message(
  id: string,
  from: ChatMessage['from'],
  text: string,
  extra: Partial<ChatMessage> & { at?: number } = {},
): ChatMessage {
  const { at = new Date(2026, 0, 15, 12, 0).getTime(), ...rest } = extra;
  return {
    id,
    rid: 'R1',
    text,
    ts: at,
    updatedAt: at,
    editedAt: null,
    author: from === 'visitor' ? VISITOR : AGENT,
    from,
    type: null,
    attachments: [],
    ...rest,
  };
}

export const minute = 60_000;
