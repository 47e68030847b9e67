/**
 * Every DDP call and REST request with its outcome, for `GET /control/log` (tests prove call patterns with it),
 * and the `violations`: what a real Rocket.Chat server of the profile's line would reject or silently ignore
 * (README "Violations" cites the source of each rule).
 */

/** `error`: the server refuses (an error line in its log, a rate-limiter hit); `ignored`: accepted, no effect. */
export type ViolationKind = 'error' | 'ignored';

export type ViolationRule =
  | 'unknown-method'
  | 'not-allowed'
  | 'rate-limit'
  | 'duplicate-id'
  | 'method-error'
  | 'refused-subscription'
  | 'unknown-route'
  | 'rest-4xx'
  | 'typing-event'
  | 'refused-write'
  | 'ignored-key';

export interface Violation {
  kind: ViolationKind;
  rule: ViolationRule;
  /** What the client did, e.g. `ddp method livechat:getInitialData` or `rest GET /api/v1/livechat/room`. */
  what: string;
  /** Why a real server of this line rejects or ignores it. */
  why: string;
}

export interface LogEntry {
  seq: number;
  ts: string;
  transport: 'ddp' | 'rest';
  /** DDP: `connect`, `method`, `sub`, `unsub`; REST: the HTTP verb. */
  kind: string;
  /** Method or publication name, or the REST path without the query. */
  name: string;
  connection?: string;
  params?: unknown;
  /** `result` / `error` (methods), `ready` / `nosub` (subs), `connected` / `failed`, or the HTTP status class. */
  outcome: string;
  /** Error code of a failed call (`404`, `invalid-token`, …). */
  error?: string | number;
  status?: number;
  violation?: Violation;
}

export type ViolationEntry = Violation & { seq: number; ts: string };

const MAX_ENTRIES = 5000;
const MAX_VIOLATIONS = 1000;

const RULE_WHY: Record<string, [ViolationRule, string]> = {
  '404': ['unknown-method', 'this line does not register the method: 404 Method not found'],
  'error-not-allowed': ['not-allowed', 'the method is for logged-in agents; a visitor gets error-not-allowed'],
  'not-allowed': ['not-allowed', 'the method is for logged-in agents; a visitor gets not-allowed'],
  'too-many-requests': ['rate-limit', "Meteor's DDPRateLimiter refused the call"],
  'duplicate-id': ['duplicate-id', 'a message with this _id is stored already (E11000 duplicate key)'],
};

/** The violation a logged outcome is, if any (explicit ones are passed to `record` by the handler). */
function classify(entry: Omit<LogEntry, 'seq' | 'ts'>): Violation | undefined {
  const what = `${entry.transport} ${entry.kind} ${entry.name}`;
  if (entry.transport === 'ddp' && entry.kind === 'method' && entry.outcome === 'error') {
    const [rule, why] = RULE_WHY[String(entry.error)] ?? ['method-error', `the method failed (${entry.error})`];
    return { kind: 'error', rule, what, why };
  }
  if (entry.transport === 'ddp' && entry.kind === 'sub' && entry.outcome === 'nosub') {
    return { kind: 'error', rule: 'refused-subscription', what, why: `the subscription was refused (${entry.error})` };
  }
  // A client that gives up on its own request (a cancelled upload) broke no rule of the server's.
  if (entry.transport === 'rest' && (entry.status ?? 0) >= 400 && entry.error !== 'client-aborted') {
    if (entry.status === 429)
      return { kind: 'error', rule: 'rate-limit', what, why: "the route's rate limit is spent" };
    if (entry.error === 'not-found') {
      return { kind: 'error', rule: 'unknown-route', what, why: 'this line has no such route (404)' };
    }
    return { kind: 'error', rule: 'rest-4xx', what, why: `the request was refused: ${entry.status} ${entry.error}` };
  }
  return undefined;
}

export class CallLog {
  private entries: LogEntry[] = [];
  private found: ViolationEntry[] = [];
  private seq = 0;

  /** Logs one call; `violation` names what the server silently ignored (refusals are classified here). */
  record(entry: Omit<LogEntry, 'seq' | 'ts' | 'violation'>, violation?: Violation): void {
    this.seq += 1;
    const ts = new Date().toISOString();
    const broken = violation ?? classify(entry);
    this.entries.push({ seq: this.seq, ts, ...entry, ...(broken ? { violation: broken } : {}) });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    if (broken) {
      this.found.push({ seq: this.seq, ts, ...broken });
      if (this.found.length > MAX_VIOLATIONS) this.found.splice(0, this.found.length - MAX_VIOLATIONS);
    }
  }

  /** Entries after sequence number `since` (all by default). */
  list(since = 0): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > since);
  }

  /** Violations after sequence number `since` (all by default). */
  violations(since = 0): ViolationEntry[] {
    return this.found.filter((entry) => entry.seq > since);
  }

  clear(): void {
    this.entries = [];
    this.found = [];
  }
}
