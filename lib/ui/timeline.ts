/**
 * Turns the message list into what the log shows: day separators, system lines, and runs of bubbles by the
 * same sender (a run breaks after five quiet minutes, at a new day, or at any system line).
 */
import type { ChatMessage } from '../livechat/types';
import type { LineOptions, SystemLine } from '../system-line';
import { isSystemMessage } from '../system-message';
import { dayLabel, startOfDay } from './format';
import { whenLoaded } from './signals';

type Wording = (message: ChatMessage, options: LineOptions) => SystemLine | null;

/**
 * How the page words system lines (lib/ui/system-text.ts), loaded beside the first screen rather than before it
 * (issue 12): until it is in, a line shows as the worker worded it (`ChatMessage.line`, on what a page shows first),
 * so no line of a first screen comes a frame late. Builds read it, so the log words its lines again once it is in.
 */
export const systemTextLoaded: Promise<Wording> = import('./system-text').then((module) => module.systemText);
const wording = whenLoaded(systemTextLoaded);

export type TimelineItem =
  | { kind: 'day'; key: string; label: string }
  /** "New messages": what arrived since the visitor last looked starts here. */
  | { kind: 'unread'; key: string }
  | ({ kind: 'system'; key: string; id: string; ts: number } & SystemLine)
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

type Group = Extract<TimelineItem, { kind: 'group' }>;

/** Where a build stopped: enough to add newer messages to it without walking the older ones again. */
interface BuildEnd {
  messages: readonly ChatMessage[];
  options: TimelineOptions;
  today: number;
  /** How this build worded its system lines (null: as the worker did). */
  wording: Wording | null;
  visitorIds: ReadonlySet<string>;
  day: number | null;
  nextDay: number;
  /** The group the next message may join (always the last item), or null. */
  group: Group | null;
  lastTs: number;
}

/** How each build returned by {@link buildTimeline} ended, so that the next one can go on from there. */
const ends = new WeakMap<readonly TimelineItem[], BuildEnd>();

/**
 * Builds the display items for `messages` (already in `ts` order). Items equal to one in `previous` (the last
 * build) are that very object, so a view that compares by reference skips what did not change. When `messages`
 * is the last build's list with newer messages after it (an agent's reply), only those are walked: a log of
 * hundreds of messages costs a new message a few microseconds, not a walk over all of them.
 */
export function buildTimeline(
  messages: readonly ChatMessage[],
  options: TimelineOptions,
  previous: readonly TimelineItem[] = [],
): TimelineItem[] {
  const last = ends.get(previous);
  const today = startOfDay(options.now);
  const words = wording.value;
  if (last && last.wording === words && grows(last, messages, options, today)) {
    const items = [...previous];
    const end = { ...last, messages, options, today };
    walk(messages.slice(last.messages.length), items, end);
    ends.set(items, end);
    return items;
  }
  const visitorIds = new Set(messages.filter((m) => m.from === 'visitor').map((m) => m.author.id));
  const end: BuildEnd = {
    messages,
    options,
    today,
    wording: words,
    visitorIds,
    day: null,
    nextDay: -Infinity,
    group: null,
    lastTs: 0,
  };
  const items: TimelineItem[] = [];
  walk(messages, items, end);
  const reused = reuseUnchanged(items, previous);
  // A group the last build reused is the previous build's object: joining it must copy it, as `walk` does.
  if (end.group) end.group = reused.at(-1) as Group;
  ends.set(reused, end);
  return reused;
}

/** True when `messages` is the last build's list (the same objects) with newer messages after it, same options. */
function grows(last: BuildEnd, messages: readonly ChatMessage[], options: TimelineOptions, today: number): boolean {
  const before = last.messages;
  if (
    messages.length <= before.length ||
    today !== last.today ||
    options.agentHidden !== last.options.agentHidden ||
    options.hiddenTypes !== last.options.hiddenTypes ||
    options.unreadFrom !== last.options.unreadFrom
  ) {
    return false;
  }
  for (let i = 0; i < before.length; i++) if (messages[i] !== before[i]) return false;
  // A new author of the visitor's own messages changes how older system lines read ("closed by the visitor").
  for (let i = before.length; i < messages.length; i++) {
    const message = messages[i]!;
    if (message.from === 'visitor' && !last.visitorIds.has(message.author.id)) return false;
  }
  return true;
}

/** Adds `messages` to `items`, going on from `end` (which it moves on). A group it joins is copied, not changed. */
function walk(messages: readonly ChatMessage[], items: TimelineItem[], end: BuildEnd): void {
  const { options, visitorIds, wording: words } = end;
  let shared = end.group;
  for (const message of messages) {
    const isSystem = isSystemMessage(message);
    // A line neither the page nor the worker worded yet shows once the page's wording is in.
    const system = !isSystem
      ? null
      : words
        ? words(message, { agentHidden: options.agentHidden, hiddenTypes: options.hiddenTypes, visitorIds })
        : message.line;
    if (isSystem && !system) continue;

    if (end.day === null || message.ts < end.day || message.ts >= end.nextDay) {
      const messageDay = startOfDay(message.ts);
      end.day = messageDay;
      // A day is 23 to 25 hours long; 25 hours on lands in the next day either way.
      end.nextDay = startOfDay(messageDay + 25 * 3_600_000);
      end.group = null;
      items.push({ kind: 'day', key: `day-${messageDay}`, label: dayLabel(message.ts, options.now) });
    }
    if (message.id === options.unreadFrom) {
      end.group = null;
      items.push({ kind: 'unread', key: 'unread' });
    }
    if (system) {
      end.group = null;
      items.push({ kind: 'system', key: message.id, id: message.id, ts: message.ts, ...system });
      continue;
    }
    const from = message.from === 'visitor' ? 'visitor' : 'agent';
    const group = end.group;
    const sameRun = group && group.from === from && group.authorId === message.author.id;
    if (group && sameRun && message.ts - end.lastTs <= GROUP_GAP_MS) {
      if (group === shared) {
        // The last build's group, which a view may still hold: the joined one is a new object.
        shared = null;
        end.group = { ...group, messages: [...group.messages, message] };
        items[items.length - 1] = end.group;
      } else {
        group.messages.push(message);
      }
    } else {
      end.group = {
        kind: 'group',
        key: `group-${message.id}`,
        from,
        authorId: message.author.id,
        authorName: message.author.name || message.author.username,
        messages: [message],
      };
      items.push(end.group);
    }
    end.lastTs = message.ts;
  }
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
