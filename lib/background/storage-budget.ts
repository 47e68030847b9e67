/**
 * How much of a conversation goes into extension storage (`storage.local`, about 10 MB for everything). The
 * server holds every message, so storage only keeps what a restart needs to show the chat at once: the newest
 * messages within a budget, each within a size, and always what the visitor has not delivered yet. A server that
 * sends huge messages can therefore never make a save fail, and the token, visitor, room and undelivered messages
 * are always written (the worker falls back to `leanDesk`, then `essentialDesk`). Past conversations have a budget
 * of their own, per desk and in total (`trimArchives`).
 */
import { clip } from '../livechat/bounds';
import type { ChatMessage } from '../livechat/types';
import { isUndelivered, withCache, type DeskRecord, type PastRoom } from './desk';

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
  const archive = desk.archive.map((past) =>
    pastWith(past, trimCache(past.messages, LEAN_PAST_COUNT, LEAN_PAST_BUDGET)),
  );
  return {
    ...withCache(desk, trimCache(desk.messages, LEAN_MESSAGE_COUNT + undelivered, LEAN_STORAGE_BUDGET)),
    archive,
  };
}

/**
 * The last resort when even a lean desk does not fit: the token, visitor, room and undelivered messages, and the
 * past conversations as list entries without their words.
 */
export function essentialDesk(desk: DeskRecord): DeskRecord {
  const archive = desk.archive.map((past) => pastWith(past, past.messages.filter(isUndelivered)));
  return { ...withCache(desk, desk.messages.filter(isUndelivered)), archive };
}

/** Messages a past conversation keeps in a lean desk, and the budget they share. */
const LEAN_PAST_COUNT = 20;
const LEAN_PAST_BUDGET = 20_000;

function pastWith(past: PastRoom, kept: ChatMessage[]): PastRoom {
  const historyComplete = past.historyComplete && kept.length === past.messages.length;
  return { ...past, messages: kept, historyComplete };
}

/** Most JSON characters one desk's past conversations may take, and all desks' together. */
export const ARCHIVE_DESK_BUDGET = 2_000_000;
export const ARCHIVE_TOTAL_BUDGET = 5_000_000;

const pastSizes = new WeakMap<PastRoom, number>();

/** A past room's JSON length, measured once per object (past rooms are replaced, never changed). */
function pastSize(past: PastRoom): number {
  let size = pastSizes.get(past);
  if (size === undefined) {
    size = JSON.stringify(past).length;
    pastSizes.set(past, size);
  }
  return size;
}

/** Only a closed room without undelivered words may go to save space. */
const trimmable = (past: PastRoom) => past.closed && !past.messages.some(isUndelivered);

/**
 * The desks with their past conversations within budget: per desk, then in total, the oldest closed rooms go
 * first (by when they were left); an open room or one holding undelivered words is never removed. A desk that
 * lost any is marked `archiveTrimmed` so the list can say so. Desks within budget come back as the same objects.
 */
export function trimArchives(
  desks: Record<string, DeskRecord>,
  perDesk = ARCHIVE_DESK_BUDGET,
  total = ARCHIVE_TOTAL_BUDGET,
): Record<string, DeskRecord> {
  const drop = new Set<PastRoom>();
  const candidates: Array<{ past: PastRoom; size: number }> = [];
  let used = 0;
  for (const desk of Object.values(desks)) {
    let deskUsed = desk.archive.reduce((sum, past) => sum + pastSize(past), 0);
    for (const past of oldestFirst(desk.archive)) {
      if (deskUsed <= perDesk) break;
      if (!trimmable(past)) continue;
      drop.add(past);
      deskUsed -= pastSize(past);
    }
    used += deskUsed;
    for (const past of desk.archive)
      if (!drop.has(past) && trimmable(past)) candidates.push({ past, size: pastSize(past) });
  }
  for (const { past, size } of candidates.toSorted((a, b) => leftAt(a.past) - leftAt(b.past))) {
    if (used <= total) break;
    drop.add(past);
    used -= size;
  }
  if (drop.size === 0) return desks;
  return Object.fromEntries(
    Object.entries(desks).map(([url, desk]) => {
      const archive = desk.archive.filter((past) => !drop.has(past));
      return [url, archive.length === desk.archive.length ? desk : { ...desk, archive, archiveTrimmed: true }];
    }),
  );
}

const leftAt = (past: PastRoom) => past.closedAt ?? past.openedAt;
const oldestFirst = (archive: readonly PastRoom[]) => archive.toSorted((a, b) => leftAt(a) - leftAt(b));
