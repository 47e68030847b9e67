/**
 * Which messages are system lines, for the page's log (lib/ui/timeline.ts, eager) and for the wording of lines
 * (lib/system-line.ts, in the worker and loaded beside a page's first screen): its own module so the log's eager
 * code holds this test and none of the wording.
 */
import type { ChatMessage } from './livechat/types';

/** True for messages that render as a centred system line rather than a bubble. */
export function isSystemMessage(message: ChatMessage): boolean {
  return message.type !== null || message.from === 'system';
}
