import { describe, expect, it } from 'vitest';
import { DeliveryPlan, DeliveryTracker, type PlannedDelivery } from '../../../scripts/bench/delivery-tracker';

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

  it('refuses a plan whose event_ts do not increase within a meeting', () => {
    expect(() => new DeliveryPlan([deliveries[2]!, deliveries[0]!])).toThrow(/not increasing/);
  });
});
