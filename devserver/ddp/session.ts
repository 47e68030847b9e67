/**
 * One DDP connection (SPEC §1): greeting, handshake, heartbeat, methods, stream subscriptions, protocol errors.
 * Malformed input gets a protocol `error` frame and never throws out of this class.
 */
import type { WebSocket } from 'ws';
import type { StreamEmit } from '../bus';
import type { Desk } from '../desk';
import { fromEjson } from '../ejson';
import { MatchError, MeteorError, toDdpError, tooManyRequests } from '../errors';
import type { FaultState } from '../faults';
import { randomId } from '../ids';
import { DuplicateMessageError } from '../rooms';
import type { CallLog, Violation } from '../log';
import type { RateLimiter } from '../ratelimit';
import { setVisitorStatus } from '../visitors';
import type { MethodHandler } from './method-types';
import { Outbound } from './outbound';
import { Subscriptions } from './subscriptions';

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
  private boundToken: string | undefined;
  private readonly out: Outbound;
  private readonly subs: Subscriptions;
  private pingTimer: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly ctx: SessionContext,
  ) {
    this.out = new Outbound(socket, ctx.faults);
    this.subs = new Subscriptions(ctx.desk, ctx.log, this.id);
    socket.on('message', (data) => this.onText(String(data)));
    socket.on('close', () => this.onClosed());
    socket.on('error', () => socket.terminate());
    this.out.send(ctx.desk.caps.streamer ? { msg: 'server_id', server_id: '0' } : { server_id: '0' });
  }

  /** Delivers a stream event to every matching subscription of this connection (one frame each). */
  deliver(event: StreamEmit): void {
    for (const frame of this.subs.framesFor(event)) {
      this.out.send(frame);
      if (this.ctx.faults.duplicateStreamFrames) this.out.send(frame);
    }
  }

  /** Drops the connection without a close handshake (faults, heartbeat timeout, shutdown). */
  terminate(): void {
    this.socket.terminate();
  }

  private sendError(reason: string, offendingMessage?: unknown): void {
    // Meteor adds `offendingMessage` only when it is truthy.
    this.out.send(offendingMessage ? { msg: 'error', reason, offendingMessage } : { msg: 'error', reason });
  }

  /** Meteor's server heartbeat: ping after `pingAfterMs` without inbound frames, drop `closeAfterMs` later. */
  private armHeartbeat(): void {
    clearTimeout(this.pingTimer);
    clearTimeout(this.closeTimer);
    const { pingAfterMs, closeAfterMs } = this.ctx.heartbeat;
    this.pingTimer = setTimeout(() => {
      this.out.send({ msg: 'ping' });
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
        this.out.send(frame.id === undefined ? { msg: 'pong' } : { msg: 'pong', id: frame.id });
        return;
      case 'pong':
        return;
      case 'method':
        this.method(frame);
        return;
      case 'sub': {
        const { id, name, params = [] } = frame;
        if (typeof id !== 'string' || typeof name !== 'string' || !Array.isArray(params)) {
          this.sendError('Malformed subscription', frame);
          return;
        }
        const reply = this.subs.subscribe(id, name, params);
        if (reply) this.out.send(reply);
        return;
      }
      case 'unsub':
        this.out.send(this.subs.unsubscribe(frame.id));
        return;
      default:
        this.sendError('Bad request', frame);
    }
  }

  private connect(frame: Frame): void {
    // Meteor's _handleConnect: a malformed offer fails with its preferred version; a valid one whose version is
    // not the best common one fails with that best version.
    const support =
      Array.isArray(frame.support) && frame.support.every((v) => typeof v === 'string') ? frame.support : [];
    const wellFormed = typeof frame.version === 'string' && support.includes(frame.version);
    const best = support.find((v) => SUPPORTED_VERSIONS.includes(v)) ?? SUPPORTED_VERSIONS[0];
    const proposed = wellFormed ? best : SUPPORTED_VERSIONS[0];
    const ok = wellFormed && frame.version === best;
    this.ctx.log.record({
      transport: 'ddp',
      kind: 'connect',
      name: 'connect',
      connection: this.id,
      outcome: ok ? 'connected' : 'failed',
    });
    if (!ok) {
      this.out.send({ msg: 'failed', version: proposed });
      this.socket.close();
      return;
    }
    this.sessionId = randomId();
    this.out.send({ msg: 'connected', session: this.sessionId });
    this.armHeartbeat();
  }

  private method(frame: Frame): void {
    const { id, method, params = [] } = frame;
    const badSeed = 'randomSeed' in frame && typeof frame.randomSeed !== 'string';
    if (typeof id !== 'string' || typeof method !== 'string' || !Array.isArray(params) || badSeed) {
      this.sendError('Malformed method invocation', frame);
      return;
    }
    const handler = this.ctx.methods.get(method);
    const reply: Frame = { msg: 'result', id };
    let noted: Violation | undefined;
    const log = (outcome: string, error?: string | number) =>
      this.ctx.log.record(
        {
          transport: 'ddp',
          kind: 'method',
          name: method,
          connection: this.id,
          params,
          outcome,
          ...(error === undefined ? {} : { error }),
        },
        noted,
      );
    if (!handler) {
      // Meteor answers an unknown method before its write fence arms, so `result` precedes `updated` here.
      reply.error = toDdpError(new MeteorError(404, `Method '${method}' not found`));
      log('error', 404);
      this.out.send(reply);
      this.out.send({ msg: 'updated', methods: [id] });
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
          ignored: (v) => {
            noted = { kind: 'ignored', what: `ddp method ${method}`, ...v };
          },
        },
        params,
      );
      const omit = this.ctx.desk.caps.streamer ? !result : result === undefined;
      if (!omit) reply.result = result;
      log('result');
    } catch (err) {
      reply.error = toDdpError(err);
      if (err instanceof DuplicateMessageError) {
        noted = { kind: 'error', rule: 'duplicate-id', what: `ddp method ${method}`, why: err.why };
      }
      log('error', (reply.error as { error: string | number }).error);
      if (!(err instanceof MeteorError) && !(err instanceof MatchError)) {
        console.error(`[devserver] ${method} failed:`, err instanceof Error ? err.message : err);
      }
    }
    const updated = { msg: 'updated', methods: [id] };
    const order = this.ctx.desk.caps.streamer ? [reply, updated] : [updated, reply];
    for (const out of order) this.out.send(out);
  }

  /** Meteor's DDPRateLimiter rules: 10 calls / 10 s per connection and method; 1 / 5 s for the slow ones. */
  private checkRateLimit(method: string): void {
    if (!this.ctx.rateLimits) return;
    const decisions = [this.ctx.limiter.hit(`ddp:${this.id}:${method}`, 10, 10_000)];
    if (SLOW_METHODS.has(method)) decisions.push(this.ctx.limiter.hit(`ddp:${this.id}:slow:${method}`, 1, 5_000));
    const denied = decisions.filter((d) => !d.allowed);
    if (denied.length > 0) throw tooManyRequests(Math.max(...denied.map((d) => d.timeToReset)));
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.out.stop();
    clearTimeout(this.pingTimer);
    clearTimeout(this.closeTimer);
    this.ctx.limiter.clear(`ddp:${this.id}:`);
    const visitor = this.boundToken ? this.ctx.desk.store.visitors.get(this.boundToken) : undefined;
    if (visitor) setVisitorStatus(this.ctx.desk, visitor, 'offline');
    this.ctx.onClose(this);
  }
}
