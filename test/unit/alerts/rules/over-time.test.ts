import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream } from '../../../support/meeting-stream';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe('over time (more than 10 minutes past the scheduled end by default)', () => {
  it('fires on the clock once the meeting runs 10 minutes past its schedule, and resolves when it ends', () => {
    h = alertHarness();
    const t = h.clock.now();
    const m = new MeetingStream({ seed: 61, startedAt: t, duration: 30 });
    h.deliver(m.started());
    h.clock.advance(40 * MINUTE);
    expect(h.alerts('open')).toEqual([]);
    h.clock.advance(CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'over_time',
        severity: 'info',
        details: {
          startedAt: new Date(t).toISOString(),
          scheduledMinutes: 30,
          scheduledEnd: new Date(t + 30 * MINUTE).toISOString(),
        },
      },
    ]);
    h.clock.advance(20 * MINUTE);
    expect(h.alerts('open')).toMatchObject([{ kind: 'over_time', count: 1 }]);
    h.deliver(m.ended(h.clock.now()));
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'over_time', resolvedReason: 'meeting_ended' }]);
  });

  it('ignores meetings without a schedule: no duration, instant, personal room, recurring without fixed time', () => {
    h = alertHarness();
    const t = h.clock.now();
    const unscheduled = [
      new MeetingStream({ seed: 62, startedAt: t, duration: 0 }),
      new MeetingStream({ seed: 63, startedAt: t, type: 1 }),
      new MeetingStream({ seed: 64, startedAt: t, type: 4 }),
      new MeetingStream({ seed: 65, startedAt: t, type: 3 }),
    ];
    const recurring = new MeetingStream({ seed: 66, startedAt: t, type: 8 });
    h.deliver(...unscheduled.map((m) => m.started()), recurring.started());
    h.clock.advance(5 * 60 * MINUTE);
    expect(h.alerts('all').map((a) => [a.kind, a.meetingUuid])).toEqual([['over_time', recurring.uuid]]);
  });
});
