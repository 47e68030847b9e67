/**
 * Tells the visitor about agent replies while no chat UI is open: a system notification per message (one
 * summary for a burst) and the unread count on the toolbar badge.
 */
import type { ChatMessage } from '../livechat/types';

/** The slice of the extension APIs the notifier uses (satisfied by `browser` from `wxt/browser`). */
export interface NotifierApis {
  notifications: {
    create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
    clear(id: string): Promise<boolean>;
  };
  action: {
    setBadgeText(details: { text: string }): Promise<void> | void;
    setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  };
}

/** The toolbar button's badge API: `action` in MV3, `browserAction` in MV2 (Firefox's default build). */
export type BadgeApi = NotifierApis['action'];

/**
 * Picks the toolbar button API the running manifest provides: Firefox's MV2 build has only `browserAction`, and
 * using `action` there threw on every badge update.
 */
export function toolbarAction(apis: { action?: BadgeApi; browserAction?: BadgeApi }): BadgeApi {
  const api = apis.action ?? apis.browserAction;
  if (!api) throw new Error('neither action nor browserAction is available');
  return api;
}

/** Above this many messages at once, one summary notification replaces one per message. */
export const SUMMARY_THRESHOLD = 3;
export const NOTIFICATION_PREFIX = 'lqs-message:';

/** Creates the notifier; `iconUrl` is the extension's icon. */
export function createNotifier(apis: NotifierApis, iconUrl: string) {
  const shown = new Set<string>();
  // Agent replies that reached an open chat UI that never said it saw them: a UI can be closing, or hidden, as
  // the reply arrives. They are announced when the last UI goes, so a reply is never left unannounced and unseen.
  let held: ChatMessage[] = [];

  return {
    /** Keeps agent replies that arrived while a chat UI was open, until it reports them seen or closes. */
    hold(messages: ChatMessage[]): void {
      held = [...held, ...messages];
    },
    /** The last chat UI closed: announces what it never saw. */
    async releaseHeld(deskTitle: string): Promise<void> {
      const messages = held;
      held = [];
      await this.agentReplied(messages, deskTitle);
    },
    /** Raises notifications for agent messages (already filtered to ones the visitor was not told about). */
    async agentReplied(messages: ChatMessage[], deskTitle: string): Promise<void> {
      if (messages.length === 0) return;
      const last = messages.at(-1);
      if (!last) return;
      if (messages.length > SUMMARY_THRESHOLD) {
        await notify(`${NOTIFICATION_PREFIX}${last.id}`, deskTitle, `${messages.length} new messages from support`);
        return;
      }
      for (const message of messages) {
        const who = message.author.name || message.author.username || deskTitle;
        await notify(`${NOTIFICATION_PREFIX}${message.id}`, who, preview(message));
      }
    },
    /** Mirrors the unread count on the badge ('' clears it). */
    async badge(unread: number): Promise<void> {
      await apis.action.setBadgeText({ text: unread > 0 ? String(Math.min(unread, 99)) : '' });
      if (unread > 0) await apis.action.setBadgeBackgroundColor({ color: '#D92D20' });
    },
    /** Removes every notification we raised and forgets held replies (the visitor saw the chat). */
    async clearAll(): Promise<void> {
      held = [];
      const ids = [...shown];
      shown.clear();
      await Promise.all(ids.map((id) => apis.notifications.clear(id).catch(() => false)));
    },
  };

  async function notify(id: string, title: string, message: string): Promise<void> {
    shown.add(id);
    try {
      await apis.notifications.create(id, { type: 'basic', iconUrl, title, message });
    } catch (error) {
      console.warn('notification failed', error);
    }
  }
}

function preview(message: ChatMessage): string {
  const text = message.text.trim() || message.attachments[0]?.title || 'Sent an attachment';
  return text.length > 180 ? `${text.slice(0, 177)}…` : text;
}
