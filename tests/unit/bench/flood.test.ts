import { describe, expect, it } from 'vitest';
import { FLOOD, floodText } from '../../../bench/flood';
import { TARGETS } from '../../../bench/targets';

describe('flood figure', () => {
  it('writes messages of the stated size that the relay probe recognises', () => {
    const text = floodText(FLOOD.from + 7);
    expect(text).toHaveLength(FLOOD.bytes);
    expect(text.match(/bench-(\d+)-x/)?.[1]).toBe(String(FLOOD.from + 7));
    expect(FLOOD.count).toBe(5_000);
  });

  it('is judged by ratios against baselines of the same run', () => {
    const flood = Object.keys(TARGETS).filter((figure) => figure.startsWith('flood.'));
    expect(flood.length).toBeGreaterThanOrEqual(3);
    for (const figure of flood) expect(figure).toMatch(/_ratio_vs_/);
  });
});
