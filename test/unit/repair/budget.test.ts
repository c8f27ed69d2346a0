import { describe, expect, it } from 'vitest';
import { CallBudget, type DaySpent } from '../../../server/repair/budget';

const T0 = Date.UTC(2026, 10, 24, 9);

describe('the call budget', () => {
  it('takes its share of each class: half of 20 list calls a minute, half of 40 per-meeting calls a second', () => {
    const budget = new CallBudget(0.5, T0);
    let list = 0;
    while (budget.tryTake('list', T0)) list++;
    expect(list).toBe(10);
    let heavy = 0;
    while (budget.tryTake('heavy', T0)) heavy++;
    expect(heavy).toBe(20);
    // refilled at the share's pace: one list call every 6 s, 20 per-meeting calls a second
    expect(budget.tryTake('list', T0 + 5_000)).toBe(false);
    expect(budget.tryTake('list', T0 + 6_001)).toBe(true);
    expect(budget.tryTake('heavy', T0 + 50)).toBe(true);
    expect(budget.spentAt(T0 + 6_001)).toMatchObject({ list: 11, heavy: 21, today: 32, dailyLimit: 30_000 });
  });

  it('waits for Retry-After after a 429, and without one backs off longer after each 429 in a row', () => {
    const budget = new CallBudget(0.5, T0);
    budget.rateLimited(T0, 120_000);
    expect(budget.tryTake('heavy', T0 + 119_999)).toBe(false);
    expect(budget.tryTake('heavy', T0 + 120_000)).toBe(true);

    const pauses: number[] = [];
    let at = T0 + 200_000;
    for (let i = 0; i < 4; i++) {
      budget.rateLimited(at, null);
      const until = budget.spentAt(at).pausedUntil!;
      pauses.push(until - at);
      at = until;
    }
    expect(pauses).toEqual([10_000, 20_000, 40_000, 80_000]);
    // an answer that is not a 429 starts the back-off small again
    expect(budget.tryTake('heavy', at)).toBe(true);
    budget.succeeded();
    budget.rateLimited(at, null);
    expect(budget.spentAt(at).pausedUntil! - at).toBe(5_000);
  });

  it("counts the calls of Zoom's day, tells each one to its memory, and carries the count over a restart that day only", () => {
    const saved: DaySpent[] = [];
    const first = new CallBudget(0.5, T0, { spent: null, onSpent: (spent) => saved.push(spent) });
    for (let i = 0; i < 3; i++) expect(first.tryTake('heavy', T0)).toBe(true);
    expect(saved.at(-1)).toEqual({ day: '2026-11-24', calls: 3 });
    const again = new CallBudget(0.5, T0 + 60_000, { spent: saved.at(-1)!, onSpent: () => {} });
    expect(again.spentAt(T0 + 60_000)).toMatchObject({ today: 3, heavy: 0 });
    const tomorrow = new CallBudget(0.5, Date.UTC(2026, 10, 25), { spent: saved.at(-1)!, onSpent: () => {} });
    expect(tomorrow.spentAt(Date.UTC(2026, 10, 25)).today).toBe(0);
    // a day that turns while running starts its count at 0
    expect(again.spentAt(Date.UTC(2026, 10, 25, 0, 0, 1)).today).toBe(0);
  });

  it("once the day's share is spent, makes no call before 00:00 UTC, when Zoom's day starts again", () => {
    const budget = new CallBudget(0.5, T0, { spent: { day: '2026-11-24', calls: 29_999 }, onSpent: () => {} });
    expect(budget.tryTake('heavy', T0)).toBe(true);
    expect(budget.tryTake('heavy', T0 + 1000)).toBe(false);
    const midnight = Date.UTC(2026, 10, 25);
    expect(budget.waitMs('heavy', T0 + 1000)).toBe(midnight - T0 - 1000);
    expect(budget.tryTake('heavy', midnight - 1)).toBe(false);
    expect(budget.tryTake('heavy', midnight)).toBe(true);
    expect(budget.spentAt(midnight).today).toBe(1);
  });
});
