/**
 * Catch-up after a reconnect or a worker start: whatever the streams said while we were away is lost (no DDP
 * session resumption, SPEC §1.10), so the room's history is read back, newest first, page by page, until it
 * reaches what we already hold. One fetch per reconnect; never polled (DECISIONS #10).
 */
import type { LivechatApi } from '../livechat/api';
import type { ChatMessage } from '../livechat/types';
import { isUndelivered } from './desk';

export interface CatchUpResult {
  /** What the server holds now for the covered window, oldest first. */
  messages: ChatMessage[];
  /** The window the answer covers completely: anything cached inside it but absent was deleted meanwhile. */
  window: { from: number; to: number } | null;
  /**
   * False when the page limit ran out before the answer reached a message we had (or the room's start): the
   * server holds messages between the cached ones and the window that this answer does not include.
   */
  joined: boolean;
}

/**
 * Reads the room's history back to the newest message we already had from the server.
 * @param known the messages cached for this room
 */
export async function fetchMissed(
  api: Pick<LivechatApi, 'loadHistory'>,
  rid: string,
  known: readonly ChatMessage[],
  pageSize = 50,
  maxPages = 10,
): Promise<CatchUpResult> {
  const confirmed = new Set(known.filter((m) => !isUndelivered(m)).map((m) => m.id));
  const fetched = new Map<string, ChatMessage>();
  let before: number | undefined;
  let reachedStart = false;
  let joined = false;
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await api.loadHistory(rid, { limit: pageSize, ...(before === undefined ? {} : { before }) });
    // Another room's messages are not this room's history, whatever their ids: paging still counts the answer.
    const batch = answer.filter((m) => m.rid === rid);
    for (const message of batch) fetched.set(message.id, message);
    if (answer.length < pageSize) {
      reachedStart = joined = true;
      break;
    }
    if (batch.some((m) => confirmed.has(m.id))) {
      joined = true;
      break;
    }
    const oldest = answer[0]?.ts;
    // A server that pages no further has nothing older to give: what we hold joins what it said.
    if (oldest === undefined || oldest === before) {
      joined = true;
      break;
    }
    before = oldest;
  }
  const messages = [...fetched.values()].toSorted((a, b) => a.ts - b.ts);
  const first = messages[0];
  const last = messages.at(-1);
  return {
    messages,
    window:
      first && last ? { from: reachedStart ? 0 : first.ts, to: last.ts } : reachedStart ? { from: 0, to: 0 } : null,
    joined: joined || confirmed.size === 0,
  };
}

/**
 * Cached messages of the room inside the covered window that the server no longer has: deleted while away.
 * Only ordinary messages count; a server may leave system messages out of its history.
 */
export function deletedWhileAway(cached: readonly ChatMessage[], rid: string, result: CatchUpResult): string[] {
  const { window } = result;
  if (!window) return [];
  const present = new Set(result.messages.map((m) => m.id));
  return cached
    .filter(
      (m) =>
        m.rid === rid &&
        m.type === null &&
        !isUndelivered(m) &&
        m.ts >= window.from &&
        m.ts <= window.to &&
        !present.has(m.id),
    )
    .map((m) => m.id);
}

/** Cached messages of the room from the server that are older than `ts` (never pending or failed ones). */
export function olderThan(cached: readonly ChatMessage[], rid: string, ts: number): string[] {
  return cached.filter((m) => m.rid === rid && !isUndelivered(m) && m.ts < ts).map((m) => m.id);
}
