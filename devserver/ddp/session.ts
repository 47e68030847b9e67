/**
 * One DDP connection (SPEC §1): greeting, handshake, heartbeat, methods, stream subscriptions, protocol errors.
 * Malformed input gets a protocol `error` frame and never throws out of this class.
 */
import type { WebSocket } from 'ws';
import type { StreamEmit, StreamName } from '../bus';
import type { Desk } from '../desk';
import { fromEjson, toEjson } from '../ejson';
import { MatchError, MeteorError, toDdpError, tooManyRequests } from '../errors';
import type { FaultState } from '../faults';
import { randomId } from '../ids';
import type { CallLog } from '../log';
import type { RateLimiter } from '../ratelimit';
import { setVisitorStatus } from '../visitors';
import type { MethodHandler } from './method-types';
import { canRead, isStreamName, parseStreamParams } from './streams';

export interface HeartbeatOptions {
  pingAfterMs: number;
  closeAfterMs: number;
}

export interface SessionContext {
  desk: Desk;
  log: CallLog;
  faults: FaultState;
  limiter: RateLimiter;
  rateLimits: boolean;
  heartbeat: HeartbeatOptions;
  methods: Map<string, MethodHandler>;
  onClose(session: DdpSession): void;
}

const SUPPORTED_VERSIONS = ['1', 'pre2', 'pre1'];
/** Methods limited to 1 call per 5 s per connection (SPEC §1.9). */
const SLOW_METHODS = new Set(['livechat:sendOfflineMessage', 'livechat:sendTranscript']);

type Frame = Record<string, unknown>;

export class DdpSession {
  readonly id = randomId();
  private sessionId: string | undefined;
  private readonly subs = new Map<string, { name: StreamName; eventName: string }>();
  private boundToken: string | undefined;
  private sentFrames = 0;
  private lastDue = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly ctx: SessionContext,
  ) {
    socket.on('message', (data) => this.onText(String(data)));
    socket.on('close', () => this.onClosed());
    socket.on('error', () => socket.terminate());
    this.send(ctx.desk.caps.streamer ? { msg: 'server_id', server_id: '0' } : { server_id: '0' });
  }

  /** Delivers a stream event to every matching subscription of this connection (one frame each). */
  deliver(event: StreamEmit): void {
    if (event.origin === this.id) return;
    for (const sub of this.subs.values()) {
      if (sub.name !== event.stream || sub.eventName !== event.eventName) continue;
      const frame = {
        msg: 'changed',
        collection: event.stream,
        id: 'id',
        fields: { eventName: event.eventName, args: event.args },
      };
      this.send(frame);
      if (this.ctx.faults.duplicateStreamFrames) this.send(frame);
    }
  }

  /** Drops the connection without a close handshake (faults, heartbeat timeout, shutdown). */
  terminate(): void {
    this.socket.terminate();
  }

  private send(frame: Frame): void {
    if (this.closed) return;
    const text = JSON.stringify(toEjson(frame));
    const delay = this.ctx.faults.delayMs;
    if (delay <= 0 && this.lastDue <= Date.now()) {
      this.write(text);
      return;
    }
    this.lastDue = Math.max(Date.now() + delay, this.lastDue);
    setTimeout(() => this.write(text), this.lastDue - Date.now());
  }

  private write(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
    this.sentFrames += 1;
    const every = this.ctx.faults.dropEveryFrames;
    if (every > 0 && this.sentFrames % every === 0) this.terminate();
  }

  private sendError(reason: string, offendingMessage?: unknown): void {
    this.send(offendingMessage === undefined ? { msg: 'error', reason } : { msg: 'error', reason, offendingMessage });
  }

  private armHeartbeat(): void {
    clearTimeout(this.pingTimer);
    clearTimeout(this.closeTimer);
    const { pingAfterMs, closeAfterMs } = this.ctx.heartbeat;
    this.pingTimer = setTimeout(() => {
      this.send({ msg: 'ping' });
      this.closeTimer = setTimeout(() => this.terminate(), closeAfterMs);
    }, pingAfterMs);
  }

  private onText(raw: string): void {
    if (this.sessionId) this.armHeartbeat();
    let msg: unknown;
    try {
      msg = fromEjson(JSON.parse(raw));
    } catch {
      this.sendError('Parse error');
      return;
    }
    if (msg === null || typeof msg !== 'object' || Array.isArray(msg) || !(msg as Frame).msg) {
      this.sendError('Bad request', msg);
      return;
    }
    const frame = msg as Frame;
    if (frame.msg === 'connect') {
      if (this.sessionId) this.sendError('Already connected', frame);
      else this.connect(frame);
      return;
    }
    if (!this.sessionId) {
      this.sendError('Must connect first', frame);
      return;
    }
    this.dispatch(frame);
  }

  private dispatch(frame: Frame): void {
    switch (frame.msg) {
      case 'ping':
        this.send(frame.id === undefined ? { msg: 'pong' } : { msg: 'pong', id: frame.id });
        return;
      case 'pong':
        return;
      case 'method':
        this.method(frame);
        return;
      case 'sub':
        this.sub(frame);
        return;
      case 'unsub':
        this.subs.delete(String(frame.id));
        this.ctx.log.record({
          transport: 'ddp',
          kind: 'unsub',
          name: String(frame.id),
          connection: this.id,
          outcome: 'nosub',
        });
        this.send({ msg: 'nosub', id: frame.id });
        return;
      default:
        this.sendError('Bad request', frame);
    }
  }

  private connect(frame: Frame): void {
    const support =
      Array.isArray(frame.support) && frame.support.every((v) => typeof v === 'string') ? frame.support : [];
    const proposed = support.find((v) => SUPPORTED_VERSIONS.includes(v)) ?? SUPPORTED_VERSIONS[0];
    const ok = typeof frame.version === 'string' && support.includes(frame.version) && frame.version === proposed;
    this.ctx.log.record({
      transport: 'ddp',
      kind: 'connect',
      name: 'connect',
      connection: this.id,
      outcome: ok ? 'connected' : 'failed',
    });
    if (!ok) {
      this.send({ msg: 'failed', version: proposed });
      this.socket.close();
      return;
    }
    this.sessionId = randomId();
    this.send({ msg: 'connected', session: this.sessionId });
    this.armHeartbeat();
  }

  private method(frame: Frame): void {
    const { id, method, params = [] } = frame;
    if (typeof id !== 'string' || typeof method !== 'string' || !Array.isArray(params)) {
      this.sendError('Malformed method invocation', frame);
      return;
    }
    const handler = this.ctx.methods.get(method);
    const reply: Frame = { msg: 'result', id };
    if (!handler) {
      reply.error = toDdpError(new MeteorError(404, `Method '${method}' not found`));
      this.ctx.log.record({
        transport: 'ddp',
        kind: 'method',
        name: method,
        connection: this.id,
        params,
        outcome: 'error',
        error: 404,
      });
      this.send(reply);
      this.send({ msg: 'updated', methods: [id] });
      return;
    }
    try {
      this.checkRateLimit(method);
      const result = handler(
        {
          desk: this.ctx.desk,
          connectionId: this.id,
          boundToken: this.boundToken,
          bindToken: (token) => {
            this.boundToken = token;
          },
        },
        params,
      );
      const omit = this.ctx.desk.caps.streamer ? !result : result === undefined;
      if (!omit) reply.result = result;
      this.ctx.log.record({
        transport: 'ddp',
        kind: 'method',
        name: method,
        connection: this.id,
        params,
        outcome: 'result',
      });
    } catch (err) {
      reply.error = toDdpError(err);
      const code = (reply.error as { error: string | number }).error;
      this.ctx.log.record({
        transport: 'ddp',
        kind: 'method',
        name: method,
        connection: this.id,
        params,
        outcome: 'error',
        error: code,
      });
      if (!(err instanceof MeteorError) && !(err instanceof MatchError)) {
        console.error(`[devserver] ${method} failed:`, err instanceof Error ? err.message : err);
      }
    }
    const updated = { msg: 'updated', methods: [id] };
    if (this.ctx.desk.caps.streamer) {
      this.send(reply);
      this.send(updated);
    } else {
      this.send(updated);
      this.send(reply);
    }
  }

  /** Meteor's DDPRateLimiter rules: 10 calls / 10 s per connection and method; 1 / 5 s for the slow ones. */
  private checkRateLimit(method: string): void {
    if (!this.ctx.rateLimits) return;
    const decisions = [this.ctx.limiter.hit(`ddp:${this.id}:${method}`, 10, 10_000)];
    if (SLOW_METHODS.has(method)) decisions.push(this.ctx.limiter.hit(`ddp:${this.id}:slow:${method}`, 1, 5_000));
    const denied = decisions.filter((d) => !d.allowed);
    if (denied.length > 0) throw tooManyRequests(Math.max(...denied.map((d) => d.timeToReset)));
  }

  private sub(frame: Frame): void {
    const { id, name, params = [] } = frame;
    if (typeof id !== 'string' || typeof name !== 'string' || !Array.isArray(params)) {
      this.sendError('Malformed subscription', frame);
      return;
    }
    if (this.subs.has(id)) return;
    const refuse = (error: unknown, code: string | number) => {
      this.ctx.log.record({
        transport: 'ddp',
        kind: 'sub',
        name,
        connection: this.id,
        params,
        outcome: 'nosub',
        error: code,
      });
      this.send({ msg: 'nosub', id, error: toDdpError(error) });
    };
    if (!isStreamName(name)) {
      refuse(new MeteorError(404, `Subscription '${name}' not found`), 404);
      return;
    }
    let parsed: ReturnType<typeof parseStreamParams>;
    try {
      parsed = parseStreamParams(params);
    } catch (err) {
      refuse(err, 400);
      return;
    }
    if (!canRead(this.ctx.desk, name, parsed.eventName, parsed.extra)) {
      refuse(new MeteorError('not-allowed'), 'not-allowed');
      return;
    }
    this.subs.set(id, { name, eventName: parsed.eventName });
    this.ctx.log.record({ transport: 'ddp', kind: 'sub', name, connection: this.id, params, outcome: 'ready' });
    this.send({ msg: 'ready', subs: [id] });
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.pingTimer);
    clearTimeout(this.closeTimer);
    this.ctx.limiter.clear(`ddp:${this.id}:`);
    const visitor = this.boundToken ? this.ctx.desk.store.visitors.get(this.boundToken) : undefined;
    if (visitor) setVisitorStatus(this.ctx.desk, visitor, 'offline');
    this.ctx.onClose(this);
  }
}
