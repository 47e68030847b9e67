/**
 * The worker's side of the UI ports: a new port gets a snapshot, then every state change as a numbered delta;
 * requests are routed to typed handlers, each answered exactly once. Each port is focused on one desk: it gets
 * that desk's snapshot and deltas (numbered per port), and its requests act on that desk.
 *
 * A snapshot carries only the newest page of messages, which is what a page needs for its first frame: the whole
 * list (up to a thousand messages, hundreds of kilobytes) would be serialised, carried and decoded before the page
 * could show anything. The page asks for the rest (`chat/rest`) once it has drawn; they follow as a numbered event,
 * read from the desk as it is then, less the messages of that snapshot's page.
 *
 * One server event usually changes several things (a message arrives: the message, the unread count, the typing
 * line), and every port message costs a serialisation, a hop through the browser process and a task in the page.
 * So the deltas published within one task leave together, as one message, at the end of that task (a microtask:
 * no added wait), and under a burst (`HubOptions.burst`) those of a few milliseconds leave together. Anything else posted to a port takes what is queued along, in the same message: an answer
 * carries the deltas before it (a reply's `chat/seen` is answered with the unread count it reset in one message),
 * a snapshot goes after them in one batch. So a UI still sees every delta an operation caused before its answer,
 * and never a delta older than a snapshot after it.
 */
import type { Clock } from '../ddp/types';
import { describeError, LivechatError } from '../livechat/errors';
import {
  isRequest,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgPort,
  type BgResponse,
  type BgToUi,
  type ChatSnapshot,
  type Op,
  type Params,
  type Result,
  type SnapshotEvent,
  type WireError,
  SNAPSHOT_PAGE_CHARS,
  SNAPSHOT_PAGE_MESSAGES,
} from '../messaging';
import { firstUnreadId, newestPage } from '../first-page';
import { withLines, type Say } from '../system-line';
import type { StateEvent } from './chat-state';
import { isOp, paramsProblem } from './port-guard';

/** A handler gets the request's params and the desk the asking port is focused on (null: no desk at all). */
export type Handlers = {
  [K in Exclude<Op, 'desk/focus' | 'chat/rest'>]: (params: Params<K>, desk: string | null) => Promise<Result<K>>;
};

export interface UiHub {
  /** Serves a UI's port; `early` are requests it sent before the worker was ready, answered now in order. */
  attach(port: BgPort, early?: readonly unknown[]): void;
  /** Sends a desk's state change to every UI showing that desk. */
  publish(desk: string, event: StateEvent): void;
  /** Sends a change that concerns every UI (the desk list) to all of them. */
  publishAll(event: StateEvent): void;
  /** Sends a fresh snapshot to every open UI (after the desks changed); a UI whose desk is gone moves on. */
  resnapshot(): void;
  /** Number of chat UIs open right now, or showing `desk`. */
  openCount(desk?: string): number;
  /** A UI opened, closed or moved to another desk; `desks` are the desks whose number of UIs changed. */
  onOpenCountChange(listener: (desks: string[]) => void): void;
}

export interface HubDesks {
  /** The state a UI showing `desk` renders. */
  snapshot(desk: string | null): ChatSnapshot;
  /** The desk a newly opened UI shows. */
  initial(): string | null;
  exists(desk: string): boolean;
}

export interface HubOptions {
  /**
   * Deltas published within `windowMs` of the hub's last post (deltas, an answer or a snapshot) wait for the
   * window's end and leave together. A server's burst (hundreds of messages, one socket frame each) then costs the
   * worker and each page a post per window instead of one per message (each a serialisation, a hop and a task in
   * the page, which renders once a frame anyway), while a lone message, with nothing posted just before it, still
   * leaves at the end of its task. Unset: each task's deltas leave at its end.
   */
  burst?: { windowMs: number; clock: Pick<Clock, 'now' | 'setTimeout'> };
  /**
   * The extension's texts in the browser's language: a snapshot's page then carries its system lines worded
   * (`withLines`, lib/system-line.ts), so a page draws them before its own wording is loaded. Unset: not worded.
   */
  say?: Say;
}

/** Creates the hub; `desks` gives each desk's state, `handlers` answer requests. */
export function createUiHub(desks: HubDesks, handlers: Handlers, { burst, say }: HubOptions = {}): UiHub {
  /**
   * Each open port: the desk it shows, the number of its last event, its events not posted yet, how many of its
   * requests hold them back for their answer, and the ids of the page its last snapshot carried while the older
   * messages are still to be sent (null: none are).
   */
  const ports = new Map<
    BgPort,
    { desk: string | null; seq: number; queued: BgEvent[]; held: number; page: Set<string> | null }
  >();
  const countListeners: Array<(desks: string[]) => void> = [];
  let flushScheduled = false;
  /** When the hub last posted (with `burst`): deltas within its window after that wait for the window's end. */
  let lastPostAt = Number.NEGATIVE_INFINITY;

  const drop = (port: BgPort): void => {
    const gone = ports.get(port);
    if (!gone || !ports.delete(port)) return;
    countChanged([gone.desk]);
  };
  /** Sends a port's queued events: as they are when there is one, as one `events` message when there are more. */
  const flush = (port: BgPort): void => {
    const view = ports.get(port);
    if (!view || view.queued.length === 0) return;
    const events = view.queued;
    view.queued = [];
    postNow(port, events.length === 1 ? (events[0] as BgEvent) : { v: PROTOCOL_VERSION, kind: 'events', events });
  };
  const flushAll = (): void => {
    flushScheduled = false;
    for (const [port, view] of ports) if (view.held === 0) flush(port);
  };
  /**
   * Keeps a port's events back while a request is answered: an operation's deltas (a `chat/seen` resets the
   * unread count) then leave with its answer, in one message. Never longer than this task: a slow operation's
   * events (and any delta from the server meanwhile) go on their own at the next.
   */
  const hold = (port: BgPort): void => {
    const view = ports.get(port);
    if (!view) return;
    view.held += 1;
    setTimeout(() => {
      view.held -= 1;
      if (view.held === 0) flush(port);
    }, 0);
  };
  /** Posts a snapshot or an answer with the port's queued events before it, as one message. */
  const post = (port: BgPort, message: BgEvent | BgResponse): void => {
    const view = ports.get(port);
    const queued = view?.queued ?? [];
    if (view) view.queued = [];
    if (queued.length === 0) postNow(port, message);
    else if (message.kind === 'response') postNow(port, { ...message, events: queued });
    else postNow(port, { v: PROTOCOL_VERSION, kind: 'events', events: [...queued, message] });
  };
  const postNow = (port: BgPort, message: BgToUi): void => {
    if (burst) lastPostAt = burst.clock.now();
    try {
      port.postMessage(message);
    } catch (error) {
      // The page closed, or the message could not be serialised. Either way this UI has missed a delta: cut the
      // port so it reconnects and starts over from a snapshot, instead of silently falling behind for good.
      console.warn('a chat UI could not be updated; disconnecting it so it resyncs', error);
      drop(port);
      try {
        port.disconnect();
      } catch {
        // Already gone.
      }
    }
  };
  const sendSnapshot = (port: BgPort): void => {
    const view = ports.get(port);
    if (!view) return;
    const whole = desks.snapshot(view.desk);
    const page = newestPage(whole.messages, SNAPSHOT_PAGE_MESSAGES, SNAPSHOT_PAGE_CHARS);
    const messages = say ? withLines(page, whole, say) : page;
    const held = whole.messages.length - messages.length;
    view.page = held > 0 ? new Set(messages.map((m) => m.id)) : null;
    const payload: SnapshotEvent = {
      ...whole,
      messages,
      held,
      unreadFrom: firstUnreadId(whole.messages, whole.unread),
    };
    view.seq += 1;
    post(port, { v: PROTOCOL_VERSION, kind: 'event', seq: view.seq, type: 'snapshot', payload });
  };
  /** The messages the port's last snapshot left out, as they are now; nothing if it left none out or they were sent. */
  const sendRest = (port: BgPort): void => {
    const view = ports.get(port);
    const page = view?.page;
    if (!view || !page) return;
    view.page = null;
    const messages = desks.snapshot(view.desk).messages.filter((m) => !page.has(m.id));
    view.seq += 1;
    post(port, { v: PROTOCOL_VERSION, kind: 'event', seq: view.seq, type: 'snapshot/rest', payload: { messages } });
  };
  const send = (port: BgPort, event: StateEvent): void => {
    const view = ports.get(port);
    if (!view) return;
    view.seq += 1;
    view.queued.push({ v: PROTOCOL_VERSION, kind: 'event', seq: view.seq, ...event } as BgEvent);
    if (flushScheduled) return;
    flushScheduled = true;
    const wait = burst ? lastPostAt + burst.windowMs - burst.clock.now() : 0;
    if (wait > 0) burst?.clock.setTimeout(flushAll, wait);
    else queueMicrotask(flushAll);
  };
  const countChanged = (changed: Array<string | null>): void => {
    const named = [...new Set(changed.filter((desk): desk is string => desk !== null))];
    for (const listener of countListeners) listener(named);
  };
  const respond = (port: BgPort, id: string, result: unknown): void =>
    post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: true, result });

  async function handle(port: BgPort, message: unknown): Promise<void> {
    if (!isRequest(message)) return;
    const { id, op } = message;
    const problem = isOp(op) ? paramsProblem(op, message.params) : `Unknown operation ${JSON.stringify(op)}`;
    const ownOp = op === 'chat/resync' || op === 'chat/rest' || op === 'desk/focus';
    if (problem !== null || !(ownOp || Object.hasOwn(handlers, op))) {
      const error: WireError = { code: 'bad-request', message: problem ?? `Unknown operation ${JSON.stringify(op)}` };
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: false, error });
      return;
    }
    if (op === 'chat/resync') {
      sendSnapshot(port);
      respond(port, id, null);
      return;
    }
    if (op === 'chat/rest') {
      sendRest(port);
      respond(port, id, null);
      return;
    }
    if (op === 'desk/focus') {
      focus(port, id, (message.params as Params<'desk/focus'>).desk);
      return;
    }
    const handler = handlers[op] as (p: unknown, desk: string | null) => Promise<unknown>;
    hold(port);
    try {
      const result = await handler(message.params, ports.get(port)?.desk ?? null);
      respond(port, id, result);
    } catch (error) {
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: false, error: wireError(error) });
    }
  }

  function focus(port: BgPort, id: string, desk: string): void {
    const view = ports.get(port);
    if (!view) return;
    if (!desks.exists(desk)) {
      const error: WireError = { code: 'bad-request', message: `No desk ${JSON.stringify(desk)}` };
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: false, error });
      return;
    }
    const before = view.desk;
    view.desk = desk;
    sendSnapshot(port);
    respond(port, id, null);
    if (before !== desk) countChanged([before, desk]);
  }

  return {
    attach(port, early = []) {
      const desk = desks.initial();
      ports.set(port, { desk, seq: 0, queued: [], held: 0, page: null });
      countChanged([desk]);
      port.onDisconnect.addListener(() => drop(port));
      port.onMessage.addListener((message) => void handle(port, message));
      sendSnapshot(port);
      for (const message of early) void handle(port, message);
    },
    publish(desk, event) {
      for (const [port, view] of ports) if (view.desk === desk) send(port, event);
    },
    publishAll(event) {
      for (const port of ports.keys()) send(port, event);
    },
    resnapshot() {
      const moved: Array<string | null> = [];
      for (const [port, view] of ports) {
        if (view.desk === null || !desks.exists(view.desk)) {
          const next = desks.initial();
          if (next !== view.desk) moved.push(view.desk, next);
          view.desk = next;
        }
        sendSnapshot(port);
      }
      if (moved.length > 0) countChanged(moved);
    },
    openCount: (desk) =>
      desk === undefined ? ports.size : [...ports.values()].filter((view) => view.desk === desk).length,
    onOpenCountChange(listener) {
      countListeners.push(listener);
    },
  };
}

function wireError(error: unknown): WireError {
  if (error instanceof LivechatError) {
    const code: WireError['code'] =
      error.kind === 'rejected' ? 'bad-request' : error.kind === 'unreachable' ? 'not-connected' : 'server';
    return { code, message: error.message };
  }
  return { code: 'internal', message: describeError(error) };
}
