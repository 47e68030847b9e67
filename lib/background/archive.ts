/**
 * The desk's earlier conversations: a room the visitor leaves (a new chat after a closed one) is kept with its
 * messages, so it can be listed and read again after restarts, whether or not the server still answers for it.
 */
import { clip } from '../livechat/bounds';
import type { AgentInfo, ChatMessage } from '../livechat/types';
import type { PastConversation } from '../messaging';
import { isUndelivered, type DeskRecord, type PastRoom } from './desk';
import { trimCache } from './storage-budget';

/** Characters of a first or last line kept for the list. */
export const LINE_CHARS = 140;

const line = (m: ChatMessage | undefined) => (m ? clip(m.text.replace(/\s+/g, ' ').trim(), LINE_CHARS) : '');

/** The first and last words of a conversation (ordinary messages, not system events), oldest first. */
export function lines(messages: readonly ChatMessage[]): { firstLine: string; lastLine: string } {
  const said = messages.filter((m) => m.type === null && m.from !== 'system' && m.text.trim() !== '');
  return { firstLine: line(said[0]), lastLine: line(said.at(-1)) };
}

/**
 * The current room of the desk as a past conversation: its delivered messages (within the stored budget), who
 * served it, when. `now` is when the visitor left it; `closed` is whether the server closed it.
 */
export function pastRoom(
  room: { id: string; open: boolean },
  agent: AgentInfo | null,
  messages: readonly ChatMessage[],
  historyComplete: boolean,
  now: number,
): PastRoom {
  const own = messages.filter((m) => m.rid === room.id && !isUndelivered(m));
  const kept = trimCache(own);
  return {
    id: room.id,
    agent: agent && !agent.hidden ? { name: agent.name, username: agent.username } : null,
    openedAt: own[0]?.ts ?? now,
    closedAt: room.open ? null : now,
    ...lines(own),
    closed: !room.open,
    messages: kept,
    historyComplete: historyComplete && kept.length === own.length,
  };
}

/** A past room with older messages read back from the server placed before the ones it holds. */
export function withOlder(past: PastRoom, older: readonly ChatMessage[], complete: boolean): PastRoom {
  const known = new Set(past.messages.map((m) => m.id));
  const fresh = older.filter((m) => m.rid === past.id && !known.has(m.id));
  const merged = [...fresh, ...past.messages].toSorted((a, b) => a.ts - b.ts);
  const kept = trimCache(merged);
  return {
    ...past,
    openedAt: Math.min(past.openedAt, merged[0]?.ts ?? past.openedAt),
    firstLine: lines(merged).firstLine || past.firstLine,
    messages: kept,
    // Beyond the budget the oldest stay on the server: they can be read back again, so history is not complete.
    historyComplete: complete && kept.length === merged.length,
  };
}

/** The desk's conversations for the list, newest first: the current room (once the server confirmed it), then the archive. */
export function conversations(desk: DeskRecord): PastConversation[] {
  const listed: PastConversation[] = desk.archive.toReversed().map((past) => ({
    id: past.id,
    agent: past.agent?.name || null,
    openedAt: past.openedAt,
    closedAt: past.closedAt,
    firstLine: past.firstLine,
    lastLine: past.lastLine,
    open: !past.closed,
    current: false,
  }));
  const room = desk.room;
  if (room?.confirmed) {
    const own = desk.messages.filter((m) => m.rid === room.id);
    listed.unshift({
      id: room.id,
      agent: desk.agent && !desk.agent.hidden ? desk.agent.name : null,
      openedAt: own[0]?.ts ?? 0,
      closedAt: room.open ? null : (own.at(-1)?.ts ?? null),
      ...lines(own),
      open: room.open,
      current: true,
    });
  }
  return listed;
}
