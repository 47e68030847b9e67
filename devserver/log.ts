/** Every DDP call and REST request with its outcome, for `GET /control/log` (tests prove call patterns with it). */

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
}

const MAX_ENTRIES = 5000;

export class CallLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  record(entry: Omit<LogEntry, 'seq' | 'ts'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ts: new Date().toISOString(), ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** Entries after sequence number `since` (all by default). */
  list(since = 0): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > since);
  }

  clear(): void {
    this.entries = [];
  }
}
