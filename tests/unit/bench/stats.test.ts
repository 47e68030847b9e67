import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, percentile, round } from '../../../bench/stats';

describe('percentile (nearest rank)', () => {
  it('picks the smallest sample with at least p % of the samples at or below it', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0.5)).toBe(1);
  });

  it('gives the middle sample as the median of an odd count and the mean of the two middle ones of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('always returns one of the samples, and never decreases as p grows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        (samples, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(samples).toContain(percentile(samples, lo));
          expect(percentile(samples, lo)).toBeLessThanOrEqual(percentile(samples, hi));
        },
      ),
    );
  });

  it('refuses what has no percentile', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
  });
});

describe('round', () => {
  it('rounds to the given decimals', () => {
    expect(round(1.2345, 2)).toBe(1.23);
    expect(round(99.96)).toBe(100);
  });
});
