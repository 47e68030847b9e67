/**
 * Socket lifecycle: open, DDP handshake and version negotiation, ping/pong, heartbeat, reconnect with backoff, and
 * the Meteor-shaped status. Application frames (results, subscriptions, stream events) are handed to `onFrame`
 * only while connected; everything above this module never touches a socket.
 */
// SocketLike (types.ts) is the on<event> slice that both the WHATWG WebSocket and `ws` share; no addEventListener.
/* oxlint-disable unicorn/prefer-add-event-listener */
import { backoffDelay } from './backoff';
import { DdpError } from './errors';
import { connectFrame, decodeFrame, heartbeatFrame, SUPPORTED_VERSIONS, type InboundFrame } from './frames';
import { createHeartbeat } from './heartbeat';
import type { BackoffOptions, Clock, DdpStatus, SocketFactory, SocketLike } from './types';

/** Close code the EE ddp-streamer uses when it timed our link out (SPEC §1.3). */
export const STREAMER_TIMEOUT_CODE = 4000;

export interface ConnectionOptions {
  url: string;
  socketFactory: SocketFactory;
  clock: Clock;
  random: () => number;
  pingAfterMs: number;
  deadAfterMs: number;
  connectTimeoutMs: number;
  backoff: BackoffOptions;
  /** See `DdpClientOptions.reviveStreamArgs`. */
  reviveStreamArgs: boolean;
  /**
   * Offered the text of every frame that arrives while connected, before it is decoded; true when it consumed the
   * frame (the stream router's fast path, streams.ts), which then never reaches `onFrame`.
   */
  takeText(text: string): boolean;
  onFrame(frame: InboundFrame): void;
  /** After a handshake succeeded; status is already `connected`. */
  onConnected(): void;
  /** A link that had completed its handshake is gone; status is no longer `connected`. */
  onDisconnected(): void;
  onStatus(status: DdpStatus): void;
  onIgnored(reason: string): void;
  onError(error: unknown, context: string): void;
}

export interface Connection {
  readonly status: DdpStatus;
  /** Sends a frame if connected; returns false (and sends nothing) otherwise. */
  send(text: string): boolean;
  connect(): void;
  disconnect(): void;
  reconnect(): void;
  close(): void;
}

const noop = (): void => {};

/** Detaching swaps in no-ops rather than null: `ws` throws on an `error` event that has no listener. */
function detach(socket: SocketLike): void {
  socket.onopen = noop;
  socket.onmessage = noop;
  socket.onclose = noop;
  socket.onerror = noop;
}

/** Creates the connection in state `offline`; call `connect()` to open the first socket. */
export function createConnection(o: ConnectionOptions): Connection {
  const { clock } = o;
  const preferredVersion = SUPPORTED_VERSIONS[0] ?? '1';
  let status: DdpStatus = { status: 'offline', connected: false, retryCount: 0 };
  let socket: SocketLike | undefined;
  let retryTimer: unknown;
  let connectTimer: unknown;
  let version = preferredVersion;
  /** Versions refused since the last handshake or explicit connect: a server that keeps changing its mind fails. */
  const refused = new Set<string>();
  let closed = false;

  const heartbeat = createHeartbeat({
    clock,
    pingAfterMs: o.pingAfterMs,
    deadAfterMs: o.deadAfterMs,
    sendPing: (id) => rawSend(heartbeatFrame('ping', id)),
    onDead: () => {
      o.onError(new DdpError({ error: 'heartbeat-timeout', reason: 'No answer to ping' }), 'heartbeat');
      lost(undefined);
    },
  });

  const setStatus = (next: DdpStatus): void => {
    status = next;
    o.onStatus(next);
  };

  function rawSend(text: string): boolean {
    if (socket === undefined) return false;
    try {
      socket.send(text);
      return true;
    } catch (err) {
      // A socket that is already closing throws here; its close event drives the recovery.
      o.onError(err, 'socket.send');
      return false;
    }
  }

  /** Forgets the current socket (closing it if still open) and stops every timer bound to it. */
  function dropSocket(): void {
    heartbeat.stop();
    if (connectTimer !== undefined) clock.clearTimeout(connectTimer);
    connectTimer = undefined;
    const old = socket;
    socket = undefined;
    if (old === undefined) return;
    detach(old);
    try {
      old.close(1000);
    } catch (err) {
      o.onError(err, 'socket.close');
    }
  }

  function clearRetry(): void {
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  function open(retryCount: number): void {
    dropSocket();
    clearRetry();
    setStatus({ status: 'connecting', connected: false, retryCount });
    if (socket !== undefined || status.status !== 'connecting') return; // a status listener changed course
    let s: SocketLike;
    try {
      s = o.socketFactory(o.url);
    } catch (err) {
      o.onError(err, 'socketFactory');
      scheduleRetry(undefined);
      return;
    }
    socket = s;
    // Handlers check `socket === s` so that events of a socket we already gave up on are ignored.
    s.onopen = () => {
      if (socket === s) rawSend(connectFrame(version));
    };
    s.onmessage = (event) => {
      if (socket === s) receive(event.data);
    };
    s.onclose = (event) => {
      if (socket === s) lost(event.code);
    };
    // An error event is always followed by a close event; if one is not, the connect timeout or heartbeat recovers.
    s.onerror = noop;
    connectTimer = clock.setTimeout(() => {
      connectTimer = undefined;
      if (socket !== s || status.connected) return;
      o.onError(new DdpError({ error: 'connect-timeout', reason: 'DDP handshake did not complete' }), 'connect');
      lost(undefined);
    }, o.connectTimeoutMs);
  }

  function scheduleRetry(code: number | undefined): void {
    const retryCount = status.retryCount;
    // The streamer closes with 4000 when it timed out a link that had been fine: come straight back once.
    const delay =
      code === STREAMER_TIMEOUT_CODE && retryCount === 0 ? 0 : backoffDelay(retryCount, o.backoff, o.random);
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      open(retryCount + 1);
    }, delay);
    setStatus({ status: 'waiting', connected: false, retryCount, retryTime: clock.now() + delay });
  }

  /** The current socket is gone (closed by the server, dead, or timed out): tell the layers above, then retry. */
  function lost(code: number | undefined): void {
    const wasConnected = status.connected;
    dropSocket();
    if (wasConnected) status = { status: 'waiting', connected: false, retryCount: 0, retryTime: clock.now() };
    if (wasConnected) o.onDisconnected();
    if (closed || socket !== undefined || status.status === 'offline' || status.status === 'failed') return;
    if (retryTimer === undefined) scheduleRetry(code);
  }

  function receive(data: unknown): void {
    heartbeat.activity();
    if (status.connected && typeof data === 'string' && o.takeText(data)) return;
    const frame = decodeFrame(data, o.reviveStreamArgs);
    switch (frame.msg) {
      case 'ping':
        rawSend(heartbeatFrame('pong', frame.id));
        return;
      case 'pong':
      case 'server_id':
        return;
      case 'ignored':
        o.onIgnored(frame.reason);
        return;
      case 'error':
        o.onError(
          new DdpError({ error: 'protocol-error', reason: frame.reason, details: frame.offendingMessage }),
          'server',
        );
        return;
      case 'connected':
        if (status.status !== 'connecting') return;
        if (connectTimer !== undefined) clock.clearTimeout(connectTimer);
        connectTimer = undefined;
        refused.clear();
        heartbeat.start();
        setStatus({ status: 'connected', connected: true, retryCount: 0 });
        if (status.connected) o.onConnected();
        return;
      case 'failed':
        if (status.status === 'connecting') negotiate(frame.version);
        return;
      default:
        if (status.connected) o.onFrame(frame);
        else o.onIgnored(`${frame.msg} before the handshake`);
    }
  }

  /** The server refused our version; retry at once with the one it proposes if we speak it, else fail for good. */
  function negotiate(proposed: string | undefined): void {
    refused.add(version);
    if (proposed !== undefined && !refused.has(proposed) && SUPPORTED_VERSIONS.includes(proposed)) {
      version = proposed;
      open(status.retryCount);
      return;
    }
    dropSocket();
    clearRetry();
    const offered = proposed === undefined ? 'no version' : `version ${proposed}`;
    setStatus({
      status: 'failed',
      connected: false,
      retryCount: status.retryCount,
      reason: `DDP version negotiation failed: we offered ${version}, the server proposed ${offered}`,
    });
  }

  function connect(): void {
    if (closed || status.status === 'connecting' || status.connected) return;
    if (status.status === 'failed') version = preferredVersion;
    refused.clear();
    // A manual (re)connect does not count as a retry, as in Meteor.
    open(status.retryCount);
  }

  function disconnect(): void {
    const wasConnected = status.connected;
    clearRetry();
    dropSocket();
    setStatus({ status: 'offline', connected: false, retryCount: 0 });
    if (wasConnected) o.onDisconnected();
  }

  return {
    get status() {
      return status;
    },
    send: (text) => status.connected && rawSend(text),
    connect,
    disconnect,
    reconnect() {
      if (status.connected) heartbeat.probe();
      else connect();
    },
    close() {
      closed = true;
      disconnect();
    },
  };
}
