/**
 * A desk's cached messages (up to 500) in pages of about {@link PAGE_MESSAGES}, each stored under a key of its own
 * (`desk-store.ts`), so a save rewrites the page a new message landed in, not every cached message. Pages are
 * `lib/hash-runs.ts` runs: a new message changes only the newest page, and the cache losing its oldest message (at
 * 500) only the oldest page. Closed pages are named after their last message; the newest, still growing, is `open`.
 */
import { fnv1a, hashRuns } from '../hash-runs';
import type { ChatMessage } from '../livechat/types';

/** Messages per page on average. */
export const PAGE_MESSAGES = 25;
/** Longest page: a run of messages with no boundary among them (ids chosen to avoid one) is cut here. */
export const PAGE_MAX = 4 * PAGE_MESSAGES;
/** The name of the newest page, the one still growing (closed pages are `p` and a hash). */
export const OPEN_PAGE = 'open';

export interface Page {
  /** Unique among the desk's pages. */
  name: string;
  messages: ChatMessage[];
}

const hashes = new WeakMap<object, number>();

/** The hash of the message's room and id (its identity in the store), once per message object. */
function hashOf(message: ChatMessage): number {
  // Stored data may hold anything until the worker's repair judged it: what is not a message ends no page.
  if (typeof message !== 'object' || message === null) return 1;
  let hash = hashes.get(message);
  if (hash === undefined) {
    hash = fnv1a(`${String(message.rid)}\n${String(message.id)}`);
    hashes.set(message, hash);
  }
  return hash;
}

/** Splits messages (oldest first) into pages; concatenated in order they are the messages again. */
export function paginate(messages: readonly ChatMessage[]): Page[] {
  const names = new Set<string>();
  return hashRuns(messages, hashOf, PAGE_MESSAGES, PAGE_MAX).map(({ items, end }) => {
    const name = end === null ? OPEN_PAGE : `p${end.toString(36)}`;
    let unique = name;
    for (let n = 2; names.has(unique); n += 1) unique = `${name}.${n}`;
    names.add(unique);
    return { name: unique, messages: items };
  });
}
