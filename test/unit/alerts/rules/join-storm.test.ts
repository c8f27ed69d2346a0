import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream, type Person } from '../../../support/meeting-stream';
import { NAMES } from '../../../support/realistic-events';

let h: AlertHarness;
afterEach(() => h.close());

const crowd = (m: MeetingStream, n: number): Person[] =>
  Array.from({ length: n }, (_, i) => m.person(`${NAMES[i % NAMES.length]} ${i + 1}`));

describe('join storm (more than 20 arrivals within 30 s by default)', () => {
  it('fires on the 21st arrival within the window, once per storm', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 21, startedAt: h.clock.now() });
    const t = h.clock.now();
    const people = crowd(m, 25);
    h.deliver(m.started());
    h.deliver(...people.slice(0, 20).map((p, i) => m.joined(p, t + i * 1000)));
    expect(h.alerts('open')).toEqual([]);
    h.deliver(m.joined(people[20]!, t + 20_000));
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'join_storm',
        severity: 'warning',
        subject: 'meeting',
        count: 1,
        details: { joins: 21, windowSeconds: 30 },
      },
    ]);
    h.deliver(...people.slice(21).map((p, i) => m.joined(p, t + 21_000 + i * 500)));
    expect(h.alerts('open')).toMatchObject([{ kind: 'join_storm', count: 1 }]);
  });

  it('counts in event time, whatever order the joins arrive in', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 22, startedAt: h.clock.now() });
    const t = h.clock.now();
    const slow = crowd(m, 21).map((p, i) => m.joined(p, t + i * 2000));
    h.deliver(m.started(), ...slow.reverse());
    expect(h.alerts('open')).toEqual([]);

    const other = new MeetingStream({ seed: 23, startedAt: h.clock.now() });
    const fast = crowd(other, 21).map((p, i) => other.joined(p, t + i * 1400));
    h.deliver(other.started(), ...[...fast.slice(10), ...fast.slice(0, 10)]);
    expect(h.alerts('open')).toMatchObject([{ kind: 'join_storm', meetingUuid: other.uuid }]);
  });

  it('does not count moves to breakout rooms or admissions from the waiting room as arrivals', () => {
    h = alertHarness({ joinStorm: { joins: 5, windowMs: 30_000 } });
    const m = new MeetingStream({ seed: 24, startedAt: h.clock.now() });
    const t = h.clock.now();
    const people = crowd(m, 5);
    h.deliver(m.started(), ...people.map((p, i) => m.joinedWaitingRoom(p, t + i * 100)));
    h.deliver(...people.flatMap((p, i) => [m.admitted(p, t + 1000 + i * 100), m.joined(p, t + 1000 + i * 100)]));
    h.deliver(...people.flatMap((p, i) => m.movedToBreakout(p, t + 5000 + i * 100).bodies));
    expect(h.alerts('all')).toEqual([]);
  });

  it('repeats on the open alert when a second storm comes after the first one died down', () => {
    h = alertHarness({ joinStorm: { joins: 3, windowMs: 10_000 } });
    const m = new MeetingStream({ seed: 25, startedAt: h.clock.now() });
    const t = h.clock.now();
    const people = crowd(m, 8);
    h.deliver(m.started(), ...people.slice(0, 4).map((p, i) => m.joined(p, t + i * 1000)));
    h.deliver(m.joined(people[4]!, t + 60_000));
    h.deliver(...people.slice(5).map((p, i) => m.joined(p, t + 61_000 + i * 1000)));
    expect(h.alerts('open')).toMatchObject([{ kind: 'join_storm', count: 2, details: { joins: 4 } }]);
  });
});
