import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario, ScenarioOptions, SimMeeting, SimParticipant } from '../../../../server/demo/simulator';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

const SECOND = 1000;

interface Running {
  story: Scenario;
  meeting: SimMeeting;
  /** everyone but the host */
  people: SimParticipant[];
  /** ten minutes after they joined */
  t: number;
}

/** A started meeting with n people in the main room (its host and n - 1 others), delivered, ten minutes on. */
function meetingOf(n: number, seed: number, options: Omit<ScenarioOptions, 'seed'> = {}): Running {
  const story = h.story(seed, options);
  const start = story.now;
  const meeting = story.meeting();
  const people = Array.from({ length: n - 1 }, (_, i) => {
    story.waitUntil(start + (i + 1) * SECOND);
    return meeting.join();
  });
  h.play(story.take());
  h.clock.advance(10 * 60 * SECOND);
  return { story, meeting, people, t: h.clock.now() };
}

/** each of `people` leaves, the i-th at t + i * every */
function leaveOneByOne(story: Scenario, people: SimParticipant[], t: number, every: number): void {
  people.forEach((p, i) => {
    story.waitUntil(t + i * every);
    p.leave();
  });
}

describe('mass exodus (more than 50 % of at least 10 people leaving within 60 s, by default)', () => {
  it('fires once the meeting has kept running for the window after more than half of it left', () => {
    h = alertHarness();
    const { story, people, t } = meetingOf(20, 71);
    leaveOneByOne(story, people.slice(0, 10), t, 3 * SECOND);
    h.play(story.take());
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
    // delivered late, but it left within the same minute (event time): 11 of 20
    story.waitUntil(t + 28 * SECOND);
    people[10]!.disconnect();
    h.play(story.take());
    h.clock.advance(60 * SECOND - CHECK_INTERVAL_MS);
    expect(h.alerts('all')).toEqual([]);
    h.clock.advance(2 * CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toMatchObject([
      { kind: 'mass_exodus', severity: 'warning', details: { left: 11, before: 20, windowSeconds: 60 } },
    ]);
  });

  it('does not count connections Zoom renews with a plain leave, once the new connection segment shows up', () => {
    h = alertHarness();
    const { story, people, t } = meetingOf(20, 76);
    leaveOneByOne(story, people.slice(0, 9), t, SECOND);
    // left and joined again at the same second under the same participant_uuid, as in the real captures
    people.slice(9, 14).forEach((p, i) => {
      story.waitUntil(t + 10 * SECOND + i * SECOND);
      p.renewConnection();
    });
    const events = story.take();
    const leaves = events.filter((e) => e.body.event === 'meeting.participant_left');
    expect(leaves).toHaveLength(14);
    h.play([...leaves, ...events.filter((e) => !leaves.includes(e))]);
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
  });

  it('says nothing when the meeting ends right after everyone left', () => {
    h = alertHarness();
    const { story, meeting, people, t } = meetingOf(20, 72);
    leaveOneByOne(story, people.slice(0, 15), t, SECOND);
    h.play(story.take());
    h.clock.advance(30 * SECOND);
    story.waitUntil(h.clock.now());
    meeting.end();
    h.play(story.take());
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
  });

  it('ignores small meetings, moves to breakout rooms and the host ending the meeting for all', () => {
    h = alertHarness();
    const small = meetingOf(9, 73);
    leaveOneByOne(small.story, small.people.slice(0, 8), small.t, SECOND);
    h.play(small.story.take());

    // as the real captures show moves: a leave whose reason names the move, and a plain join
    const rooms = meetingOf(20, 74, { breakoutEvents: 0 });
    const [room] = rooms.meeting.openBreakoutRooms(1);
    rooms.people.forEach((p, i) => {
      rooms.story.waitUntil(rooms.t + i * 100);
      p.moveTo(room!);
    });
    h.play(rooms.story.take());

    // the leaves stamped with the end, delivered before the late meeting.ended
    const ending = meetingOf(20, 75);
    ending.story.waitUntil(ending.t);
    ending.meeting.end();
    const leaves = ending.story.take().filter((e) => e.body.event === 'meeting.participant_left');
    expect(leaves).toHaveLength(20);
    h.play(leaves);
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
  });
});
