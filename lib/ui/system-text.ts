/**
 * The page's wording of system lines (lib/system-line.ts), in the chat's language as it is now. The log loads it
 * beside the first screen (lib/ui/timeline.ts): until it is in, the lines the worker worded show.
 */
import type { ChatMessage } from '../livechat/types';
import { systemLine, type LineOptions, type SystemLine } from '../system-line';
import { t } from './i18n';

/** The line to show for a system message, or null when the chat does not show it. */
export function systemText(message: ChatMessage, options: LineOptions): SystemLine | null {
  return systemLine(message, options, t);
}
