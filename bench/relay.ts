/**
 * Agent message → visitor's screen. The devserver writes each message (in this process, so the send time is
 * exact); the popup's DOM and the DOM of baseline pages that hold their own raw WebSocket to the same server
 * record when the message appears. Every page's clock is mapped onto Node's (see `clockOffset`).
 */
import type { DevServer } from '../devserver/index';
import { nodeNow } from './browser';
import type { LongTasks } from './long-tasks';
import { relayText } from './probes';
import { revealOlder, sleepUntil, waitSeen, type WatchedPage } from './seen';
import { percentile, round } from './stats';

/** A page that shows nothing new for this long will show nothing more: what it lacks then is lost. */
const STALL_MS = 10_000;

export interface Schedule {
  /** Number of the first message (each phase uses its own range). */
  from: number;
  count: number;
  /** Time between two sends; 0 writes them back to back in one go. */
  intervalMs: number;
}

export interface PageLatencies {
  /** ms from the server writing a message to the message in this page's DOM, one per message shown as it came. */
  latencies: number[];
  /** Messages that arrived behind the popup's rendered window: shown once the visitor scrolls up to them. */
  behindWindow: number;
  /** Messages this page never showed, even scrolled up to. */
  lost: number;
}

/** Writes the scheduled agent messages and collects, per watched page, how long each took to show. */
export async function relayPhase<K extends string>(
  server: DevServer,
  rid: string,
  pages: Record<K, WatchedPage>,
  { from, count, intervalMs }: Schedule,
): Promise<Record<K, PageLatencies>> {
  const sent = new Map<number, number>();
  const start = nodeNow();
  for (let i = 0; i < count; i++) {
    if (intervalMs > 0) await sleepUntil(nodeNow, start + i * intervalMs);
    sent.set(from + i, nodeNow());
    server.control.say(rid, { text: relayText(from + i) });
  }
  const ns = [...sent.keys()];
  const entries = await Promise.all(
    Object.entries<WatchedPage>(pages).map(async ([name, page]) => {
      const seen = await waitSeen(page, ns, STALL_MS);
      const latencies = ns.flatMap((n) => {
        const at = seen.get(n);
        return at === undefined ? [] : [at - (sent.get(n) as number)];
      });
      const missing = ns.filter((n) => !seen.has(n));
      const revealed = missing.length > 0 ? (await revealOlder(page, missing)).size : 0;
      return [name, { latencies, behindWindow: revealed, lost: missing.length - revealed }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<K, PageLatencies>;
}

/** The pages of a relay run: the popup, and a baseline tab in a process of its own. */
export type RelayPages = 'popup' | 'baseline';

/**
 * One message that every page must show before measuring starts: proves the worker is connected and subscribed
 * (it may still be reconnecting after an earlier stop), so no measured message waits for a catch-up.
 */
export async function warmUp(server: DevServer, rid: string, pages: Record<string, WatchedPage>): Promise<void> {
  const n = 99_999;
  server.control.say(rid, { text: relayText(n) });
  for (const [name, page] of Object.entries(pages)) {
    if ((await waitSeen(page, [n], STALL_MS)).size === 0) throw new Error(`the ${name} page never showed a message`);
  }
}

const p = (samples: number[], q: number): number => (samples.length ? percentile(samples, q) : Number.NaN);
const ms = (value: number): number => round(value, 2);

type Phase = Record<RelayPages, PageLatencies>;

/**
 * The `relay.*` figures: `idle` (one message at a time), `steady` (the headline figures) and `burst`, with the
 * popup's long tasks from the burst's first send until its last message showed.
 */
export function relayFigures({
  idle,
  steady,
  burst,
  burstLongTasks,
}: {
  idle: Phase;
  steady: Phase;
  burst: Phase;
  burstLongTasks: LongTasks;
}): Record<string, number> {
  const phases = [idle, steady, burst];
  return {
    'relay.p50_ms': ms(p(steady.popup.latencies, 50)),
    'relay.p95_ms': ms(p(steady.popup.latencies, 95)),
    'relay.p99_ms': ms(p(steady.popup.latencies, 99)),
    'relay.baseline_p50_ms': ms(p(steady.baseline.latencies, 50)),
    'relay.overhead_p50_ms': ms(p(steady.popup.latencies, 50) - p(steady.baseline.latencies, 50)),
    'relay.baseline_p95_ms': ms(p(steady.baseline.latencies, 95)),
    'relay.overhead_p95_ms': ms(p(steady.popup.latencies, 95) - p(steady.baseline.latencies, 95)),
    'relay.idle_p50_ms': ms(p(idle.popup.latencies, 50)),
    'relay.idle_overhead_p50_ms': ms(p(idle.popup.latencies, 50) - p(idle.baseline.latencies, 50)),
    'relay.burst_p50_ms': ms(p(burst.popup.latencies, 50)),
    'relay.burst_p95_ms': ms(p(burst.popup.latencies, 95)),
    'relay.burst_p99_ms': ms(p(burst.popup.latencies, 99)),
    'relay.burst_baseline_p50_ms': ms(p(burst.baseline.latencies, 50)),
    'relay.burst_ratio_vs_baseline': round(p(burst.popup.latencies, 50) / p(burst.baseline.latencies, 50), 2),
    'relay.burst_long_tasks': burstLongTasks.count,
    'relay.burst_long_task_ms': round(burstLongTasks.totalMs),
    'relay.behind_window': phases.reduce((sum, phase) => sum + phase.popup.behindWindow, 0),
    'relay.lost': phases.reduce((sum, phase) => sum + phase.popup.lost, 0),
    'relay.baseline_lost': phases.reduce((sum, phase) => sum + phase.baseline.lost, 0),
  };
}
