/**
 * The chat as a UI sees it: one signal per snapshot field, fed by the background client. The worker owns the
 * state; this model only mirrors it. A port starts with a `snapshot`, then numbered deltas follow. A delta whose
 * `seq` is not the next one means something was lost, so the model asks for a fresh snapshot (`chat/resync`)
 * and ignores deltas until it arrives, rather than render a conversation with holes in it. A snapshot holds only
 * the newest page of messages: once it is drawn, the model asks for the older ones (`chat/rest`), which come as one
 * more numbered event and join the list. The model follows the desk its port shows (`desk/focus`): a snapshot of
 * another desk starts the view afresh for that desk.
 */
import { batch, computed, signal, type ReadonlySignal, type Signal } from './signals';
import { emptySnapshot, type BgEvent, type ChatSnapshot, type Op, type Params, type Result } from '../messaging';
import { firstUnreadId } from '../first-page';
import type { ChatMessage } from '../livechat/types';
import type { BackgroundClient } from './background-client';
import { applyAll, inSteps, sortByTs, upsertMessage, type Delta, type MessageDelta } from './message-deltas';

type SnapshotSignals = { readonly [K in keyof ChatSnapshot]: ReadonlySignal<ChatSnapshot[K]> };

export interface ChatModel extends SnapshotSignals {
  /** True once the first snapshot arrived (or a stored first screen, see `preview`); until then nothing is on screen. */
  readonly ready: ReadonlySignal<boolean>;
  /**
   * True once the worker's own snapshot is shown whole (a long one brings its newest page, the rest a frame
   * later): what is on screen is the desk as it is, not a stored first screen or a part of it.
   */
  readonly live: ReadonlySignal<boolean>;
  /** The visitor's own messages not yet delivered (queued while offline, or in flight). */
  readonly pendingCount: ReadonlySignal<number>;
  /** The first agent message that was unread when this page opened (where "new messages" starts), or null. */
  readonly firstUnread: ReadonlySignal<string | null>;
  /**
   * Shows a stored first screen (lib/first-screen.ts) until the worker's first snapshot arrives, which replaces it
   * whole; ignored once a snapshot is here. Requests work meanwhile: the port holds them until the worker answers.
   */
  preview(snapshot: ChatSnapshot): void;
  register(params: Params<'chat/register'>): Promise<void>;
  /** Resolves with the new message's id once the worker has queued it (it may still be pending). */
  send(text: string): Promise<string>;
  retry(messageId: string): Promise<void>;
  /** Tells the agent whether the visitor is typing; repeated calls with the same value send nothing. */
  typing(active: boolean): void;
  /** Marks everything read (clears the badge) once this task is done; a call while one is in flight is dropped. */
  seen(): void;
  /** Asks the worker to connect now instead of waiting for its next attempt. */
  reconnect(): Promise<void>;
  /** Any other operation on the conversation (close, survey, upload, …), answered by the worker. */
  act<K extends Op>(op: K, params: Params<K>): Promise<Result<K>>;
  /** Stops following the client. The client itself stays open: its owner closes it. */
  dispose(): void;
}

const EMPTY: ChatSnapshot = emptySnapshot({ state: 'connecting', attempt: 0 });

/** Runs `fn` at the next frame; a hidden page gets no frames, so a timer stands in after 50 ms. */
export function nextFrame(fn: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    fn();
  };
  globalThis.requestAnimationFrame?.(run);
  setTimeout(run, 50);
}

/**
 * Builds the model and starts listening to `client`. Message deltas are applied at most once per `frame`: the
 * first one at once (a single reply shows without delay), what arrives within the same frame (messages and the
 * patches among them) together, so a flood of thousands re-renders a few times, not thousands.
 */
export function createChatModel(
  client: BackgroundClient,
  { frame = nextFrame }: { frame?: (fn: () => void) => void } = {},
): ChatModel {
  const state = {} as { [K in keyof ChatSnapshot]: Signal<ChatSnapshot[K]> };
  for (const key of Object.keys(EMPTY) as (keyof ChatSnapshot)[]) {
    (state as Record<string, Signal<unknown>>)[key] = signal(EMPTY[key]);
  }
  const ready = signal(false);
  const live = signal(false);
  const firstUnread = signal<string | null>(null);
  // Counted in a loop rather than a filtered copy: it runs over the whole list on every message (issue 12, relay).
  const pendingCount = computed(() => {
    let count = 0;
    for (const m of state.messages.value) if (m.delivery === 'pending' && m.from === 'visitor') count += 1;
    return count;
  });

  // 'initial': a new port, its snapshot is on the way. 'resync': a gap was seen, a snapshot was asked for.
  let phase: 'initial' | 'synced' | 'resync' = 'initial';
  let lastSeq = 0;
  let resyncInFlight = false;
  let typingSent = false;
  let seenInFlight = false;
  /** Deltas waiting for the next frame (in order), and whether this frame already applied a message. */
  let queued: Delta[] = [];
  let frameBusy = false;
  /** The last snapshot left older messages out, and they have not come yet (`snapshot/rest`). */
  let restDue = false;
  /** A snapshot of the worker's was shown for this desk (only the first says what was unread on opening). */
  let shownLive = false;

  function applyPatch(payload: Partial<ChatSnapshot>): void {
    for (const key of Object.keys(payload) as (keyof ChatSnapshot)[]) set(key, payload[key]);
  }
  function applyMessages(deltas: readonly MessageDelta[]): void {
    const [only] = deltas;
    if (deltas.length !== 1 || !only || only.type === 'snapshot/rest') {
      state.messages.value = applyAll(state.messages.value, deltas);
    } else if (only.type === 'message/upsert') {
      state.messages.value = upsertMessage(state.messages.value, only.payload);
    } else state.messages.value = state.messages.value.filter((m) => m.id !== only.payload.id);
    if (deltas.some((d) => d.type === 'snapshot/rest')) live.value = true;
  }
  /** Applies what waited (`inSteps`: the messages in as few passes as the patches among them allow), in one render. */
  function flushQueued(): void {
    const deltas = queued;
    queued = [];
    batch(() => {
      for (const step of inSteps(deltas)) {
        if (Array.isArray(step)) applyMessages(step);
        else applyPatch(step.payload);
      }
    });
  }
  function onFrame(): void {
    if (queued.length === 0) {
      frameBusy = false;
      return;
    }
    flushQueued();
    frame(onFrame);
  }
  function delta(event: Delta): void {
    if (frameBusy) {
      queued.push(event);
      return;
    }
    if (event.type === 'patch') {
      batch(() => applyPatch(event.payload));
      return;
    }
    frameBusy = true;
    applyMessages([event]);
    // Asked for once this task's render is done (Preact renders in a microtask queued before this one): asking for a
    // frame costs the page about half a millisecond, which must not hold the message back from the screen.
    queueMicrotask(() => frame(onFrame));
  }

  function set<K extends keyof ChatSnapshot>(key: K, value: ChatSnapshot[K] | undefined): void {
    if (value === undefined || !(key in state)) return;
    state[key].value = key === 'messages' ? (sortByTs(value as ChatMessage[]) as ChatSnapshot[K]) : value;
  }

  function askForSnapshot(): void {
    if (resyncInFlight) return;
    resyncInFlight = true;
    // A failure needs no handling here: the next delta asks again, and a new port brings a snapshot anyway.
    client
      .request('chat/resync', null)
      .catch(() => undefined)
      .finally(() => (resyncInFlight = false));
  }

  /**
   * Shows a snapshot: the worker's, or a stored first screen (`unreadFrom` is then read from its few messages, until
   * the worker's replaces it). When the worker's left older messages out, they are asked for once this one is
   * drawn, so that neither their transfer nor their rendering delays the first frame.
   */
  function show(snapshot: ChatSnapshot, first: boolean, worker: { held: number; unreadFrom: string | null } | null) {
    const messages = sortByTs(snapshot.messages);
    batch(() => {
      for (const key of Object.keys(EMPTY) as (keyof ChatSnapshot)[]) {
        if (key !== 'messages') set(key, snapshot[key]);
      }
      state.messages.value = messages;
      // Only a desk's first snapshot on this page says what was unread before the visitor looked.
      if (first) firstUnread.value = worker ? worker.unreadFrom : firstUnreadId(messages, snapshot.unread);
      ready.value = true;
      if (worker) live.value = worker.held === 0;
    });
    restDue = worker !== null && worker.held > 0;
    if (restDue) {
      frame(() => {
        // A failure needs no handling: the port is gone, and the next one starts with a snapshot.
        if (restDue) client.request('chat/rest', null).catch(() => undefined);
      });
    }
  }

  function apply(event: BgEvent): void {
    if (event.type === 'snapshot') {
      queued = [];
      phase = 'synced';
      lastSeq = event.seq;
      // Another desk on this page: the view starts afresh for it, as if the page had just opened on it.
      const otherDesk = ready.value && event.payload.serverUrl !== state.serverUrl.value;
      if (otherDesk) typingSent = seenInFlight = false;
      // A preview held only the newest messages: the worker's first snapshot says where unread ones start.
      show(event.payload, !shownLive || otherDesk, event.payload);
      shownLive = true;
      return;
    }
    if (phase === 'initial') return;
    if (phase === 'resync' || event.seq !== lastSeq + 1) {
      phase = 'resync';
      askForSnapshot();
      return;
    }
    lastSeq = event.seq;
    switch (event.type) {
      case 'snapshot/rest':
        restDue = false;
        delta(event);
        break;
      case 'patch':
      case 'message/upsert':
      case 'message/remove':
        delta(event);
        break;
    }
  }

  /**
   * The worker's events that came while a stored first screen waited for its first frame: applied, in order, once
   * that frame is drawn (or once an answer the page awaits comes), so that the worker's snapshot, which mostly shows the
   * same messages, does not hold the first screen back from the screen.
   */
  let early: BgEvent[] | null = null;
  function release(): void {
    const events = early ?? [];
    early = null;
    for (const event of events) apply(event);
  }
  const stopEvents = client.onEvent((event) => (early ? early.push(event) : apply(event)));
  const stopDisconnects = client.onDisconnect(() => {
    release();
    // The worker may have restarted and forgotten everything about this page; start over from its snapshot.
    phase = 'initial';
    queued = [];
    restDue = false;
    resyncInFlight = false;
    typingSent = false;
    seenInFlight = false;
  });

  return {
    ...state,
    ready,
    pendingCount,
    firstUnread,
    live,
    preview(snapshot) {
      if (ready.value) return;
      show(snapshot, true, null);
      early = [];
      // In the task after that frame: a callback of the frame itself would render the snapshot into it.
      frame(() => setTimeout(release));
    },
    async register(params) {
      await client.request('chat/register', params);
      release();
      flushQueued();
    },
    async send(text) {
      const { messageId } = await client.request('chat/send', { text });
      release();
      flushQueued();
      typingSent = false;
      return messageId;
    },
    async retry(messageId) {
      await client.request('chat/retry', { messageId });
    },
    typing(active) {
      if (active === typingSent) return;
      typingSent = active;
      client.request('chat/typing', { typing: active }).catch(() => (typingSent = false));
    },
    seen() {
      if (seenInFlight) return;
      seenInFlight = true;
      // Asked in a task of its own: the reply that made the page call this is rendered first, instead of waiting
      // for the request's post (about 0.3 ms of the page's thread per reply in the relay's profiles).
      setTimeout(() => {
        client
          .request('chat/seen', null)
          .catch(() => undefined)
          .finally(() => (seenInFlight = false));
      }, 0);
    },
    async reconnect() {
      await client.request('settings/reconnect', null);
    },
    async act(op, params) {
      const result = await client.request(op, params);
      release();
      // The worker sends the deltas an operation caused before its answer: whoever awaits the answer (paging back
      // keeps its scroll place by it) finds them applied, not waiting for the next frame.
      flushQueued();
      return result;
    },
    dispose() {
      early = null;
      stopEvents();
      stopDisconnects();
    },
  };
}
