/**
 * Tells the visitor about agent replies while no chat UI is open: one system notification per desk, updated in
 * place with the count and the newest reply (at most once per `NOTIFY_INTERVAL_MS`, so a flood of replies cannot
 * flood the desktop), and the unread count on the toolbar badge.
 */
import { stripBidi } from '../bidi';
import type { Clock } from '../ddp/types';
import type { ChatMessage } from '../livechat/types';

interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
}

/** The slice of the extension APIs the notifier uses (satisfied by `browser` from `wxt/browser`). */
export interface NotifierApis {
  notifications: {
    create(id: string, options: NotificationOptions): Promise<string>;
    /** Chrome only: changes a shown notification without raising it again; false when it is gone. */
    update?(id: string, options: NotificationOptions): Promise<boolean>;
    clear(id: string): Promise<boolean>;
  };
  action: {
    setBadgeText(details: { text: string }): Promise<void> | void;
    setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  };
  /** The extension's locale files (`browser.i18n`); without it (or a key it lacks) the notifier speaks English. */
  i18n?: { getMessage(name: string, substitutions?: string[]): string };
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

/** Shortest time between two changes of the notification; replies in between are folded into the next one. */
export const NOTIFY_INTERVAL_MS = 5_000;
/** Prefix of the notification's id; the rest is the desk's server URL. */
export const NOTIFICATION_PREFIX = 'lqs-desk:';

/** The notification id of a desk. */
export function notificationId(serverUrl: string): string {
  return `${NOTIFICATION_PREFIX}${serverUrl}`;
}

export type Notifier = ReturnType<typeof createNotifier>;

/** Creates the notifier; `iconUrl` is the extension's icon. */
export function createNotifier(apis: NotifierApis, iconUrl: string, clock: Pick<Clock, 'setTimeout' | 'now'>) {
  // Agent replies that reached an open chat UI that never said it saw them: a UI can be closing, or hidden, as
  // the reply arrives. They are announced when the last UI goes, so a reply is never left unannounced and unseen.
  let held: ChatMessage[] = [];
  /** What the notification says: replies since the visitor last looked, the newest, and whose desk. */
  let count = 0;
  let newest: ChatMessage | null = null;
  let desk = { url: '', title: '' };
  let shownId: string | null = null;
  let lastShownAt = Number.NEGATIVE_INFINITY;
  let timer = false;
  let generation = 0;

  async function show(): Promise<void> {
    if (!newest || count === 0) return;
    lastShownAt = clock.now();
    const id = notificationId(desk.url);
    const who = newest.author.name || newest.author.username || desk.title;
    const say = (key: string, fallback: string, subs?: string[]) => apis.i18n?.getMessage(key, subs) || fallback;
    // Names and texts are the agent's words: no bidi override may reorder them in the system's notification either.
    const options: NotificationOptions = {
      type: 'basic',
      iconUrl,
      // With several desks the visitor must know which one answered: the title always names the desk.
      title: stripBidi(
        count === 1
          ? say('notifyFromDesk', `${who} · ${desk.title}`, [who, desk.title])
          : say('notifyNewMessages', `${desk.title}: ${count} new messages`, [desk.title, String(count)]),
      ),
      message: stripBidi(
        (count === 1 ? '' : `${who}: `) + preview(newest, say('notifyAttachment', 'Sent an attachment')),
      ),
    };
    try {
      const updated = shownId === id && apis.notifications.update && (await apis.notifications.update(id, options));
      if (!updated) await apis.notifications.create(id, options);
      shownId = id;
    } catch (error) {
      console.warn('notification failed', error);
    }
  }

  function schedule(): Promise<void> {
    if (timer) return Promise.resolve();
    const wait = lastShownAt + NOTIFY_INTERVAL_MS - clock.now();
    if (wait <= 0) return show();
    timer = true;
    const mine = generation;
    clock.setTimeout(() => {
      timer = false;
      if (mine === generation) void show();
    }, wait);
    return Promise.resolve();
  }

  return {
    /** Keeps agent replies that arrived while a chat UI was open, until it reports them seen or closes. */
    hold(messages: ChatMessage[]): void {
      for (const message of messages) held.push(message);
    },
    /** The last chat UI closed: announces what it never saw. */
    async releaseHeld(serverUrl: string, deskTitle: string): Promise<void> {
      const messages = held;
      held = [];
      await this.agentReplied(messages, serverUrl, deskTitle);
    },
    /** Announces agent messages (already filtered to ones the visitor was not told about). */
    async agentReplied(messages: ChatMessage[], serverUrl: string, deskTitle: string): Promise<void> {
      const last = messages.at(-1);
      if (!last) return;
      count += messages.length;
      newest = last;
      desk = { url: serverUrl, title: deskTitle };
      await schedule();
    },
    /** Removes the notification and forgets held replies (the visitor saw the chat). */
    async clearAll(): Promise<void> {
      held = [];
      count = 0;
      newest = null;
      generation += 1;
      timer = false;
      // The visitor has just looked: the next reply deserves a notification at once.
      lastShownAt = Number.NEGATIVE_INFINITY;
      const id = shownId;
      shownId = null;
      if (id) await apis.notifications.clear(id).catch(() => false);
    },
  };
}

/**
 * How long the badge waits before it follows the unread count. The toolbar call costs the worker about a
 * millisecond; made at once it would delay the very message it counts on its way to an open chat, and an open chat
 * marks that message seen a few milliseconds later, so the badge would flash 1 then nothing for every reply.
 */
export const BADGE_DELAY_MS = 100;

/**
 * The toolbar badge: `show(unread)` (of every desk together; 0 clears it) takes effect after
 * {@link BADGE_DELAY_MS}, with the count as it is then, and only if what the badge says changes.
 */
export function createBadge(action: BadgeApi, setTimer: (fn: () => void, ms: number) => void) {
  let wanted = 0;
  /** What the badge says; unknown until the first call (it outlives a worker stop). */
  let shown: string | null = null;
  let scheduled = false;
  const apply = async (): Promise<void> => {
    scheduled = false;
    const text = wanted > 0 ? String(Math.min(wanted, 99)) : '';
    if (text === shown) return;
    const first = !shown;
    shown = text;
    await action.setBadgeText({ text });
    if (text && first) await action.setBadgeBackgroundColor({ color: '#D92D20' });
  };
  return {
    show(unread: number): void {
      wanted = unread;
      if (scheduled) return;
      scheduled = true;
      setTimer(() => {
        apply().catch((error: unknown) => console.warn('the toolbar badge could not be updated', error));
      }, BADGE_DELAY_MS);
    },
  };
}

function preview(message: ChatMessage, attachmentText: string): string {
  const text = message.text.trim() || message.attachments[0]?.title || attachmentText;
  return text.length > 180 ? `${text.slice(0, 177)}…` : text;
}
