/**
 * The worker's composition root: restores state before answering any UI, runs one session for the configured
 * desk, keeps the link up only while the conversation needs it, and relays to UIs, notifications and the badge.
 */
import type { Clock, DdpConnection } from '../ddp/types';
import { createLivechatApi } from '../livechat/api';
import { createCapabilities } from '../livechat/paths';
import { createRestClient, type FetchLike } from '../livechat/rest';
import { emptySnapshot, type BgPort, type ChatSnapshot } from '../messaging';
import type { VisitorSettings } from '../settings';
import { createChatState, type ChatState } from './chat-state';
import { newDesk, type DeskRecord } from './desk';
import { createNotifier, type NotifierApis } from './notifier';
import { createPresence } from './presence';
import { createSession, type Session } from './session';
import { essentialDesk, leanDesk, trimArchives } from './storage-budget';
import { repairDesks, repairSettings } from './repair';
import { createTriggerRunner, type TriggerRunner } from './triggers';
import { createUiHub } from './ui-hub';

/** A DDP connection the worker can start and stop (lib/ddp's client). */
export interface ManagedDdp extends DdpConnection {
  connect(): void;
  disconnect(): void;
  reconnect(): void;
  close(): void;
}

export interface WorkerDeps {
  loadSettings(): Promise<VisitorSettings>;
  watchSettings(listener: (settings: VisitorSettings) => void): void;
  loadDesks(): Promise<Record<string, DeskRecord>>;
  saveDesks(desks: Record<string, DeskRecord>): Promise<void>;
  createDdp(serverUrl: string): ManagedDdp;
  fetch: FetchLike;
  clock: Clock;
  newId(): string;
  newToken(): string;
  apis: NotifierApis;
  iconUrl: string;
  /** Keeps the worker coming back while a room is open, even if the browser stopped it (alarms). */
  keepAlive(on: boolean): void;
}

interface Active {
  state: ChatState;
  session: Session;
  ddp: ManagedDdp;
  presence: ReturnType<typeof createPresence>;
  triggers: TriggerRunner;
}

/** A failed read of stored data, logged and turned into a value the repair resets. */
const unreadable = (what: string) => (error: unknown) => {
  console.warn(`the stored ${what} could not be read; starting afresh`, error);
  return 'unreadable' as const;
};

const UNCONFIGURED: ChatSnapshot = emptySnapshot({ state: 'unconfigured' });

/** Starts the worker logic. `ready` resolves once persisted state is restored. */
export function startWorker(deps: WorkerDeps) {
  let desks: Record<string, DeskRecord> = {};
  let settings: VisitorSettings | null = null;
  let active: Active | null = null;
  const notifier = createNotifier(deps.apis, deps.iconUrl, deps.clock);

  /** Set when stored data had to be repaired on start; every snapshot carries it so each chat says so. */
  let notice: ChatSnapshot['notice'] = null;
  const hub = createUiHub(() => ({ ...(active?.state.snapshot() ?? UNCONFIGURED), notice }), {
    'chat/register': async (p) => {
      const { session, triggers } = need();
      await session.register(p);
      triggers.registered();
      return null;
    },
    'chat/send': async (p) => ({ messageId: need().session.send(p.text) }),
    'chat/sharePage': async (p) => {
      const { session, triggers } = need();
      const messageId = session.sharePage(p);
      triggers.pageShared(p.url);
      return { messageId };
    },
    'chat/retry': async (p) => (need().session.retry(p.messageId), null),
    'chat/typing': async (p) => (await need().session.typing(p.typing), null),
    'chat/seen': async () => {
      active?.session.seen();
      await notifier.clearAll();
      return null;
    },
    'chat/resync': async () => null,
    'chat/loadOlder': async () => ({ loaded: await need().session.actions.loadOlder() }),
    'chat/close': async () => (await need().session.actions.close(), null),
    'chat/new': async () => (need().session.actions.startNew(), null),
    'chat/survey': async (p) => (await need().session.actions.survey(p.answers), null),
    'chat/transcript': async (p) => ({ message: await need().session.actions.transcript(p.email) }),
    'chat/offline': async (p) => ({ message: await need().session.actions.offline(p) }),
    'chat/department': async (p) => (await need().session.actions.department(p.department), null),
    'chat/edit': async (p) => (await need().session.actions.edit(p.messageId, p.text), null),
    'chat/delete': async (p) => (await need().session.actions.remove(p.messageId), null),
    'chat/upload': async (p) => (await need().session.actions.upload(p), null),
    'settings/reconnect': async () => (need().ddp.reconnect(), null),
    'history/list': async () => need().session.history.list(),
    'history/open': async (p) => need().session.history.open(p.roomId),
    'history/loadOlder': async (p) => await need().session.history.loadOlder(p.roomId),
    'history/forget': async (p) => (need().session.history.forget(p.roomId), null),
  });
  hub.onOpenCountChange((count) => {
    applyConnectionPolicy();
    if (count > 0) active?.triggers.chatOpened();
    else active?.triggers.chatClosed();
    active?.presence.want(count > 0 ? 'online' : 'away');
    if (count === 0 && active && settings?.notifications !== false)
      void notifier.releaseHeld(active.state.desk.serverUrl, deskTitle());
  });

  function deskTitle(): string {
    return active?.state.desk.config?.title ?? 'Support';
  }

  // One write at a time, always of the latest desks: a slow or failed write is never overtaken by an older one.
  let writing: Promise<void> = Promise.resolve();
  let writeQueued = false;
  function persist(): void {
    if (writeQueued) return;
    writeQueued = true;
    writing = writing.then(async () => {
      writeQueued = false;
      const all = desks;
      // Whole, then lean, then only what must never be lost: a full storage never stops the visitor's own data.
      for (const cut of [null, leanDesk, essentialDesk]) {
        const desksToSave = cut ? Object.fromEntries(Object.entries(all).map(([url, d]) => [url, cut(d)])) : all;
        try {
          await deps.saveDesks(desksToSave);
          return;
        } catch (error) {
          console.warn(`saving the conversation${cut ? ` (${cut.name})` : ''} failed`, error);
        }
      }
      console.error('saving the conversation failed: storage refuses even the essentials');
    });
  }

  function need(): Active {
    if (!active) throw new Error('No support desk is configured yet: open the options page to set one.');
    return active;
  }

  function activate(next: VisitorSettings): void {
    const url = next.serverUrl;
    if (active && active.state.desk.serverUrl === url) return;
    if (active) {
      active.presence.dispose();
      active.triggers.dispose();
      active.session.dispose();
      active.ddp.close();
      active = null;
    }
    if (url) {
      const desk = desks[url] ?? newDesk(url, deps.newToken());
      const state = createChatState(desk, (saved) => {
        desks = trimArchives({ ...desks, [saved.serverUrl]: saved });
        persist();
        // What the budget removed goes from the live desk too (its next save then finds nothing to trim).
        const kept = desks[saved.serverUrl];
        if (kept && kept !== saved) state.update({ archive: kept.archive, archiveTrimmed: true });
      });
      const caps = createCapabilities(desk.caps, (all) => state.update({ caps: all }));
      const ddp = deps.createDdp(url);
      const token = (): string => state.desk.token;
      const rest = createRestClient({ baseUrl: url, fetch: deps.fetch, token });
      const api = createLivechatApi({ ddp, rest, caps, baseUrl: url, token, now: () => deps.clock.now() });
      // The line decides each operation's path: read it (if the desk does not know it) while the socket connects.
      void api.knowLine();
      const session = createSession({
        state,
        ddp,
        api,
        clock: deps.clock,
        newId: deps.newId,
        defaults: async () => ({
          name: settings?.name ?? '',
          email: settings?.email ?? '',
          ...(settings?.department ? { department: settings.department } : {}),
        }),
        agentMessages: (messages) => {
          if (settings?.notifications === false) return;
          if (hub.openCount() > 0) notifier.hold(messages);
          else void notifier.agentReplied(messages, url, deskTitle());
        },
      });
      const triggers = createTriggerRunner({
        state,
        clock: deps.clock,
        nextAgent: () => api.nextAgent(settings?.department || undefined),
      });
      state.onEvent((event) => {
        hub.publish(event);
        if (event.type === 'patch' && 'config' in event.payload) triggers.configChanged();
        if (event.type === 'patch' && 'unread' in event.payload) void notifier.badge(event.payload.unread ?? 0);
        if (event.type === 'patch' && 'room' in event.payload) applyConnectionPolicy();
      });
      const presence = createPresence({
        clock: deps.clock,
        report: (status) => api.setStatus(status),
        relevant: () => state.desk.visitor.registered && state.desk.room?.open === true && state.desk.room.confirmed,
        onError: (error) => console.warn('presence', error),
      });
      ddp.onConnected(() => presence.reconnected());
      presence.want(hub.openCount() > 0 ? 'online' : 'away');
      active = { state, session, ddp, presence, triggers };
      if (hub.openCount() > 0) triggers.chatOpened();
      void notifier.badge(desk.unread);
    }
    hub.resnapshot();
    applyConnectionPolicy();
  }

  /** The link is up while a UI is open or the conversation needs it; otherwise the worker may sleep. */
  function applyConnectionPolicy(): void {
    if (!active) {
      deps.keepAlive(false);
      return;
    }
    const needed = active.session.needsConnection();
    deps.keepAlive(needed);
    if (needed || hub.openCount() > 0) active.ddp.connect();
    else active.ddp.disconnect();
  }

  let restored = false;
  // Watch before reading, so a change saved while the worker starts is not missed between the two.
  deps.watchSettings((next) => {
    settings = repairSettings(next).value;
    if (restored) activate(next);
  });
  const ready = (async () => {
    // Storage may hold anything: what cannot be read or repaired is reset, and the chat is usable either way.
    const [storedDesks, loaded] = await Promise.all([
      deps.loadDesks().catch(unreadable('conversation')),
      deps.loadSettings().catch(unreadable('settings')),
    ]);
    const repairedDesks = repairDesks(storedDesks === 'unreadable' ? 'unreadable' : storedDesks);
    const repairedSettings = repairSettings(loaded === 'unreadable' ? 'unreadable' : loaded);
    desks = repairedDesks.value;
    settings ??= repairedSettings.value;
    if (repairedDesks.reset || repairedSettings.reset) {
      notice = 'storage-reset';
      console.warn('stored data was damaged and has been partly reset');
    }
    restored = true;
    activate(settings);
    if (repairedDesks.reset) persist();
  })();

  return {
    ready,
    /** Attaches a UI port once state is restored, so no UI ever sees an empty snapshot. */
    async attach(port: BgPort): Promise<void> {
      // Listen at once: a port drops what arrives while nothing listens, and a UI may write before the worker
      // has restored its state (a cold start reads storage and the organization's policy first).
      const early: unknown[] = [];
      const hold = (message: unknown) => void early.push(message);
      port.onMessage.addListener(hold);
      await ready;
      port.onMessage.removeListener(hold);
      hub.attach(port, early);
    },
    /** The message a click on the notification should show: the newest agent reply of the active desk. */
    focusTarget(): string | null {
      return active?.state.desk.messages.findLast((m) => m.from === 'agent')?.id ?? null;
    },
    /** Re-checks the link (alarm, `online` event). */
    wake(): void {
      applyConnectionPolicy();
      if (active && active.session.needsConnection()) active.ddp.reconnect();
    },
  };
}
