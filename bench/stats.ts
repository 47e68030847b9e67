/** Summary statistics for the benchmark's samples. */

/**
 * The p-th percentile by the nearest-rank method: the smallest sample such that at least p % of the samples are
 * less than or equal to it (so it is always one of the samples).
 * @throws {RangeError} on an empty sample, a non-finite sample, or p outside (0, 100].
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (samples.some((x) => !Number.isFinite(x))) throw new RangeError('percentile of a non-finite sample');
  const sorted = samples.toSorted((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

/**
 * The median: the middle sample, or the mean of the two middle ones for an even count (never the lower one alone,
 * which would flatter every figure where smaller is better).
 * @throws {RangeError} on an empty sample or a non-finite sample.
 */
export function median(samples: readonly number[]): number {
  const lower = percentile(samples, 50);
  if (samples.length % 2 === 1) return lower;
  const sorted = samples.toSorted((a, b) => a - b);
  return (lower + (sorted[samples.length / 2] as number)) / 2;
}

/** Rounds to `digits` decimals, for figures that are reported, not computed with. */
export function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
