/**
 * What a Rocket.Chat system message says to a visitor (SPEC §3.4, §3.5). The text is built from the message's
 * type and author, never from `msg`: from 6.x an agent-joined (`uj`) message has an empty `msg`. The worker words
 * the lines of what a page shows first (`withLines`), so that the page's first frames need none of this code; the
 * page loads it beside its first screen (`lib/ui/system-text.ts`) and words every line itself from then on.
 */
import type en from '../public/_locales/en/messages.json';
import type { ChatMessage, VideoCall } from './livechat/types';
import type { ChatSnapshot } from './messaging';
import { isSystemMessage } from './system-message';

/** A text of the extension's locale files with `$1`… filled: the page's `t`, or the worker's `browser.i18n`. */
export type Say = (key: keyof typeof en, ...subs: string[]) => string;

export interface SystemLine {
  text: string;
  /** A closing comment or transfer note from the server, shown under the line. */
  detail?: string;
  /** The agent's video call, when the line announces one: a Join button opens its link in a new tab. */
  call?: VideoCall;
}

/** Types that are bookkeeping for agents or the widget, never shown to the visitor. */
const HIDDEN = new Set([
  'command',
  'livechat-started',
  'livechat_navigation_history',
  'livechat_transcript_history',
  'omnichannel_priority_change_history',
  'omnichannel_sla_change_history',
  'au',
  'ru',
  'r',
  'ut',
  'message_pinned',
  'discussion-created',
]);

const VIDEO_CALL = new Set(['videoconf', 'livechat_video_call', 'jitsi_call_started', 'livechat_webrtc_video_call']);

/** What decides how a line reads besides the message: whether agents are anonymous, hidden types, the visitor. */
export interface LineOptions {
  agentHidden: boolean;
  hiddenTypes?: readonly string[];
  visitorIds?: ReadonlySet<string>;
}

/**
 * The line to show for a system message, or null when it is hidden (by its type or by the desk's
 * `hiddenSystemMessages`). `agentHidden` keeps the agent anonymous when the desk hides agent details;
 * `visitorIds` (authors of the visitor's own messages) tells a chat the visitor closed from one an agent closed.
 */
export function systemLine(message: ChatMessage, options: LineOptions, t: Say): SystemLine | null {
  const type = message.type;
  if (type !== null && (HIDDEN.has(type) || options.hiddenTypes?.includes(type))) return null;
  const who = options.agentHidden ? t('someAgent') : message.author.name || message.author.username || t('someAgent');
  const detail = message.text.trim() || undefined;
  switch (type) {
    case 'uj':
      return { text: t('systemJoined', who) };
    case 'ul':
      return { text: t('systemLeft', who) };
    case 'livechat-close':
      // System messages carry no "from"; the visitor closed when the author is the one who wrote the visitor's.
      return {
        text:
          message.from === 'visitor' || options.visitorIds?.has(message.author.id)
            ? t('systemClosedByYou')
            : t('systemClosed'),
        detail,
      };
    case 'livechat_transfer_history':
    case 'livechat_transfer_history_fallback':
      return { text: t('systemTransferred'), detail };
    case 'omnichannel_placed_chat_on_hold':
      return { text: t('systemOnHold') };
    case 'omnichannel_on_hold_chat_resumed':
      return { text: t('systemResumed') };
    case 'rm':
      return { text: t('systemDeleted') };
    case null:
      return detail ? { text: detail } : null;
    default:
      if (message.call) return callLine(message.call, who, t);
      // Stored before calls were read (no `call`): the line without a button, as then.
      if (VIDEO_CALL.has(type)) return { text: t('systemVideoCall') };
      return detail ? { text: detail } : null;
  }
}

/** A call line: ended, joinable (the UI adds the button), or started with no link the extension can open. */
function callLine(call: VideoCall, who: string, t: Say): SystemLine {
  if (call.ended) return { text: t('systemCallEnded'), call };
  return { text: call.url ? t('systemCallStarted', who) : t('systemVideoCall'), call };
}

/**
 * `page` with each system message's line worded by `t` (`line`; null: a line the chat does not show), for what a
 * chat page shows before its own wording is in: a snapshot's newest page and the stored first screen. The options
 * are the page's own (its desk's config and agent, the visitor's authors among `page`), so the page words them the
 * same once it can.
 */
export function withLines(
  page: readonly ChatMessage[],
  { config, agent }: Pick<ChatSnapshot, 'config' | 'agent'>,
  t: Say,
): ChatMessage[] {
  const options: LineOptions = {
    agentHidden: config?.agentHiddenInfo === true || agent?.hidden === true,
    hiddenTypes: config?.hiddenSystemMessages,
    visitorIds: new Set(page.filter((m) => m.from === 'visitor').map((m) => m.author.id)),
  };
  return page.map((message) =>
    isSystemMessage(message) ? { ...message, line: systemLine(message, options, t) } : message,
  );
}
