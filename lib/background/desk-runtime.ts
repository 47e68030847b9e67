/**
 * One desk at work: its state, session, DDP link, presence, triggers and notification, wired together. The
 * worker holds one per desk the visitor added; the registry decides when its link is up.
 */
import type { Clock, DdpConnection } from '../ddp/types';
import { createLivechatApi } from '../livechat/api';
import { createCapabilities } from '../livechat/paths';
import { createRestClient, type FetchLike } from '../livechat/rest';
import type { ChatMessage } from '../livechat/types';
import type { Params } from '../messaging';
import type { VisitorSettings } from '../settings';
import { createChatState, type ChatState, type StateEvent } from './chat-state';
import type { DeskRecord } from './desk';
import type { LinkedDesk } from './desk-registry';
import { createNotifier, type NotifierApis } from './notifier';
import { createPresence } from './presence';
import { createSession, type Session } from './session';
import { createTriggerRunner, type TriggerRunner } from './triggers';

/** A DDP connection the worker can start and stop (lib/ddp's client). */
export interface ManagedDdp extends DdpConnection {
  connect(): void;
  disconnect(): void;
  reconnect(): void;
  close(): void;
}

export interface DeskRuntimeDeps {
  createDdp(serverUrl: string): ManagedDdp;
  fetch: FetchLike;
  clock: Clock;
  newId(): string;
  apis: NotifierApis;
  iconUrl: string;
  settings(): VisitorSettings | null;
  /** Chat UIs showing this desk right now. */
  watchers(): number;
  /** Writes the desk's record (the worker batches the writes of every desk). */
  save(desk: DeskRecord): void;
  /** Every state change of this desk, for the UIs that show it and for the desk list. */
  onEvent(event: StateEvent): void;
}

export interface DeskRuntime extends LinkedDesk {
  readonly url: string;
  readonly state: ChatState;
  readonly session: Session;
  readonly ddp: ManagedDdp;
  /** The desk's title as the visitor knows it: the desk's own, else its host. */
  title(): string;
  /** The number of UIs showing this desk changed. */
  watchersChanged(count: number): void;
  /** The visitor looked at this desk: its notification goes. */
  seen(): Promise<void>;
  /** Registers the visitor (the desk's triggers hear of it). */
  register(params: Params<'chat/register'>): Promise<void>;
  /** Shares the page the visitor chose; returns the message's id. */
  sharePage(page: Params<'chat/sharePage'>): string;
}

/** Starts the runtime of a restored (or new) desk; its link stays down until the registry connects it. */
export function createDeskRuntime(desk: DeskRecord, deps: DeskRuntimeDeps): DeskRuntime {
  const url = desk.serverUrl;
  const notifier = createNotifier(deps.apis, deps.iconUrl, deps.clock);
  const state = createChatState(desk, deps.save);
  const caps = createCapabilities(desk.caps, (all) => state.update({ caps: all }));
  const ddp = deps.createDdp(url);
  const token = (): string => state.desk.token;
  const rest = createRestClient({ baseUrl: url, fetch: deps.fetch, token });
  const api = createLivechatApi({ ddp, rest, caps, baseUrl: url, token, now: () => deps.clock.now() });
  const title = (): string => state.desk.config?.title || new URL(url).host;
  const notify = (): boolean => deps.settings()?.notifications !== false;
  // The line decides each operation's path: read it (if the desk does not know it) while the socket connects.
  void api.knowLine();
  const session: Session = createSession({
    state,
    ddp,
    api,
    clock: deps.clock,
    newId: deps.newId,
    defaults: async () => {
      const settings = deps.settings();
      return {
        name: settings?.name ?? '',
        email: settings?.email ?? '',
        ...(settings?.department ? { department: settings.department } : {}),
      };
    },
    agentMessages: (messages: ChatMessage[]) => {
      if (!notify()) return;
      if (deps.watchers() > 0) notifier.hold(messages);
      else void notifier.agentReplied(messages, url, title());
    },
  });
  const triggers: TriggerRunner = createTriggerRunner({
    state,
    clock: deps.clock,
    nextAgent: () => api.nextAgent(deps.settings()?.department || undefined),
  });
  state.onEvent((event) => {
    if (event.type === 'patch' && 'config' in event.payload) triggers.configChanged();
    deps.onEvent(event);
  });
  const presence = createPresence({
    clock: deps.clock,
    report: (status) => api.setStatus(status),
    relevant: () => state.desk.visitor.registered && state.desk.room?.open === true && state.desk.room.confirmed,
    onError: (error) => console.warn('presence', error),
  });
  ddp.onConnected(() => presence.reconnected());
  presence.want(deps.watchers() > 0 ? 'online' : 'away');
  if (deps.watchers() > 0) triggers.chatOpened();

  return {
    url,
    state,
    session,
    ddp,
    title,
    needsConnection: () => session.needsConnection(),
    unknown: () => state.desk.config === null,
    connect: () => ddp.connect(),
    disconnect: () => ddp.disconnect(),
    reconnect: () => ddp.reconnect(),
    watchersChanged(count) {
      if (count > 0) triggers.chatOpened();
      else triggers.chatClosed();
      presence.want(count > 0 ? 'online' : 'away');
      if (count === 0 && notify()) void notifier.releaseHeld(url, title());
      // Every chat of this desk closed: a file still being handed over has nobody left to hand over the rest.
      if (count === 0) session.uploads.abandonHandOvers();
    },
    seen: () => (session.seen(), notifier.clearAll()),
    async register(params) {
      await session.register(params);
      triggers.registered();
    },
    sharePage(page) {
      const messageId = session.sharePage(page);
      triggers.pageShared(page.url);
      return messageId;
    },
    dispose() {
      presence.dispose();
      triggers.dispose();
      session.dispose();
      ddp.close();
      void notifier.clearAll();
    },
  };
}
