/**
 * What a chat page needs before anything else: the newest messages (a page of them, bounded in number and in
 * characters), and where its "new messages" line starts, which reads every held message. A port's snapshot and the
 * stored first screen both carry such a page; the older messages follow once the page has drawn its first frame.
 */
import type { ChatMessage } from './livechat/types';

/**
 * The newest of `messages` (oldest first) that fit within `count` messages and `chars` characters of JSON, oldest
 * first: long messages leave fewer of them, so what crosses first stays small whatever the server sent.
 */
export function newestPage(messages: readonly ChatMessage[], count: number, chars: number): ChatMessage[] {
  let kept = 0;
  let total = 0;
  for (let i = messages.length - 1; i >= 0 && kept < count; i--) {
    total += JSON.stringify(messages[i]).length;
    if (total > chars) break;
    kept += 1;
  }
  return messages.slice(messages.length - kept);
}

/** The oldest of the `unread` newest agent messages in `messages` (oldest first), or null with nothing unread. */
export function firstUnreadId(messages: readonly ChatMessage[], unread: number): string | null {
  if (!(unread > 0)) return null;
  const fromAgent = messages.filter((m) => m.from === 'agent');
  return fromAgent[Math.max(0, fromAgent.length - unread)]?.id ?? null;
}
