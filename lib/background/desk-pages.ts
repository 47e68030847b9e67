/**
 * A desk's cached messages (up to 500) in pages of about {@link PAGE_MESSAGES}, each stored under a key of its own
 * (`desk-store.ts`), so a save rewrites the page a new message landed in, not every cached message. A page ends
 * after a message whose key hashes to a multiple of {@link PAGE_MESSAGES}: the boundaries depend only on the
 * messages around them, never on positions, so a new message changes only the newest page, and the cache losing
 * its oldest message (at 500) only the oldest page. Closed pages are named after their last message; the newest,
 * still growing, is `open`.
 */
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

/** FNV-1a of the message's room and id (its identity in the store), once per message object. */
function hashOf(message: ChatMessage): number {
  // Stored data may hold anything until the worker's repair judged it: what is not a message ends no page.
  if (typeof message !== 'object' || message === null) return 1;
  let hash = hashes.get(message);
  if (hash === undefined) {
    hash = 0x811c9dc5;
    const key = `${String(message.rid)}\n${String(message.id)}`;
    for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
    hashes.set(message, hash);
  }
  return hash;
}

/** Splits messages (oldest first) into pages; concatenated in order they are the messages again. */
export function paginate(messages: readonly ChatMessage[]): Page[] {
  const pages: Page[] = [];
  const names = new Set<string>();
  const close = (page: ChatMessage[], name: string): void => {
    let unique = name;
    for (let n = 2; names.has(unique); n += 1) unique = `${name}.${n}`;
    names.add(unique);
    pages.push({ name: unique, messages: page });
  };
  let page: ChatMessage[] = [];
  for (const message of messages) {
    page.push(message);
    const hash = hashOf(message);
    if (hash % PAGE_MESSAGES === 0 || page.length >= PAGE_MAX) {
      close(page, `p${hash.toString(36)}`);
      page = [];
    }
  }
  if (page.length > 0) close(page, OPEN_PAGE);
  return pages;
}
