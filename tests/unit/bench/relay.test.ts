import { describe, expect, it } from 'vitest';
import { relayFigures, type PageLatencies } from '../../../bench/relay';
import { TARGETS } from '../../../bench/targets';

const page = (latencies: number[], lost = 0): PageLatencies => ({ latencies, behindWindow: 0, lost });
/** 1..20 ms, so p50 is 10 and p95 is 19 (nearest rank). */
const ramp = (scale: number): number[] => Array.from({ length: 20 }, (_, i) => (i + 1) * scale);

describe('relay figures', () => {
  const phase = (popupScale: number, baselineScale: number, lost = 0) => ({
    popup: page(ramp(popupScale), lost),
    baseline: page(ramp(baselineScale)),
    extensionPage: page(ramp(baselineScale)),
  });
  const figures = relayFigures({
    idle: phase(1, 1),
    steady: phase(3, 1, 2),
    burst: { ...phase(40, 2), popup: { ...page(ramp(40)), behindWindow: 81 } },
    burstLongTasks: { count: 3, totalMs: 212.34 },
  });

  it('reports the overhead at p50 and p95 against the socket page of the same phase', () => {
    expect(figures['relay.overhead_p50_ms']).toBe(30 - 10);
    expect(figures['relay.baseline_p95_ms']).toBe(19);
    expect(figures['relay.overhead_p95_ms']).toBe(57 - 19);
  });

  it('reports the burst as a ratio to the socket page, with the popup’s long tasks', () => {
    expect(figures['relay.burst_ratio_vs_baseline']).toBe(400 / 20);
    expect(figures['relay.burst_long_tasks']).toBe(3);
    expect(figures['relay.burst_long_task_ms']).toBe(212.3);
    expect(figures['relay.lost']).toBe(2);
  });

  it('counts messages a burst left behind the log’s window apart from lost ones', () => {
    expect(figures['relay.behind_window']).toBe(81);
    expect(figures['relay.lost']).toBe(2);
  });

  it('judges the overheads and the burst against issue 12’s targets', () => {
    expect(TARGETS['relay.overhead_p50_ms']).toEqual({ atMost: 1 });
    expect(TARGETS['relay.overhead_p95_ms']).toEqual({ atMost: 5 });
    expect(TARGETS['relay.burst_ratio_vs_baseline']).toEqual({ atMost: 5 });
  });
});
