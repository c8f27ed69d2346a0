import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Burst } from '../../../../server/alerts/rules/burst';

/** The busiest window of length w that holds t, by brute force. */
function busiest(times: number[], t: number, w: number): number {
  let best = 0;
  for (const start of times) {
    if (start > t || start < t - w) continue;
    best = Math.max(best, times.filter((x) => x >= start && x <= start + w).length);
  }
  return best;
}

describe('Burst', () => {
  it('counts an occurrence in the busiest window that holds it', () => {
    const burst = new Burst(10_000);
    expect([0, 4_000, 9_000, 10_000].map((t) => burst.add(t))).toEqual([1, 2, 3, 4]);
    expect(burst.add(15_000)).toBe(3);
    // a late occurrence counts with those after it; those more than a window before the newest are gone
    expect(burst.add(8_000)).toBe(4);
  });

  it('agrees with brute force on any in-window arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 40 }), (offsets) => {
        const w = 30_000;
        const burst = new Burst(w);
        const seen: number[] = [];
        for (const t of offsets) {
          seen.push(t);
          expect(burst.add(t)).toBe(busiest(seen, t, w));
        }
      }),
    );
  });

  it('agrees with brute force over hours, in and out of order, keeping only the window before the newest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.boolean()), { minLength: 1, maxLength: 300 }),
        (steps) => {
          const w = 10_000;
          const burst = new Burst(w);
          let held: number[] = [];
          let clock = 0;
          for (const [step, late] of steps) {
            // mostly forward in time; now and then an occurrence from before the newest
            clock += step;
            const t = late ? clock - step * 5 : clock;
            held.push(t);
            expect(burst.add(t, String(t))).toBe(busiest(held, t, w));
            const newest = Math.max(...held);
            held = held.filter((x) => x >= newest - w);
            expect(
              burst
                .keys()
                .map(Number)
                .sort((a, b) => a - b),
            ).toEqual([...held].sort((a, b) => a - b));
          }
        },
      ),
    );
  });

  it('holds only the window however many occurrences pass through it', () => {
    const burst = new Burst(100);
    const counts = Array.from({ length: 5_000 }, (_, t) => burst.add(t, String(t)));
    expect(counts.slice(0, 3)).toEqual([1, 2, 3]);
    expect(new Set(counts.slice(100))).toEqual(new Set([101]));
    expect(burst.keys()).toEqual(Array.from({ length: 101 }, (_, i) => String(4_899 + i)));
    expect(burst.add(4_950)).toBe(102);
  });

  it('rises once per stretch of exceeding', () => {
    const burst = new Burst(1000);
    expect([false, true, true, false, true].map((exceeded) => burst.rises(exceeded))).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
  });
});
