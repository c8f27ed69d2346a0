import { describe, expect, it } from 'vitest';
import {
  DeliveryPlan,
  DeliveryTracker,
  firstAndLastWindows,
  firstAndSpread,
  type PlannedDelivery,
} from '../../../scripts/bench/delivery-tracker';

const BOARD = 'tubFEWg9SAaVamwu6V0+kw==';
const STANDUP = '4F2m9+XcQmK1zr8YwG1h7A==';

/** four deliveries 1 ms apart, two per meeting, due at 1000, 1001, 1002, 1003 */
const deliveries: PlannedDelivery[] = [
  { meetingUuid: BOARD, ts: 1_775_000_000_100, dueAt: 1000 },
  { meetingUuid: STANDUP, ts: 1_775_000_000_101, dueAt: 1001 },
  { meetingUuid: BOARD, ts: 1_775_000_000_102, dueAt: 1002 },
  { meetingUuid: STANDUP, ts: 1_775_000_000_103, dueAt: 1003 },
];

describe('DeliveryTracker', () => {
  it('takes a meeting shown with lastEventAt T as showing its deliveries stamped T or earlier, once each', () => {
    const tracker = new DeliveryTracker(new DeliveryPlan(deliveries));
    tracker.shown(BOARD, 1_775_000_000_099, 1040);
    expect(tracker.latencies).toEqual([]);
    tracker.shown(BOARD, 1_775_000_000_102, 1050);
    expect(tracker.latencies).toEqual([50, 48]);
    tracker.shown(BOARD, 1_775_000_000_102, 1090);
    expect(tracker.latencies).toEqual([50, 48]);
    expect(tracker.pending).toBe(2);
  });

  it('keeps meetings apart, and takes a removal as showing everything of that meeting', () => {
    const tracker = new DeliveryTracker(new DeliveryPlan(deliveries));
    tracker.shown(STANDUP, 1_775_000_000_101, 1020);
    tracker.removed(STANDUP, 1030);
    expect(tracker.latencies).toEqual([19, 27]);
    expect(tracker.pending).toBe(2);
  });

  it('ignores meetings outside its plan', () => {
    const tracker = new DeliveryTracker(new DeliveryPlan(deliveries.filter((d) => d.meetingUuid === BOARD)));
    tracker.shown(STANDUP, 1_775_000_000_103, 1020);
    expect(tracker.latencies).toEqual([]);
    expect(tracker.pending).toBe(2);
  });

  it('keeps each latency in the place of its delivery in the plan', () => {
    const tracker = new DeliveryTracker(new DeliveryPlan(deliveries));
    tracker.shown(STANDUP, 1_775_000_000_103, 1020);
    expect([...tracker.byDelivery]).toEqual([NaN, 19, NaN, 17]);
  });

  it('refuses a plan whose event_ts do not increase within a meeting', () => {
    expect(() => new DeliveryPlan([deliveries[2]!, deliveries[0]!])).toThrow(/not increasing/);
  });
});

describe('firstAndSpread', () => {
  it('gives, per delivery shown to anyone, its latency at the first dashboard and how much later the last one saw it', () => {
    const plan = new DeliveryPlan(deliveries);
    const [quick, slow, partial] = [new DeliveryTracker(plan), new DeliveryTracker(plan), new DeliveryTracker(plan)];
    quick.shown(BOARD, 1_775_000_000_102, 1030);
    slow.shown(BOARD, 1_775_000_000_100, 1025);
    slow.shown(BOARD, 1_775_000_000_102, 1060);
    partial.shown(BOARD, 1_775_000_000_100, 1040);
    // BOARD's first delivery: 30, 25, 40; its second: 28, 58 (and not shown to the third)
    expect(firstAndSpread([quick, slow, partial])).toEqual({ first: [25, 28], spread: [15, 30] });
    expect(firstAndSpread([])).toEqual({ first: [], spread: [] });
  });
});

describe('firstAndLastWindows', () => {
  it('splits the latencies at every dashboard by when their deliveries were due: the first and the last window of the run', () => {
    const plan = new DeliveryPlan(deliveries);
    const quick = new DeliveryTracker(plan);
    const slow = new DeliveryTracker(plan);
    quick.shown(BOARD, 1_775_000_000_102, 1010);
    quick.shown(STANDUP, 1_775_000_000_103, 1010);
    slow.shown(BOARD, 1_775_000_000_100, 1020);
    // due within 2 ms of the first (1000, 1001) and of the last (1002, 1003); not shown: left out
    expect(firstAndLastWindows([quick, slow], plan, 2)).toEqual({ first: [10, 20, 9], last: [8, 7] });
    // windows longer than half the run: a delivery counts in the first
    expect(firstAndLastWindows([quick], plan, 3)).toEqual({ first: [10, 9, 8], last: [7] });
  });
});
