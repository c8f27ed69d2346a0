import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream, type Person } from '../../../support/meeting-stream';
import { NAMES } from '../../../support/realistic-events';

let h: AlertHarness;
afterEach(() => h.close());

const SECOND = 1000;

/** A started meeting with n people in the main room. */
function meetingOf(n: number, seed: number): { m: MeetingStream; people: Person[]; t: number } {
  const t = h.clock.now();
  const m = new MeetingStream({ seed, startedAt: t });
  const people = Array.from({ length: n }, (_, i) => m.person(`${NAMES[i % NAMES.length]} ${i + 1}`));
  h.deliver(m.started(), ...people.map((p, i) => m.joined(p, t + i * SECOND)));
  h.clock.advance(10 * 60 * SECOND);
  return { m, people, t: h.clock.now() };
}

describe('mass exodus (more than 50 % of at least 10 people leaving within 60 s, by default)', () => {
  it('fires once the meeting has kept running for the window after more than half of it left', () => {
    h = alertHarness();
    const { m, people, t } = meetingOf(20, 71);
    h.deliver(...people.slice(0, 10).map((p, i) => m.left(p, t + i * 3 * SECOND)));
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
    // delivered late, but it left within the same minute (event time): 11 of 20
    h.deliver(m.left(people[10]!, t + 28 * SECOND, 'Client Close.'));
    h.clock.advance(60 * SECOND - CHECK_INTERVAL_MS);
    expect(h.alerts('all')).toEqual([]);
    h.clock.advance(2 * CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toMatchObject([
      { kind: 'mass_exodus', severity: 'warning', details: { left: 11, before: 20, windowSeconds: 60 } },
    ]);
  });

  it('does not count moves Zoom reports as plain leaves, once the new connection segment shows up', () => {
    h = alertHarness();
    const { m, people, t } = meetingOf(20, 76);
    h.deliver(...people.slice(0, 9).map((p, i) => m.left(p, t + i * SECOND)));
    // left and joined again at the same second under the same participant_uuid, as in the real captures
    const moved = people.slice(9, 14).map((p) => ({ ...m.reconnect(p), participantUuid: p.participantUuid }));
    h.deliver(...people.slice(9, 14).map((p, i) => m.left(p, t + 10 * SECOND + i * SECOND)));
    h.deliver(...moved.map((p, i) => m.joined(p, t + 10 * SECOND + i * SECOND)));
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
  });

  it('says nothing when the meeting ends right after everyone left', () => {
    h = alertHarness();
    const { m, people, t } = meetingOf(20, 72);
    h.deliver(...people.slice(0, 15).map((p, i) => m.left(p, t + i * SECOND)));
    h.clock.advance(30 * SECOND);
    h.deliver(m.ended(h.clock.now()));
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
  });

  it('ignores small meetings, moves to breakout rooms and the host ending the meeting for all', () => {
    h = alertHarness();
    const small = meetingOf(9, 73);
    h.deliver(...small.people.slice(0, 8).map((p, i) => small.m.left(p, small.t + i * SECOND)));

    const rooms = meetingOf(20, 74);
    h.deliver(...rooms.people.flatMap((p, i) => rooms.m.movedToBreakout(p, rooms.t + i * 100).bodies));

    const ending = meetingOf(20, 75);
    h.deliver(...ending.people.map((p, i) => ending.m.left(p, ending.t + i * 100, 'Host ended the meeting.')));
    h.clock.advance(5 * 60 * SECOND);
    expect(h.alerts('all')).toEqual([]);
  });
});
