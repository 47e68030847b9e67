/**
 * The worker's side of the UI ports: a new port gets a full snapshot, then every state change as a numbered
 * delta; requests are routed to typed handlers, each answered exactly once.
 */
import { describeError, LivechatError } from '../livechat/errors';
import {
  isRequest,
  PROTOCOL_VERSION,
  type BgPort,
  type BgToUi,
  type ChatSnapshot,
  type Op,
  type Params,
  type Result,
  type WireError,
} from '../messaging';
import type { StateEvent } from './chat-state';
import { isOp, paramsProblem } from './port-guard';

export type Handlers = { [K in Op]: (params: Params<K>) => Promise<Result<K>> };

export interface UiHub {
  /** Serves a UI's port; `early` are requests it sent before the worker was ready, answered now in order. */
  attach(port: BgPort, early?: readonly unknown[]): void;
  /** Sends a state change to every open UI. */
  publish(event: StateEvent): void;
  /** Sends a fresh snapshot to every open UI (e.g. after the desk changed). */
  resnapshot(): void;
  /** Number of chat UIs open right now. */
  openCount(): number;
  onOpenCountChange(listener: (count: number) => void): void;
}

/** Creates the hub; `snapshot` gives the current state, `handlers` answer requests. */
export function createUiHub(snapshot: () => ChatSnapshot, handlers: Handlers): UiHub {
  const ports = new Set<BgPort>();
  const countListeners: Array<(count: number) => void> = [];
  let seq = 0;

  const drop = (port: BgPort): void => {
    if (!ports.delete(port)) return;
    countChanged();
  };
  const post = (port: BgPort, message: BgToUi): void => {
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
  const sendSnapshot = (port: BgPort): void =>
    post(port, { v: PROTOCOL_VERSION, kind: 'event', seq, type: 'snapshot', payload: snapshot() });
  const countChanged = (): void => {
    for (const listener of countListeners) listener(ports.size);
  };

  async function handle(port: BgPort, message: unknown): Promise<void> {
    if (!isRequest(message)) return;
    const { id, op } = message;
    const problem = isOp(op) ? paramsProblem(op, message.params) : `Unknown operation ${JSON.stringify(op)}`;
    if (problem !== null || !Object.hasOwn(handlers, op)) {
      const error: WireError = { code: 'bad-request', message: problem ?? `Unknown operation ${JSON.stringify(op)}` };
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: false, error });
      return;
    }
    if (op === 'chat/resync') {
      sendSnapshot(port);
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: true, result: null });
      return;
    }
    const handler = handlers[op] as (p: unknown) => Promise<unknown>;
    try {
      const result = await handler(message.params);
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: true, result });
    } catch (error) {
      post(port, { v: PROTOCOL_VERSION, kind: 'response', id, ok: false, error: wireError(error) });
    }
  }

  return {
    attach(port, early = []) {
      ports.add(port);
      countChanged();
      port.onDisconnect.addListener(() => drop(port));
      port.onMessage.addListener((message) => void handle(port, message));
      sendSnapshot(port);
      for (const message of early) void handle(port, message);
    },
    publish(event) {
      seq += 1;
      const message = { v: PROTOCOL_VERSION, kind: 'event', seq, ...event } as BgToUi;
      for (const port of ports) post(port, message);
    },
    resnapshot() {
      seq += 1;
      for (const port of ports) sendSnapshot(port);
    },
    openCount: () => ports.size,
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
