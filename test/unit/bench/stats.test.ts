import { describe, expect, it } from 'vitest';
import { distribution, percentile } from '../../../scripts/bench/stats';

describe('percentile (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('is a value actually measured: the smallest that p % of the samples do not exceed', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([3, 7, 8, 15, 20], 30)).toBe(7);
    expect(percentile([3, 7, 8, 15, 20], 40)).toBe(7);
    expect(percentile([3, 7, 8, 15, 20], 41)).toBe(8);
  });

  it('makes one slow sample in a hundred the p99, and does not hide it in fewer samples', () => {
    expect(percentile([...Array<number>(99).fill(2), 900], 99)).toBe(2);
    expect(percentile([...Array<number>(98).fill(2), 900, 900], 99)).toBe(900);
    expect(percentile([2, 2, 2, 900], 99)).toBe(900);
  });

  it('is NaN without samples and refuses percentiles outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(hundred, 0)).toThrow(RangeError);
    expect(() => percentile(hundred, 101)).toThrow(RangeError);
  });
});

describe('distribution', () => {
  it('sorts numerically, without changing the samples given', () => {
    const samples = [10, 9, 100, 1.5, 20];
    expect(distribution(samples)).toEqual({ count: 5, p50: 10, p99: 100, max: 100, mean: 28.1 });
    expect(samples).toEqual([10, 9, 100, 1.5, 20]);
  });

  it('has a count of 0 and NaN figures without samples', () => {
    const empty = distribution([]);
    expect(empty.count).toBe(0);
    expect([empty.p50, empty.p99, empty.max, empty.mean].every(Number.isNaN)).toBe(true);
  });
});
