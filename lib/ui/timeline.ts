/**
 * Turns the message list into what the log shows: day separators, system lines, and runs of bubbles by the
 * same sender (a run breaks after five quiet minutes, at a new day, or at any system line).
 */
import type { ChatMessage } from '../livechat/types';
import { dayLabel, startOfDay } from './format';
import { isSystemMessage, systemText, type SystemText } from './system-text';

export type TimelineItem =
  | { kind: 'day'; key: string; label: string }
  /** "New messages": what arrived since the visitor last looked starts here. */
  | { kind: 'unread'; key: string }
  | ({ kind: 'system'; key: string; id: string; ts: number } & SystemText)
  | {
      kind: 'group';
      key: string;
      from: 'visitor' | 'agent';
      authorId: string;
      authorName: string;
      messages: ChatMessage[];
    };

export interface TimelineOptions {
  now: number;
  agentHidden: boolean;
  hiddenTypes?: readonly string[];
  /** Id of the first message the visitor has not seen yet; the "new messages" line goes before it. */
  unreadFrom?: string | null;
}

const GROUP_GAP_MS = 5 * 60_000;

/**
 * Builds the display items for `messages` (already in `ts` order). Items equal to one in `previous` (the last
 * build) are that very object, so a view that compares by reference skips what did not change.
 */
export function buildTimeline(
  messages: readonly ChatMessage[],
  options: TimelineOptions,
  previous: readonly TimelineItem[] = [],
): TimelineItem[] {
  const items: TimelineItem[] = [];
  let day: number | null = null;
  // The next midnight: messages before it share `day`, so most need no date arithmetic.
  let nextDay = -Infinity;
  let group: Extract<TimelineItem, { kind: 'group' }> | null = null;
  let lastTs = 0;
  const visitorIds = new Set(messages.filter((m) => m.from === 'visitor').map((m) => m.author.id));

  for (const message of messages) {
    const system = isSystemMessage(message)
      ? systemText(message, { agentHidden: options.agentHidden, hiddenTypes: options.hiddenTypes, visitorIds })
      : null;
    if (isSystemMessage(message) && !system) continue;

    if (day === null || message.ts < day || message.ts >= nextDay) {
      const messageDay = startOfDay(message.ts);
      day = messageDay;
      // A day is 23 to 25 hours long; 25 hours on lands in the next day either way.
      nextDay = startOfDay(messageDay + 25 * 3_600_000);
      group = null;
      items.push({ kind: 'day', key: `day-${messageDay}`, label: dayLabel(message.ts, options.now) });
    }
    if (message.id === options.unreadFrom) {
      group = null;
      items.push({ kind: 'unread', key: 'unread' });
    }
    if (system) {
      group = null;
      items.push({ kind: 'system', key: message.id, id: message.id, ts: message.ts, ...system });
      continue;
    }
    const from = message.from === 'visitor' ? 'visitor' : 'agent';
    const sameRun = group && group.from === from && group.authorId === message.author.id;
    if (group && sameRun && message.ts - lastTs <= GROUP_GAP_MS) {
      group.messages.push(message);
    } else {
      group = {
        kind: 'group',
        key: `group-${message.id}`,
        from,
        authorId: message.author.id,
        authorName: message.author.name || message.author.username,
        messages: [message],
      };
      items.push(group);
    }
    lastTs = message.ts;
  }
  return reuseUnchanged(items, previous);
}

function reuseUnchanged(items: TimelineItem[], previous: readonly TimelineItem[]): TimelineItem[] {
  if (previous.length === 0) return items;
  const byKey = new Map(previous.map((item) => [item.key, item]));
  return items.map((item) => {
    const old = byKey.get(item.key);
    return old && sameItem(item, old) ? old : item;
  });
}

/** Shallow equality, one level into arrays (a group's messages are compared by reference). */
function sameItem(a: TimelineItem, b: TimelineItem): boolean {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => {
    const x = left[key];
    const y = right[key];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
    return x === y;
  });
}

/**
 * The tail of `items` holding the newest `count` messages, for a first view that must be quick: the group cut in
 * two keeps its key, so showing the rest later only adds bubbles above. It reaches back to the "new messages" line
 * if that is further up, and starts with the day line the tail falls in. Returns `items` itself when all fit.
 */
export function latestItems(items: readonly TimelineItem[], count: number): readonly TimelineItem[] {
  let left = count;
  let start = items.length;
  let cut: TimelineItem | null = null;
  while (start > 0 && left > 0) {
    start -= 1;
    const item = items[start]!;
    if (item.kind === 'group') {
      if (item.messages.length > left) cut = { ...item, messages: item.messages.slice(-left) };
      left -= item.messages.length;
    } else if (item.kind === 'system') {
      left -= 1;
    }
  }
  const unread = items.findIndex((item) => item.kind === 'unread');
  if (unread >= 0 && unread < start) {
    start = unread;
    cut = null;
  }
  const rest = items.slice(0, start);
  if (!cut && rest.every((item) => item.kind === 'day' || item.kind === 'unread')) return items;
  const tail = cut ? [cut, ...items.slice(start + 1)] : items.slice(start);
  const day = rest.findLast((item) => item.kind === 'day');
  return day && tail[0]?.kind !== 'day' ? [day, ...tail] : tail;
}

/** How many messages of `items` (bubbles and system lines) are dated `ts` or later: the count `latestItems` needs. */
export function countSince(items: readonly TimelineItem[], ts: number): number {
  let count = 0;
  for (const item of items) {
    if (item.kind === 'group') {
      for (const message of item.messages) if (message.ts >= ts) count += 1;
    } else if (item.kind === 'system' && item.ts >= ts) {
      count += 1;
    }
  }
  return count;
}

/** The date of the first message in `items` (bubble or system line), or null when it holds none. */
export function firstTs(items: readonly TimelineItem[]): number | null {
  for (const item of items) {
    if (item.kind === 'group') return item.messages[0]?.ts ?? null;
    if (item.kind === 'system') return item.ts;
  }
  return null;
}
