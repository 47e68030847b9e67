/**
 * One visitor's conversation with one desk, driven by the worker: on every (re)connect it re-reads the config,
 * adopts the server's room, listens to the room's streams, catches up on what it missed, and flushes the outbox.
 */
import type { LivechatApi } from '../livechat/api';
import { describeError, LivechatError } from '../livechat/errors';
import { subscribeRoom, type RoomSubscription } from '../livechat/streams';
import type { ChatMessage } from '../livechat/types';
import type { Clock, DdpConnection, DdpStatus } from '../ddp/types';
import type { ConnectionView, Params } from '../messaging';
import type { ChatState } from './chat-state';
import { deletedWhileAway, fetchMissed, olderThan } from './catch-up';
import { createInbox } from './inbox';
import { createOutbox } from './outbox';
import { createHistory } from './history';
import { createRoomActions } from './room-actions';
import { createUploads } from './uploads';
import { sharePage, type SharedPage } from './share-page';

/** How long a room the visitor closed is still heard, waiting for the server's `livechat-close`. */
export const CLOSE_LINGER_MS = 5_000;

/** Longest message we accept when the server sets no limit of its own. */
export const MAX_MESSAGE_LENGTH = 10_000;

export interface SessionDeps {
  state: ChatState;
  ddp: DdpConnection;
  api: LivechatApi;
  clock: Clock;
  newId: () => string;
  /** Name and e-mail from the options page, used when the visitor registers implicitly. */
  defaults: () => Promise<{ name: string; email: string; department?: string }>;
  /** New agent messages the visitor has not been told about yet. */
  agentMessages: (messages: ChatMessage[]) => void;
}

export type Session = ReturnType<typeof createSession>;

/** Creates the session; it starts working when the DDP connection reports `connected`. */
export function createSession(deps: SessionDeps) {
  const { state, ddp, api } = deps;
  let watched: { rid: string; sub: RoomSubscription } | null = null;
  const receive = createInbox(state, deps.agentMessages);
  const actions = createRoomActions({ state, api, receive, now: () => deps.clock.now() });
  const outbox = createOutbox({
    state,
    api: () => api,
    clock: deps.clock,
    newId: deps.newId,
    ensureRegistered,
    roomConfirmed: (rid) => adoptRoom(rid),
    connected: () => ddp.status.connected,
  });

  const offStatus = ddp.onStatus((status) => state.setConnection(connectionView(status)));
  // A closed or left room is no longer listened to: the client would re-send its subscriptions after every
  // reconnect, and 8.x refuses `stream-room-messages` of a closed room. A room the visitor closed is heard until
  // its `livechat-close` arrives (the server broadcasts it after answering the close), or for a few seconds.
  let linger: unknown;
  const offRoom = state.onEvent((event) => {
    if (event.type !== 'patch' || !('room' in event.payload) || !watched) return;
    const room = state.desk.room;
    if (room?.id === watched.rid && room.open) return;
    if (room?.id === watched.rid && !closeHeard(room.id)) {
      linger ??= deps.clock.setTimeout(unwatch, CLOSE_LINGER_MS);
      return;
    }
    unwatch();
  });
  const closeHeard = (rid: string) => state.desk.messages.some((m) => m.rid === rid && m.type === 'livechat-close');
  function unwatch(): void {
    if (linger !== undefined) deps.clock.clearTimeout(linger);
    linger = undefined;
    watched?.sub.stop();
    watched = null;
  }
  /** Counts handshakes, so a room is read back once per connection however many triggers ask. */
  let epoch = 0;
  let refreshed = '';
  const offConnected = ddp.onConnected(() => {
    epoch += 1;
    void sync();
  });
  state.setConnection(connectionView(ddp.status));
  // A restored room is listened to at once: the client sends the subscriptions with its handshake, so nothing
  // said between connect and the end of `sync` is missed. Not on lines that refuse a closed room's messages: the
  // room may have closed while the worker slept, so there `sync` subscribes once the config says it is open.
  const restored = state.desk.room;
  if (restored?.confirmed && restored.open && api.subscribeRestoredAtOnce()) watch(restored.id);

  /** The desk's file limits beside its config; a line that does not answer leaves the server to refuse. */
  async function readUploadLimits(): Promise<void> {
    const limits = await api.uploadLimits().catch(() => null);
    const config = state.desk.config;
    if (!config?.fileUpload) return;
    const next = { ...config };
    if (limits) next.uploadLimits = limits;
    else delete next.uploadLimits;
    state.update({ config: next });
  }

  async function sync(): Promise<void> {
    try {
      // Known from the desk, or read at activation while the socket connected: rarely waited for here.
      if (epoch > 1) api.lineReconnected();
      await Promise.all([api.knowLine(), api.setUpConnection().catch(() => undefined)]);
      const config = await api.getConfig();
      // The limits read last time hold until this connect's answer arrives (a config with no files drops them).
      const known = state.desk.config?.uploadLimits;
      const kept = config.fileUpload && known ? { uploadLimits: known } : {};
      state.update({ config: { ...config, ...kept }, ...(config.agent ? { agent: config.agent } : {}) });
      if (config.fileUpload) void readUploadLimits();
      if (config.guest) {
        const { visitor } = state.desk;
        state.update({ visitor: { ...visitor, id: config.guest.id, registered: true } });
      }
      if (config.room?.open) adoptRoom(config.room.id);
      const room = state.desk.room;
      if (room?.confirmed) {
        // A room the config no longer names as open was closed meanwhile: read back how it ended, but do not
        // subscribe to it (8.x refuses a closed room's messages).
        if (room.open && config.room?.id === room.id) watch(room.id);
        await refreshRoom(room.id);
      }
      state.setError(null);
    } catch (error) {
      if (!(error instanceof LivechatError && error.kind === 'unreachable')) state.setError(describeError(error));
    }
    await outbox.flush();
  }

  async function ensureRegistered(): Promise<void> {
    const { visitor } = state.desk;
    if (visitor.registered) return;
    const defaults = await deps.defaults();
    const name = visitor.name || defaults.name;
    const email = visitor.email || defaults.email;
    const registered = await api.registerGuest({
      name: name || undefined,
      email: email || undefined,
      ...(defaults.department ? { department: defaults.department } : {}),
    });
    state.update({
      visitor: {
        id: registered.id,
        username: registered.username,
        name: registered.name || name,
        email,
        registered: true,
      },
    });
  }

  function adoptRoom(rid: string): void {
    // Another room than the one we held: that one ended while we were away, and is kept with the past ones.
    if (state.desk.room?.confirmed && state.desk.room.id !== rid) actions.replaced();
    const room = state.desk.room;
    if (!room || room.id !== rid || !room.confirmed || !room.open) {
      state.update({ room: { id: rid, open: true, confirmed: true }, queue: null, historyComplete: false });
    }
    watch(rid);
  }

  function watch(rid: string): void {
    if (watched?.rid === rid) return;
    unwatch();
    const context = { token: state.desk.token, baseUrl: state.desk.serverUrl };
    const sub = subscribeRoom(
      ddp,
      rid,
      context,
      {
        message: (m) => {
          receive([m]);
          if (m.type === 'livechat-close' && state.desk.room?.id === rid && !state.desk.room.open) unwatch();
          // An agent joined (`uj` comes before its `agentData`): now, and not before, the room has an agent to ask for.
          if (m.type === 'uj' && !state.desk.agent) void loadAgent(rid).catch(() => undefined);
        },
        removed: (id) => state.remove(id, rid),
        agent: (agent) => state.update({ agent, ...(agent ? { queue: null } : {}) }),
        agentStatus: (status) => {
          const { agent } = state.desk;
          if (agent) state.update({ agent: { ...agent, status } });
        },
        queue: (queue) => state.update({ queue }),
        typing: (name, typing) => state.setTyping(typing ? name : null),
        refused: (stream, error) => console.warn(`subscription to ${stream} refused`, error),
      },
      api.typingEvent(),
    );
    watched = { rid, sub };
    // What the room said between its creation and our subscriptions being ready reached nobody: read it back.
    sub.ready.then(() => refreshRoom(rid)).catch(() => undefined);
  }

  /** Reads back what the room's streams said while nobody listened: messages and the serving agent. */
  async function refreshRoom(rid: string): Promise<void> {
    const key = `${epoch}:${rid}`;
    if (refreshed === key || !ddp.status.connected) return;
    refreshed = key;
    await catchUp(rid);
    const room = state.desk.room;
    // Asked only once the room shows an agent serving it: before that, 7.x+ answer `invalid-agent`.
    if (room?.id === rid && room.open && !state.desk.agent && agentJoined(state.desk.messages, rid)) {
      await loadAgent(rid);
    }
  }

  /** The serving agent's details, unless the stream told us meanwhile (or the room changed). */
  async function loadAgent(rid: string): Promise<void> {
    const agent = await api.getAgent(rid);
    if (state.desk.room?.id === rid && state.desk.room.open && !state.desk.agent) state.update({ agent });
  }

  async function catchUp(rid: string): Promise<void> {
    const result = await fetchMissed(
      api,
      rid,
      state.desk.messages.filter((m) => m.rid === rid),
    );
    for (const id of deletedWhileAway(state.desk.messages, rid, result)) state.remove(id, rid);
    // Away for longer than one catch-up reads: the cache keeps only what joins up with the newest messages, so
    // paging back (loadOlder, from the oldest cached) walks through the gap instead of skipping it.
    if (!result.joined && result.window) {
      for (const id of olderThan(state.desk.messages, rid, result.window.from)) state.remove(id, rid);
      state.update({ historyComplete: false });
    }
    receive(result.messages);
    if (result.window?.from === 0) state.update({ historyComplete: true });
  }

  const uploads = createUploads({
    clock: deps.clock,
    newId: deps.newId,
    desk: () => {
      const { config, room } = state.desk;
      return {
        fileUpload: config?.fileUpload === true,
        limits: config?.uploadLimits,
        roomOpen: Boolean(room?.confirmed && room.open),
      };
    },
    send: async (file, name, description, signal) => {
      const room = state.desk.room;
      if (!room?.confirmed || !room.open)
        throw new LivechatError('rejected', 'room-closed', 'The conversation is closed');
      receive([await api.upload(room.id, file, name, description, { signal })]);
    },
    changed: (list) => state.setUploads(list),
  });

  return {
    actions,
    history: createHistory({ state, api, loadOlderCurrent: () => actions.loadOlder() }),
    uploads,
    /** Queues a visitor message (shown at once as pending) and tries to deliver it. */
    send(text: string): string {
      const body = text.trim();
      const limit = state.desk.config?.limitTextLength ?? MAX_MESSAGE_LENGTH;
      if (!body) throw new LivechatError('rejected', 'empty', 'The message is empty');
      if (body.length > limit) {
        throw new LivechatError(
          'rejected',
          'too-long',
          `The message is too long (${body.length} of ${limit} characters)`,
        );
      }
      const { visitor, room } = state.desk;
      const now = deps.clock.now();
      const id = deps.newId();
      state.upsert({
        id,
        rid: room?.open ? room.id : '',
        text: body,
        ts: now,
        updatedAt: now,
        editedAt: null,
        author: { id: visitor.id, username: visitor.username, name: visitor.name },
        from: 'visitor',
        type: null,
        attachments: [],
        delivery: 'pending',
      });
      void outbox.flush();
      return id;
    },
    /** Shares the page the visitor chose: a message, and a navigation entry where the line keeps them. */
    sharePage(page: SharedPage): string {
      return sharePage(
        {
          send: (text) => this.send(text),
          roomId: () => (state.desk.room?.open ? state.desk.room.id : null),
          pageVisited: (rid, visited) => api.pageVisited(rid, visited),
        },
        page,
      );
    },
    /** Puts a failed message back in the outbox. */
    retry(id: string): void {
      const message = state.desk.messages.find((m) => m.id === id);
      if (message?.delivery !== 'failed') return;
      state.upsert({ ...message, delivery: 'pending' });
      void outbox.flush();
    },
    async register(input: Params<'chat/register'>): Promise<void> {
      const { customFields, ...visitor } = input;
      // A department the organization manages is where the chat goes unless the visitor picked one.
      const department = visitor.department || (await deps.defaults()).department;
      const registered = await api.registerGuest(department ? { ...visitor, department } : visitor);
      state.update({
        visitor: {
          id: registered.id,
          username: registered.username,
          name: input.name,
          email: input.email,
          registered: true,
        },
      });
      const fields = (customFields ?? []).filter((f) => f.value !== '').map((f) => ({ ...f, overwrite: true }));
      if (fields.length > 0) await api.setCustomFields(fields);
    },
    async typing(typing: boolean): Promise<void> {
      const { room, visitor } = state.desk;
      if (!room?.confirmed || !room.open || !ddp.status.connected) return;
      await api.sendTyping(room.id, visitor.username || visitor.name, typing);
    },
    seen(): void {
      if (state.desk.unread !== 0) state.update({ unread: 0 });
    },
    /** True while the conversation needs the link kept up (an open room or undelivered messages). */
    needsConnection(): boolean {
      const { room, messages } = state.desk;
      return Boolean(room?.open && room.confirmed) || messages.some((m) => m.delivery === 'pending');
    },
    dispose(): void {
      uploads.dispose();
      offStatus();
      offConnected();
      offRoom();
      unwatch();
    },
  };
}

/**
 * Whether a room's messages show an agent serving it now: the latest of its joins (`uj`, an agent's words) and
 * hand-backs (`ul`, a transfer) is a join. What the streams missed while nobody listened is read back this way.
 */
export function agentJoined(messages: readonly ChatMessage[], rid: string): boolean {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const m = messages[i];
    if (m?.rid !== rid) continue;
    if (m.type === 'uj' || (m.type === null && m.from === 'agent')) return true;
    if (m.type === 'ul' || m.type === 'livechat_transfer_history') return false;
  }
  return false;
}

/** Meteor's status shape → the connection line the UI shows. */
export function connectionView(status: DdpStatus): ConnectionView {
  switch (status.status) {
    case 'connected':
      return { state: 'connected' };
    case 'connecting':
      return { state: 'connecting', attempt: status.retryCount };
    case 'waiting':
      return { state: 'waiting', attempt: status.retryCount, retryAt: status.retryTime };
    case 'offline':
      return { state: 'offline' };
    case 'failed':
      return { state: 'failed', reason: status.reason };
  }
}
