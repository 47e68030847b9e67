/**
 * Method calls: id allocation, the offline queue, per-call timeouts, rate-limit retries and what happens to calls
 * when the link drops. A call is settled by its `result` frame; `updated` carries nothing a Rocket.Chat visitor
 * needs (streams bypass the merge box), so waiting for it would only add a way to hang.
 */
import { stringifyEjson } from './ejson';
import {
  clientError,
  DdpDisconnectedError,
  DdpTimeoutError,
  isRateLimited,
  rateLimitWaitMs,
  toDdpError,
} from './errors';
import type { CallOptions, Clock } from './types';

export interface MethodsOptions {
  clock: Clock;
  /** Returns false when not connected; the call then stays queued. */
  send(text: string): boolean;
  isConnected(): boolean;
  nextId(): string;
  defaultTimeoutMs: number;
  maxRateLimitRetries: number;
}

type Phase = 'queued' | 'sent' | 'rateLimited';

interface PendingCall {
  readonly method: string;
  readonly frame: string;
  readonly resend: boolean;
  readonly deadline: number;
  phase: Phase;
  rateRetries: number;
  timeout: unknown;
  wait: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface Methods {
  call(method: string, params: unknown[], options?: CallOptions): Promise<unknown>;
  handleResult(id: string, hasError: boolean, error: unknown, result: unknown): void;
  /** Sends every queued call, in call order. */
  onConnected(): void;
  /** Calls in flight fail with `DdpDisconnectedError`, or go back to the queue if marked `resendOnReconnect`. */
  onDisconnected(): void;
  /** Fails every pending call with `error` and forgets it. */
  failAll(error: unknown): void;
  counts(): { queued: number; inFlight: number; waitingRateLimit: number };
}

/** Creates the method registry; see the module comment. */
export function createMethods(o: MethodsOptions): Methods {
  const { clock } = o;
  // Keyed by DDP method id; Map order is call order, which is the order queued calls are sent in.
  const calls = new Map<string, PendingCall>();

  const settle = (id: string, c: PendingCall): void => {
    calls.delete(id);
    clock.clearTimeout(c.timeout);
    if (c.wait !== undefined) clock.clearTimeout(c.wait);
  };

  const trySend = (c: PendingCall): void => {
    c.phase = o.isConnected() && o.send(c.frame) ? 'sent' : 'queued';
  };

  function call(method: string, params: unknown[], options: CallOptions = {}): Promise<unknown> {
    if (typeof method !== 'string' || method === '') {
      return Promise.reject(clientError('invalid-arguments', 'method must be a non-empty string'));
    }
    if (!Array.isArray(params)) return Promise.reject(clientError('invalid-arguments', 'params must be an array'));
    const timeoutMs = options.timeoutMs ?? o.defaultTimeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
      return Promise.reject(clientError('invalid-arguments', 'timeoutMs must be a positive number'));
    }
    let paramsJson: string;
    try {
      paramsJson = stringifyEjson(params);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return Promise.reject(clientError('invalid-arguments', `params of '${method}' cannot be sent: ${why}`));
    }
    const id = o.nextId();
    // Built once: a resend after reconnect or a rate-limit wait reuses the same text and id.
    const frame = `{"msg":"method","method":${JSON.stringify(method)},"params":${paramsJson},"id":${JSON.stringify(id)}}`;
    return new Promise((resolve, reject) => {
      const c: PendingCall = {
        method,
        frame,
        resend: options.resendOnReconnect === true,
        deadline: clock.now() + timeoutMs,
        phase: 'queued',
        rateRetries: 0,
        timeout: undefined,
        wait: undefined,
        resolve,
        reject,
      };
      c.timeout = clock.setTimeout(() => {
        if (calls.get(id) !== c) return;
        settle(id, c);
        reject(new DdpTimeoutError(method, timeoutMs));
      }, timeoutMs);
      calls.set(id, c);
      trySend(c);
    });
  }

  function handleResult(id: string, hasError: boolean, rawError: unknown, result: unknown): void {
    const c = calls.get(id);
    // Late answers to calls that already timed out or failed are dropped.
    if (c === undefined || c.phase !== 'sent') return;
    if (!hasError) {
      settle(id, c);
      c.resolve(result);
      return;
    }
    const error = toDdpError(rawError);
    if (isRateLimited(error) && c.rateRetries < o.maxRateLimitRetries) {
      const waitMs = rateLimitWaitMs(error);
      // Waiting longer than the call may live would only turn a clear rate-limit error into a vague timeout.
      if (clock.now() + waitMs < c.deadline) {
        c.rateRetries++;
        c.phase = 'rateLimited';
        c.wait = clock.setTimeout(() => {
          c.wait = undefined;
          if (calls.get(id) === c) trySend(c);
        }, waitMs);
        return;
      }
    }
    settle(id, c);
    c.reject(error);
  }

  return {
    call,
    handleResult,
    onConnected() {
      for (const c of calls.values()) {
        if (c.phase !== 'queued') continue;
        trySend(c);
        if (c.phase === 'queued') return; // the link went away mid-flush; the rest waits for the next connect
      }
    },
    onDisconnected() {
      for (const [id, c] of calls) {
        if (c.phase !== 'sent') continue;
        if (c.resend) {
          c.phase = 'queued';
          continue;
        }
        settle(id, c);
        c.reject(new DdpDisconnectedError(c.method));
      }
    },
    failAll(error) {
      for (const [id, c] of calls) {
        settle(id, c);
        c.reject(error);
      }
    },
    counts() {
      const n = { queued: 0, inFlight: 0, waitingRateLimit: 0 };
      for (const c of calls.values()) {
        if (c.phase === 'queued') n.queued++;
        else if (c.phase === 'sent') n.inFlight++;
        else n.waitingRateLimit++;
      }
      return n;
    },
  };
}
