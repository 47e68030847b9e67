/**
 * How much of a conversation goes into extension storage (`storage.local`, about 10 MB for everything). The
 * server holds every message, so storage only keeps what a restart needs to show the chat at once: the newest
 * messages within a budget, each within a size, and always what the visitor has not delivered yet. A server that
 * sends huge messages can therefore never make a save fail, and the token, visitor, room and undelivered messages
 * are always written (the worker falls back to `leanDesk`, then `essentialDesk`).
 */
import { clip } from '../livechat/bounds';
import type { ChatMessage } from '../livechat/types';
import { isUndelivered, withCache, type DeskRecord } from './desk';

/** Newest messages kept per room; older ones are fetched from the server when scrolled to. */
export const MESSAGE_CACHE_LIMIT = 500;
/** Most characters of JSON the stored messages of one desk may take (undelivered ones always go in on top). */
export const MESSAGE_STORAGE_BUDGET = 1_000_000;
/** Largest message stored whole (JSON characters); a larger one is stored without its tree and with its text cut. */
export const STORED_MESSAGE_MAX = 16_000;
/** Text a cut stored message keeps (the whole message comes back from the server on the next catch-up). */
const STORED_TEXT_CHARS = 4_000;
/** Messages a lean desk keeps besides the undelivered ones (see `leanDesk`), and the budget they share. */
export const LEAN_MESSAGE_COUNT = 50;
export const LEAN_STORAGE_BUDGET = 100_000;

const sizes = new WeakMap<ChatMessage, number>();

/** The message's JSON length, measured once per message object (messages are replaced, never changed). */
function sizeOf(message: ChatMessage): number {
  let size = sizes.get(message);
  if (size === undefined) {
    size = JSON.stringify(message).length;
    sizes.set(message, size);
  }
  return size;
}

/** The form a message is stored in: itself, or — beyond {@link STORED_MESSAGE_MAX} — a cut copy marked shortened. */
export function storedMessage(message: ChatMessage): ChatMessage {
  if (isUndelivered(message) || sizeOf(message) <= STORED_MESSAGE_MAX) return message;
  const { md: _md, ...rest } = message;
  return {
    ...rest,
    text: clip(message.text, STORED_TEXT_CHARS),
    attachments: message.attachments.slice(0, 3),
    shortened: true,
  };
}

/**
 * The messages worth persisting, oldest first: every undelivered one, and the newest others as long as all stay
 * within `count` and the others within `budget` (JSON characters), each in its {@link storedMessage} form.
 */
export function trimCache(
  messages: readonly ChatMessage[],
  count = MESSAGE_CACHE_LIMIT,
  budget = MESSAGE_STORAGE_BUDGET,
): ChatMessage[] {
  const kept: ChatMessage[] = [];
  let used = 0;
  // The undelivered count against `count` too, so the stored list never grows past it in ordinary use.
  let room = Math.max(0, count - messages.filter(isUndelivered).length);
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i]!;
    if (isUndelivered(message)) {
      kept.push(message);
      continue;
    }
    if (room === 0 || used >= budget) continue;
    const stored = storedMessage(message);
    const size = sizeOf(stored);
    if (used + size > budget) continue;
    used += size;
    room -= 1;
    kept.push(stored);
  }
  return kept.toReversed();
}

/**
 * A desk cut down to what must survive a worker restart when the whole of it does not fit in storage: everything
 * but messages, every message not yet delivered, and the newest few. What is cut is still on the server.
 */
export function leanDesk(desk: DeskRecord): DeskRecord {
  const undelivered = desk.messages.filter(isUndelivered).length;
  return withCache(desk, trimCache(desk.messages, LEAN_MESSAGE_COUNT + undelivered, LEAN_STORAGE_BUDGET));
}

/** The last resort when even a lean desk does not fit: the token, visitor, room and undelivered messages only. */
export function essentialDesk(desk: DeskRecord): DeskRecord {
  return withCache(desk, desk.messages.filter(isUndelivered));
}
