import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario, SimMeeting } from '../../../../server/demo/simulator';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

/** someone new joins the meeting at `at` */
function arrive(story: Scenario, meeting: SimMeeting, at: number): void {
  story.waitUntil(at);
  meeting.join();
}

describe('join storm (more than 20 arrivals within 30 s by default)', () => {
  it('fires on the 21st arrival within the window, once per storm', () => {
    h = alertHarness();
    const story = h.story(21);
    const t = story.now;
    // the host is the first arrival, at t
    const meeting = story.meeting();
    for (let i = 1; i < 20; i++) arrive(story, meeting, t + i * 1000);
    h.play(story.take());
    expect(h.alerts('open')).toEqual([]);
    arrive(story, meeting, t + 20_000);
    h.play(story.take());
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'join_storm',
        severity: 'warning',
        subject: 'meeting',
        count: 1,
        details: { joins: 21, windowSeconds: 30 },
      },
    ]);
    for (let i = 0; i < 4; i++) arrive(story, meeting, t + 21_000 + i * 500);
    h.play(story.take());
    expect(h.alerts('open')).toMatchObject([{ kind: 'join_storm', count: 1 }]);
  });

  it('counts in event time, whatever order the joins arrive in', () => {
    h = alertHarness();
    const t = h.clock.now();
    const slowly = h.story(22);
    const slow = slowly.meeting();
    for (let i = 1; i < 21; i++) arrive(slowly, slow, t + i * 2000);
    h.play(slowly.take().reverse());
    expect(h.alerts('open')).toEqual([]);

    const quickly = h.story(23);
    const fast = quickly.meeting();
    for (let i = 1; i < 21; i++) arrive(quickly, fast, t + i * 1400);
    const joins = quickly.take();
    h.play([...joins.slice(10), ...joins.slice(0, 10)]);
    expect(h.alerts('open')).toMatchObject([{ kind: 'join_storm', meetingUuid: fast.facts.uuid }]);
  });

  it('does not count moves to breakout rooms or admissions from the waiting room as arrivals', () => {
    h = alertHarness({ joinStorm: { joins: 5, windowMs: 30_000 } });
    // breakout room moves as the real captures show them: a leave and a plain join
    const story = h.story(24, { breakoutEvents: 0 });
    const t = story.now;
    // five arrivals: the host and four people who wait to be admitted
    const meeting = story.meeting({ waitingRoom: true });
    const people = [1, 2, 3, 4].map((i) => {
      story.waitUntil(t + i * 100);
      return meeting.join();
    });
    const rooms = meeting.openBreakoutRooms(2);
    people.forEach((p, i) => {
      story.waitUntil(t + 1000 + i * 100);
      p.admit();
    });
    people.forEach((p, i) => {
      story.waitUntil(t + 5000 + i * 100);
      p.moveTo(rooms[i % 2]!);
    });
    const events = story.take();
    expect(events.filter((e) => e.body.event === 'meeting.participant_joined')).toHaveLength(9);
    h.play(events);
    expect(h.alerts('all')).toEqual([]);
  });

  it('repeats on the open alert when a second storm comes after the first one died down', () => {
    h = alertHarness({ joinStorm: { joins: 3, windowMs: 10_000 } });
    const story = h.story(25);
    const t = story.now;
    const meeting = story.meeting();
    for (let i = 1; i < 4; i++) arrive(story, meeting, t + i * 1000);
    arrive(story, meeting, t + 60_000);
    for (let i = 0; i < 3; i++) arrive(story, meeting, t + 61_000 + i * 1000);
    h.play(story.take());
    expect(h.alerts('open')).toMatchObject([{ kind: 'join_storm', count: 2, details: { joins: 4 } }]);
  });
});
