/** Summaries of measured samples: nearest-rank percentiles, so every figure is a value actually measured. */

export interface Distribution {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The p-th percentile (0 < p <= 100) of values sorted ascending, by the nearest-rank method: the
 * smallest value that at least p % of the samples do not exceed. NaN when there are no samples.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return NaN;
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** count, p50, p99, max and mean of the samples (in any order; they are not modified) */
export function distribution(samples: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1]!,
    mean: sorted.length === 0 ? NaN : sum / sorted.length,
  };
}

/** Wall-clock time in ms with sub-ms precision, comparable between processes of one machine. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}
