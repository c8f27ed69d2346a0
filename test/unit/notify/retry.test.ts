import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelay } from '../../../server/notify/deliverer';

describe('retry back-off', () => {
  it('doubles after each failed attempt, between half and all of the wait, up to the maximum', () => {
    const policy = { firstMs: 1_000, maxMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => retryDelay(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelay(30, policy, () => 0.5)).toBe(45_000);
  });

  it('spreads retries at random within that range', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(3, DEFAULT_RETRY)));
    expect(delays.size).toBeGreaterThan(40);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(20_000);
      expect(delay).toBeLessThanOrEqual(40_000);
    }
  });

  it('with the defaults, keeps trying every 30 to 60 minutes, some 40 times in a day', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 86_400_000) elapsed += retryDelay(++attempts, DEFAULT_RETRY, () => 0.5);
    expect(attempts).toBeGreaterThan(30);
    expect(attempts).toBeLessThan(50);
  });
});
