/**
 * The worker's chat state: the persisted desk plus what only lives while the worker runs (connection line,
 * typing). Every change is pushed to listeners as the same deltas the UIs receive, and saved.
 */
import { themeOf } from '../accent';
import type { ChatSnapshot, ConnectionView, Events, UploadView } from '../messaging';
import type { ChatMessage } from '../livechat/types';
import { isUndelivered, withCache, type DeskRecord } from './desk';
import { createMessageStore } from './message-store';
import { trimCache } from './storage-budget';

/** What a desk's state publishes: every event but the ones the hub makes per port (the snapshot and its rest). */
export type StateEvent = {
  [K in Exclude<keyof Events, 'snapshot' | 'snapshot/rest'>]: { type: K; payload: Events[K] };
}[Exclude<keyof Events, 'snapshot' | 'snapshot/rest'>];

export interface ChatState {
  readonly desk: DeskRecord;
  snapshot(): ChatSnapshot;
  /** Changes desk fields; only what the UI shows is pushed. */
  update(change: Partial<DeskRecord>): void;
  setConnection(connection: ConnectionView): void;
  setTyping(name: string | null): void;
  setError(message: string | null): void;
  /** The worker's uploads (not persisted: their bytes are in memory). */
  setUploads(uploads: UploadView[]): void;
  /** The message with this id in this room, in O(1). */
  message(rid: string, id: string): ChatMessage | undefined;
  upsert(message: ChatMessage): void;
  remove(id: string, rid: string): void;
  onEvent(listener: (event: StateEvent) => void): () => void;
}

/** Which desk fields each snapshot field is made of, so an update only compares what it can have changed. */
const SOURCES: Record<keyof ReturnType<typeof view>, ReadonlyArray<keyof DeskRecord>> = {
  serverUrl: ['serverUrl'],
  config: ['config'],
  theme: ['config'],
  visitor: ['visitor'],
  room: ['room'],
  hasOlder: ['room', 'historyComplete'],
  agent: ['agent'],
  queue: ['queue'],
  unread: ['unread'],
};
/** Changes to these fields are written at once; the rest (incoming messages, counters) can wait a moment. */
const URGENT: ReadonlyArray<keyof DeskRecord> = ['token', 'visitor', 'room', 'caps', 'serverUrl', 'archive'];
/** Longest a non-urgent change waits before it is written; the server still has it if the worker dies meanwhile. */
export const SAVE_DELAY_MS = 250;
/**
 * Most messages held in memory per desk. Beyond it (plus a tenth, so trimming happens in batches) the oldest
 * delivered ones are let go; history paging brings them back from the server when the visitor scrolls up.
 */
export const MEMORY_MESSAGE_LIMIT = 1_000;

export type Defer = (fn: () => void, ms: number) => void;

/**
 * Creates the state around a restored desk. `save` writes it: at once (next microtask) when the visitor's own data
 * changed — a typed message, the token, the room — and otherwise at most every `SAVE_DELAY_MS`, so a burst of agent
 * messages does not rewrite the whole stored conversation once per message.
 */
export function createChatState(
  desk: DeskRecord,
  save: (desk: DeskRecord) => void,
  defer: Defer = (fn, ms) => void setTimeout(fn, ms),
): ChatState {
  const { messages: restored, ...rest } = desk;
  let meta: Omit<DeskRecord, 'messages'> = rest;
  const store = createMessageStore(restored);
  let connection: ConnectionView = { state: 'idle' };
  let agentTyping: string | null = null;
  let lastError: string | null = null;
  let uploads: UploadView[] = [];
  let saveQueued = false;
  let saveScheduled = false;
  const listeners = new Set<(event: StateEvent) => void>();

  const emit = (event: StateEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('chat state listener failed', error);
      }
    }
  };
  const write = (): void => {
    saveQueued = false;
    save(withCache(deskView(), trimCache(store.list())));
  };
  const persist = (urgent: boolean): void => {
    if (saveQueued) return;
    if (urgent) {
      saveQueued = true;
      queueMicrotask(write);
    } else if (!saveScheduled) {
      saveScheduled = true;
      defer(() => {
        saveScheduled = false;
        if (!saveQueued) write();
      }, SAVE_DELAY_MS);
    }
  };

  /** The desk as callers see it; its messages are read (and copied) only when asked for. */
  const deskView = (): DeskRecord => {
    const record = { ...meta } as DeskRecord;
    Object.defineProperty(record, 'messages', { get: () => store.list(), enumerable: true });
    return record;
  };

  const state: ChatState = {
    get desk() {
      return deskView();
    },
    snapshot: () => ({
      ...view(meta),
      messages: store.list() as ChatMessage[],
      connection,
      agentTyping,
      lastError,
      desks: [],
      notice: null,
      uploads,
    }),
    update(change) {
      const { messages, ...fields } = change;
      if (messages) throw new Error('messages change through upsert and remove');
      const changed = Object.keys(fields) as Array<keyof DeskRecord>;
      const before = view(meta);
      meta = { ...meta, ...fields };
      persist(changed.some((key) => URGENT.includes(key)));
      const after = view(meta);
      const patch: Partial<ChatSnapshot> = {};
      for (const key of Object.keys(SOURCES) as Array<keyof typeof after>) {
        if (!SOURCES[key].some((source) => changed.includes(source)) || before[key] === after[key]) continue;
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(patch, { [key]: after[key] });
      }
      if (Object.keys(patch).length > 0) emit({ type: 'patch', payload: patch });
    },
    setConnection(next) {
      if (JSON.stringify(next) === JSON.stringify(connection)) return;
      connection = next;
      emit({ type: 'patch', payload: { connection } });
    },
    setTyping(name) {
      if (name === agentTyping) return;
      agentTyping = name;
      emit({ type: 'patch', payload: { agentTyping } });
    },
    setError(message) {
      if (message === lastError) return;
      lastError = message;
      emit({ type: 'patch', payload: { lastError } });
    },
    setUploads(next) {
      uploads = next;
      emit({ type: 'patch', payload: { uploads } });
    },
    message: (rid, id) => store.get(rid, id),
    upsert(message) {
      const same = store.get(message.rid, message.id);
      if (same && JSON.stringify(same) === JSON.stringify(message)) return;
      const known = store.upsert(message);
      // The visitor's own undelivered words are never left unwritten.
      persist(isUndelivered(message) || (known !== undefined && isUndelivered(known)));
      if (known && known.rid !== message.rid) emit({ type: 'message/remove', payload: { id: known.id } });
      emit({ type: 'message/upsert', payload: message });
      if (store.size > MEMORY_MESSAGE_LIMIT + MEMORY_MESSAGE_LIMIT / 10) {
        const dropped = store.trimOldest(MEMORY_MESSAGE_LIMIT);
        // UIs let them go too (small deltas, applied a frame at a time), and may page back to them.
        for (const gone of dropped) emit({ type: 'message/remove', payload: { id: gone.id } });
        if (dropped.length > 0) state.update({ historyComplete: false });
      }
    },
    remove(id, rid) {
      const gone = store.remove(rid, id);
      if (!gone) return;
      persist(isUndelivered(gone));
      emit({ type: 'message/remove', payload: { id } });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return state;
}

/** The persisted part of the snapshot, without the message list. */
function view(
  d: Omit<DeskRecord, 'messages'>,
): Omit<ChatSnapshot, 'connection' | 'agentTyping' | 'lastError' | 'messages' | 'notice' | 'desks' | 'uploads'> {
  return {
    serverUrl: d.serverUrl,
    config: d.config,
    theme: themeOf(d.config),
    visitor: { name: d.visitor.name, email: d.visitor.email, registered: d.visitor.registered },
    room: d.room && {
      id: d.room.id,
      open: d.room.open,
      surveySent: d.room.surveySent === true,
      transcriptSent: d.room.transcriptSent === true,
    },
    hasOlder: Boolean(d.room?.confirmed) && !d.historyComplete,
    agent: d.agent,
    queue: d.queue,
    unread: d.unread,
  };
}
