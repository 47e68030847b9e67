/**
 * The worker's messages of a desk, keyed by room + id and kept in time order. Lookups and replacements are O(1)
 * (plus O(log n) to find the place in the order); a message newer than all others — nearly every one a flood
 * brings — is appended in O(1), so thousands of arrivals never cost thousands of copies of the list.
 */
import type { ChatMessage } from '../livechat/types';
import { isUndelivered } from './desk';

/** The key of a message: the same `_id` in another room is another message. */
export function messageKey(rid: string, id: string): string {
  return `${rid}\n${id}`;
}

export interface MessageStore {
  readonly size: number;
  get(rid: string, id: string): ChatMessage | undefined;
  /**
   * Inserts or replaces; returns the message it replaced. The visitor's own message that was undelivered under
   * another room id (none yet, or a proposed one) is replaced by its delivered copy, by id.
   */
  upsert(message: ChatMessage): ChatMessage | undefined;
  remove(rid: string, id: string): ChatMessage | undefined;
  /** Drops the oldest delivered messages until at most `max` remain; returns those that went. */
  trimOldest(max: number): ChatMessage[];
  /** All messages, oldest first: a stable copy, rebuilt only after a change. */
  list(): readonly ChatMessage[];
}

/** Creates a store holding `initial` (any order). */
export function createMessageStore(initial: readonly ChatMessage[]): MessageStore {
  const byKey = new Map<string, ChatMessage>();
  /** Undelivered messages by id alone: their room id may change on delivery. */
  const undelivered = new Map<string, string>();
  const order: ChatMessage[] = [];
  let view: readonly ChatMessage[] | null = null;

  /** First index whose `ts` is above `ts` (`upper`), or not below it. */
  function bound(ts: number, upper: boolean): number {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = order[mid]!.ts;
      if (at < ts || (upper && at === ts)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  function indexOf(message: ChatMessage): number {
    for (let i = bound(message.ts, false); i < order.length && order[i]!.ts === message.ts; i += 1) {
      if (order[i] === message) return i;
    }
    return order.indexOf(message);
  }
  function place(message: ChatMessage): void {
    const last = order.at(-1);
    if (!last || last.ts <= message.ts) order.push(message);
    else order.splice(bound(message.ts, true), 0, message);
  }
  function forget(key: string, message: ChatMessage): void {
    byKey.delete(key);
    if (undelivered.get(message.id) === key) undelivered.delete(message.id);
    const at = indexOf(message);
    if (at >= 0) order.splice(at, 1);
  }

  const store: MessageStore = {
    get size() {
      return byKey.size;
    },
    get: (rid, id) => byKey.get(messageKey(rid, id)),
    upsert(message) {
      const key = messageKey(message.rid, message.id);
      let known = byKey.get(key);
      if (known) {
        byKey.set(key, message);
        const at = indexOf(known);
        if (known.ts === message.ts) order[at] = message;
        else {
          order.splice(at, 1);
          place(message);
        }
      } else {
        const pendingKey = message.from === 'visitor' ? undelivered.get(message.id) : undefined;
        const pending = pendingKey === undefined ? undefined : byKey.get(pendingKey);
        if (pendingKey !== undefined && pending) {
          forget(pendingKey, pending);
          known = pending;
        }
        byKey.set(key, message);
        place(message);
      }
      if (isUndelivered(message)) undelivered.set(message.id, key);
      else if (undelivered.get(message.id) === key) undelivered.delete(message.id);
      view = null;
      return known;
    },
    remove(rid, id) {
      const key = messageKey(rid, id);
      const known = byKey.get(key);
      if (!known) return undefined;
      forget(key, known);
      view = null;
      return known;
    },
    trimOldest(max) {
      let excess = byKey.size - max;
      if (excess <= 0) return [];
      const kept: ChatMessage[] = [];
      const dropped: ChatMessage[] = [];
      for (const message of order) {
        if (excess > 0 && !isUndelivered(message)) {
          byKey.delete(messageKey(message.rid, message.id));
          excess -= 1;
          dropped.push(message);
        } else kept.push(message);
      }
      order.length = 0;
      for (const message of kept) order.push(message);
      view = null;
      return dropped;
    },
    list() {
      view ??= order.slice();
      return view;
    },
  };
  for (const message of initial) store.upsert(message);
  return store;
}
