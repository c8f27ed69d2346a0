import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream } from '../../../support/meeting-stream';
import { NAMES } from '../../../support/realistic-events';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe('waiting room backlog (someone waiting over 5 minutes, or more than 10 waiting, by default)', () => {
  it('fires when the queue grows past 10, follows its size, and resolves when it shrinks back', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 31, startedAt: h.clock.now() });
    const t = h.clock.now();
    const people = Array.from({ length: 12 }, (_, i) => m.person(`${NAMES[i % NAMES.length]} ${i + 1}`));
    h.deliver(m.started(), ...people.slice(0, 10).map((p, i) => m.joinedWaitingRoom(p, t + i * 1000)));
    expect(h.alerts('open')).toEqual([]);
    h.deliver(m.joinedWaitingRoom(people[10]!, t + 10_000));
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'waiting_room_backlog',
        severity: 'warning',
        details: { waiting: 11, longestWaitingName: people[0]!.name, longestWaitingSince: new Date(t).toISOString() },
      },
    ]);
    h.deliver(m.joinedWaitingRoom(people[11]!, t + 11_000));
    expect(h.alerts('open')).toMatchObject([{ count: 1, details: { waiting: 12 } }]);
    h.deliver(m.admitted(people[0]!, t + 20_000), m.admitted(people[1]!, t + 21_000));
    expect(h.alerts('open')).toEqual([]);
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'waiting_room_backlog', resolvedReason: 'cleared' }]);
    expect(h.changes.map((c) => c.change)).toEqual(['opened', 'updated', 'updated', 'resolved']);
  });

  it('fires on the clock when one person has waited more than 5 minutes, with no new event', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 32, startedAt: h.clock.now() });
    const guest = m.person('Zoë Müller-Łukasz');
    h.deliver(m.started(), m.joinedWaitingRoom(guest, h.clock.now()));
    h.clock.advance(5 * MINUTE);
    expect(h.alerts('open')).toEqual([]);
    h.clock.advance(CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toMatchObject([
      { kind: 'waiting_room_backlog', details: { waiting: 1, longestWaitingName: 'Zoë Müller-Łukasz' } },
    ]);
    h.deliver(m.admitted(guest, h.clock.now()));
    expect(h.alerts('open')).toEqual([]);
  });
});
