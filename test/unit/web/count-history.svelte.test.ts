import { describe, expect, it } from 'vitest';
import { CountHistory, sparklinePath, type Sample } from '../../../web/src/lib/count-history.svelte';
import { summary } from '../../support/dashboard-fixtures';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';
const T0 = Date.parse('2026-11-24T09:00:00Z');
const S = 1_000;
const at = (main: number, breakout = 0) =>
  summary(UUID, 'Quarterly planning', { counts: { main, breakout, waiting: 4 } });

function history(): CountHistory {
  return new CountHistory({ windowMs: 60 * 60 * S, resolutionMs: 15 * S });
}

describe('participant history for sparklines', () => {
  it('puts the counts the server kept before those recorded since the page opened', () => {
    const h = history();
    h.record([at(7)], T0 + 600 * S);
    h.prefill({
      [UUID]: [
        [T0, 1, 0, 3],
        [T0 + 5 * S, 2, 0, 0],
        [T0 + 300 * S, 4, 2, 0],
        [T0 + 650 * S, 9, 0, 0],
      ],
    });
    // what the server says after the first live sample is older news than the live sample
    expect(h.series.get(UUID)).toEqual([
      { at: T0, count: 1 },
      { at: T0 + 5 * S, count: 2 },
      { at: T0 + 300 * S, count: 6 },
      { at: T0 + 600 * S, count: 7 },
    ]);
  });

  it('keeps one sample per change of the people in the meeting (the waiting room is not in)', () => {
    const h = history();
    h.record([at(3)], T0);
    h.record([at(3)], T0 + 30 * S);
    h.record([at(2, 2)], T0 + 60 * S);
    h.record([at(5, 2)], T0 + 120 * S);
    expect(h.series.get(UUID)).toEqual([
      { at: T0, count: 3 },
      { at: T0 + 60 * S, count: 4 },
      { at: T0 + 120 * S, count: 7 },
    ]);
  });

  it('folds a burst of changes into one step, and drops a step that came back within it', () => {
    const h = history();
    h.record([at(3)], T0);
    h.record([at(4)], T0 + 60 * S);
    h.record([at(40)], T0 + 61 * S);
    h.record([at(500)], T0 + 62 * S);
    expect(h.series.get(UUID)).toEqual([
      { at: T0, count: 3 },
      { at: T0 + 60 * S, count: 500 },
    ]);
    h.record([at(3)], T0 + 63 * S);
    expect(h.series.get(UUID)).toEqual([{ at: T0, count: 3 }]);
  });

  it('forgets what is older than the window but keeps the count the window opens with', () => {
    const h = history();
    h.record([at(1)], T0);
    h.record([at(2)], T0 + 10 * 60 * S);
    h.record([at(3)], T0 + 20 * 60 * S);
    h.record([at(4)], T0 + 75 * 60 * S);
    expect(h.series.get(UUID)!.map((s) => s.count)).toEqual([2, 3, 4]);
  });

  it('replaces a meeting series as a whole (so only its row redraws), and forgets ended meetings', () => {
    const h = history();
    h.record([at(1)], T0);
    const before = h.series.get(UUID);
    h.record([at(2)], T0 + 60 * S);
    expect(h.series.get(UUID)).not.toBe(before);
    expect(before).toEqual([{ at: T0, count: 1 }]);
    h.forget([UUID]);
    expect(h.series.has(UUID)).toBe(false);
  });
});

describe('sparkline path', () => {
  const box = { from: T0, to: T0 + 100 * S, width: 100, height: 30 };

  it('draws steps across the box, the highest count at four fifths of the height', () => {
    const samples: Sample[] = [
      { at: T0, count: 10 },
      { at: T0 + 50 * S, count: 20 },
    ];
    expect(sparklinePath(samples, box)).toEqual({
      line: 'M0,17.8H50V6.6H100',
      area: 'M0,17.8H50V6.6H100V30H0Z',
    });
  });

  it('starts at the left edge with the count held when the window opened', () => {
    const samples: Sample[] = [
      { at: T0 - 600 * S, count: 10 },
      { at: T0 + 25 * S, count: 0 },
    ];
    expect(sparklinePath(samples, box)?.line).toBe('M0,6.6H25V29H100');
  });

  it('draws a flat line for a meeting nobody is in, and nothing without samples', () => {
    expect(sparklinePath([{ at: T0, count: 0 }], box)?.line).toBe('M0,29H100');
    expect(sparklinePath([], box)).toBeNull();
  });
});
