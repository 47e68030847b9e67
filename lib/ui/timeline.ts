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

/** Builds the display items for `messages` (already in `ts` order). */
export function buildTimeline(messages: readonly ChatMessage[], options: TimelineOptions): TimelineItem[] {
  const items: TimelineItem[] = [];
  let day: number | null = null;
  let group: Extract<TimelineItem, { kind: 'group' }> | null = null;
  let lastTs = 0;
  const visitorIds = new Set(messages.filter((m) => m.from === 'visitor').map((m) => m.author.id));

  for (const message of messages) {
    const system = isSystemMessage(message)
      ? systemText(message, { agentHidden: options.agentHidden, hiddenTypes: options.hiddenTypes, visitorIds })
      : null;
    if (isSystemMessage(message) && !system) continue;

    const messageDay = startOfDay(message.ts);
    if (messageDay !== day) {
      day = messageDay;
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
  return items;
}
