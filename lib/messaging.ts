/**
 * The typed contract between the background worker and the chat UIs, carried over a `runtime.Port`.
 * A new port always receives a `snapshot` first, then numbered deltas; a UI that sees a gap in `seq` asks for a
 * fresh snapshot. A snapshot carries only the newest page of messages (what a first screen shows); once the UI has
 * drawn it, it asks for the older ones (`chat/rest`), which follow as one more numbered event. Every payload is
 * plain JSON (Chrome JSON-serialises port messages).
 *
 * Several desks: each port is focused on one desk (its id is the desk's server URL, `serverUrl` in the snapshot).
 * The snapshot and the deltas on a port are that desk's; `desks` lists every desk for the switcher and follows as
 * a patch whenever a title, colour or unread count changes. `desk/focus` moves the port to another desk (a fresh
 * snapshot follows); every `chat/*` request acts on the port's focused desk. `seq` counts per port.
 */
import type { DeskTheme } from './accent';
import type { AgentInfo, ChatMessage, LivechatConfig, QueueInfo } from './livechat/types';

export const PORT_NAME = 'livechat-ui';
/** 3: a snapshot carries the newest page only, the rest follows on `chat/rest`. */
export const PROTOCOL_VERSION = 3;

/** The connection line the header shows. `retryAt` is epoch ms of the next attempt while `waiting`. */
export type ConnectionView =
  | { state: 'unconfigured' }
  | { state: 'idle' }
  | { state: 'connecting'; attempt: number }
  | { state: 'connected' }
  | { state: 'waiting'; attempt: number; retryAt: number }
  | { state: 'offline' }
  | { state: 'failed'; reason: string };

/** One desk as the switcher shows it. `id` is the desk's server URL; `colour` is the desk's own (`#rrggbb`). */
export interface DeskSummary {
  id: string;
  title: string;
  colour: string | null;
  unread: number;
}

/**
 * A file the worker is uploading. `receiving`: the UI is handing it over in chunks (`received` of `size` bytes,
 * determinate); `sending`: the worker's request is under way (no byte progress exists there, see
 * lib/livechat/rest.ts `UploadControl`); `failed`: the server or the link refused it (`error`, shown until dismissed).
 * A cancelled or finished upload leaves the list; its message arrives like any other.
 */
export interface UploadView {
  id: string;
  name: string;
  size: number;
  phase: 'receiving' | 'sending' | 'failed';
  received: number;
  /** The server's error code (`error-size-not-allowed`, …) and text, when `failed`. */
  error: { code: string; message: string } | null;
}

/** Why the worker refuses a file before any of it is sent. `maxBytes` with `too-large`. */
export type UploadRefused =
  { reason: 'too-large'; maxBytes: number } | { reason: 'type' | 'empty' | 'disabled' | 'no-room' };

/** Bytes per `chat/uploadChunk` (before base64): small enough for a port message, large enough to be quick. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;

/** Everything a chat UI renders, as the worker holds it. */
export interface ChatSnapshot {
  /** The port's focused desk (its id), or null with no desk configured. */
  serverUrl: string | null;
  /** Every desk, in the visitor's order (the focused one among them). */
  desks: DeskSummary[];
  connection: ConnectionView;
  config: LivechatConfig | null;
  /** The header's colours, from `config` (lib/accent.ts); null before the worker said (the build's default). */
  theme: DeskTheme | null;
  visitor: { name: string; email: string; registered: boolean };
  /** `surveySent` / `transcriptSent`: what the visitor already did after the room closed. */
  room: { id: string; open: boolean; surveySent: boolean; transcriptSent: boolean } | null;
  /** True while older messages can be fetched from the server (history paging upwards). */
  hasOlder: boolean;
  agent: AgentInfo | null;
  queue: QueueInfo | null;
  messages: ChatMessage[];
  unread: number;
  /** Display name of the agent who is typing, or null. */
  agentTyping: string | null;
  /** The last operation error worth telling the visitor about (cleared by the next success). */
  lastError: string | null;
  /** `storage-reset`: stored data was damaged and partly reset on start (the chat says so once). */
  notice: 'storage-reset' | null;
  /** Files the worker is uploading, oldest first. */
  uploads: UploadView[];
}

/** Messages a port's snapshot carries at most: more than a popup or side panel shows, the rest follow. */
export const SNAPSHOT_PAGE_MESSAGES = 30;
/** Characters of messages (as JSON) a port's snapshot carries at most: long messages leave fewer of them. */
export const SNAPSHOT_PAGE_CHARS = 64_000;

/**
 * A snapshot as it crosses a port: `messages` holds only the newest page (`SNAPSHOT_PAGE_MESSAGES`,
 * `SNAPSHOT_PAGE_CHARS`). `held` older messages the worker holds are not in it: the UI asks for them with
 * `chat/rest` after its first frame, and they come as a `snapshot/rest` event. `unreadFrom` is where the "new
 * messages" line starts, read from every held message (the page may not reach that far).
 */
export interface SnapshotEvent extends ChatSnapshot {
  held: number;
  unreadFrom: string | null;
}

/** A snapshot with nothing in it yet: what the UI shows before the worker answers, and the worker without a desk. */
export function emptySnapshot(connection: ConnectionView): ChatSnapshot {
  return {
    serverUrl: null,
    desks: [],
    connection,
    config: null,
    theme: null,
    visitor: { name: '', email: '', registered: false },
    room: null,
    hasOlder: false,
    agent: null,
    queue: null,
    messages: [],
    unread: 0,
    agentTyping: null,
    lastError: null,
    notice: null,
    uploads: [],
  };
}

/** One conversation in the desk's list of past conversations (`history/list`). */
export interface PastConversation {
  /** The room id. */
  id: string;
  /** The serving agent's name, when known and shown. */
  agent: string | null;
  /** Epoch ms of its first message, and of when it was left (null while open). */
  openedAt: number;
  closedAt: number | null;
  firstLine: string;
  lastLine: string;
  open: boolean;
  /** The desk's current room (the chat itself), not an archived one. */
  current: boolean;
}

/** One entry per operation the UI can ask of the worker, written as `(params) => result`. */
export interface Requests {
  'chat/register': (p: {
    name: string;
    email: string;
    department?: string;
    /** Values for the desk's custom fields (`config.customFields`), by field id. */
    customFields?: Array<{ key: string; value: string }>;
  }) => null;
  'chat/send': (p: { text: string }) => { messageId: string };
  /** The page the visitor chose to share (read in the UI with the `activeTab` grant, on the visitor's click). */
  'chat/sharePage': (p: { url: string; title: string }) => { messageId: string };
  'chat/retry': (p: { messageId: string }) => null;
  'chat/typing': (p: { typing: boolean }) => null;
  'chat/seen': (p: null) => null;
  'chat/resync': (p: null) => null;
  /** The older messages the last snapshot left out (`held`): they follow as a `snapshot/rest` event, if any. */
  'chat/rest': (p: null) => null;
  'chat/loadOlder': (p: null) => { loaded: number };
  'chat/close': (p: null) => null;
  /** Forgets the closed room so the next message opens a new conversation. */
  'chat/new': (p: null) => null;
  'chat/survey': (p: { answers: Array<{ name: string; value: string }> }) => null;
  'chat/transcript': (p: { email: string }) => { message: string };
  'chat/offline': (p: { name: string; email: string; message: string; department?: string }) => { message: string };
  'chat/department': (p: { department: string }) => null;
  'chat/edit': (p: { messageId: string; text: string }) => null;
  'chat/delete': (p: { messageId: string }) => null;
  /**
   * Starts an upload the worker owns: checked at once against the desk's limits (refused: nothing is sent), then
   * the UI hands the bytes over with `chat/uploadChunk`, and the worker sends them even if the UI closes.
   */
  'chat/uploadStart': (p: {
    name: string;
    type: string;
    size: number;
    description?: string;
  }) => { uploadId: string } | { refused: UploadRefused };
  /** The next `UPLOAD_CHUNK_BYTES` at `offset`, as base64 (ports carry JSON). `false`: the upload is gone (cancelled). */
  'chat/uploadChunk': (p: { uploadId: string; offset: number; dataBase64: string }) => { accepted: boolean };
  /** Cancels an upload (aborting its request) or dismisses a failed one. */
  'chat/uploadCancel': (p: { uploadId: string }) => null;
  'settings/reconnect': (p: null) => null;
  /** The desk's conversations, newest first; `trimmed`: older ones were removed to save space. */
  'history/list': (p: null) => { conversations: PastConversation[]; trimmed: boolean };
  /** A past conversation's messages as stored, oldest first; `hasOlder`: the server may hold older ones. */
  'history/open': (p: { roomId: string }) => {
    conversation: PastConversation;
    messages: ChatMessage[];
    hasOlder: boolean;
  };
  /**
   * Older messages of a past conversation from the server, oldest first (kept with it). `unavailable`: the server
   * does not answer for this room any more, so the stored copy is all there is.
   */
  'history/loadOlder': (p: { roomId: string }) => { messages: ChatMessage[]; hasOlder: boolean; unavailable: boolean };
  /** Deletes a past conversation (or the current one once closed) and its messages from storage. */
  'history/forget': (p: { roomId: string }) => null;
  /** Shows another desk on this port: a snapshot of that desk follows, then its deltas. */
  'desk/focus': (p: { desk: string }) => null;
  /**
   * Deletes a desk and everything stored for it (token, visitor, rooms, messages) and drops it from the list;
   * its host permission goes when no other desk needs it. UIs that showed it move to the default desk.
   */
  'desk/forget': (p: { desk: string }) => null;
}

/** Pushed by the worker. `snapshot` is always the first event on a new port. */
export interface Events {
  snapshot: SnapshotEvent;
  /**
   * The messages the last snapshot left out, as the worker holds them now, oldest first. Deltas sent since that
   * snapshot may already have brought some of them: the UI keeps one of each.
   */
  'snapshot/rest': { messages: ChatMessage[] };
  patch: Partial<ChatSnapshot>;
  'message/upsert': ChatMessage;
  'message/remove': { id: string };
}

export type Op = keyof Requests;
export type Params<K extends Op> = Parameters<Requests[K]>[0];
export type Result<K extends Op> = ReturnType<Requests[K]>;

export type UiToBg = {
  [K in Op]: { v: typeof PROTOCOL_VERSION; kind: 'request'; id: string; op: K; params: Params<K> };
}[Op];

export type BgEvent = {
  [K in keyof Events]: { v: typeof PROTOCOL_VERSION; kind: 'event'; seq: number; type: K; payload: Events[K] };
}[keyof Events];

export interface WireError {
  code: 'bad-request' | 'not-connected' | 'server' | 'internal';
  message: string;
}

/** Events the worker published within one task, in order: one port message instead of one each. */
export interface BgEvents {
  v: typeof PROTOCOL_VERSION;
  kind: 'events';
  events: BgEvent[];
}

/**
 * The answer to one request. `events`: deltas the worker published before answering (those the operation caused
 * among them), carried in the same port message and applied before the answer is.
 */
export type BgResponse = { v: typeof PROTOCOL_VERSION; kind: 'response'; id: string; events?: BgEvent[] } & (
  { ok: true; result: unknown } | { ok: false; error: WireError }
);

export type BgToUi = BgEvent | BgEvents | BgResponse;

interface Hook<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

/** The slice of `runtime.Port` we rely on; Chrome's and the polyfill's ports satisfy it structurally. */
export interface PortLike<In, Out> {
  readonly name: string;
  postMessage(message: Out): void;
  readonly onMessage: Hook<(message: In) => void>;
  readonly onDisconnect: Hook<() => void>;
  disconnect(): void;
}

export type UiPort = PortLike<BgToUi, UiToBg>;
export type BgPort = PortLike<UiToBg, BgToUi>;

/** The events a worker message carries, in order: itself for one event, its list for several or before an answer. */
export function eventsOf(message: BgToUi): BgEvent[] {
  if (message.kind === 'event') return [message];
  return Array.isArray(message.events) ? message.events : [];
}

/** True for a well-formed request of a known protocol version; anything else is dropped by the worker. */
export function isRequest(message: unknown): message is UiToBg {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.v === PROTOCOL_VERSION && m.kind === 'request' && typeof m.id === 'string' && typeof m.op === 'string';
}
