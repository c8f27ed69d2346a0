import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe('over time (more than 10 minutes past the scheduled end by default)', () => {
  it('fires on the clock once the meeting runs 10 minutes past its schedule, and resolves when it ends', () => {
    h = alertHarness();
    const t = h.clock.now();
    const story = h.story(61);
    const meeting = story.meeting({ duration: 30 });
    h.play(story.take());
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
    story.waitUntil(h.clock.now());
    meeting.end();
    h.play(story.take());
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'over_time', resolvedReason: 'meeting_ended' }]);
  });

  it('ignores meetings without a schedule: no duration, instant, personal room, recurring without fixed time', () => {
    h = alertHarness();
    const story = h.story(62);
    for (const spec of [{ duration: 0 }, { type: 1 }, { type: 4 }, { type: 3 }]) story.meeting(spec);
    const recurring = story.meeting({ type: 8 });
    h.play(story.take());
    h.clock.advance(5 * 60 * MINUTE);
    expect(h.alerts('all').map((a) => [a.kind, a.meetingUuid])).toEqual([['over_time', recurring.facts.uuid]]);
  });
});
