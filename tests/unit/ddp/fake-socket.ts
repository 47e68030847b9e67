/**
 * A WebSocket double in the spirit of Meteor's StubStream: it records what the client sends and lets a test play
 * the server (open, deliver frames, close). Nothing happens asynchronously unless the test makes it.
 */
import type { SocketFactory, SocketLike } from '../../../lib/ddp/types';

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSED = 3;

export class FakeSocket implements SocketLike {
  readyState = CONNECTING;
  /** Raw text frames the client sent, in order. */
  readonly sent: string[] = [];
  /** Set when the client closed this socket. */
  closedByClient: { code: number | undefined } | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== OPEN) throw new Error('InvalidStateError: socket is not open');
    this.sent.push(data);
  }

  close(code?: number): void {
    this.closedByClient = { code };
    this.readyState = CLOSED;
  }

  /** Server side: accept the socket. */
  open(): void {
    this.readyState = OPEN;
    this.onopen?.({});
  }

  /** Server side: deliver a frame (objects are JSON-encoded, strings and other data are passed as they are). */
  receive(frame: unknown): void {
    const data = typeof frame === 'object' && frame !== null ? JSON.stringify(frame) : frame;
    this.onmessage?.({ data });
  }

  /** Server side: close the socket. */
  serverClose(code = 1006, reason = ''): void {
    this.readyState = CLOSED;
    this.onclose?.({ code, reason });
  }

  /** Server side: a transport error, followed by a close, as browsers do. */
  fail(): void {
    this.onerror?.({});
    this.serverClose(1006);
  }

  /** Sent frames decoded; non-JSON frames are a test failure. */
  frames(): Record<string, unknown>[] {
    return this.sent.map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  /** Sent frames with the given `msg`. */
  framesOf(msg: string): Record<string, unknown>[] {
    return this.frames().filter((f) => f.msg === msg);
  }

  /** The most recent frame with the given `msg`. */
  last(msg: string): Record<string, unknown> {
    const found = this.framesOf(msg).at(-1);
    if (found === undefined) throw new Error(`no ${msg} frame was sent`);
    return found;
  }
}

/** A socket factory that keeps every socket it made; `latest` is the one the client is using now. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[]; latest(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    factory: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    sockets,
    latest() {
      const s = sockets.at(-1);
      if (s === undefined) throw new Error('the client has not opened a socket');
      return s;
    },
  };
}
