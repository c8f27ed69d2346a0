import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream, type Person } from '../../../support/meeting-stream';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

/** Connections of one person: join, leave a minute later, rejoin on a new connection... */
function flapping(m: MeetingStream, person: Person, times: number, from: number, every = 2 * MINUTE) {
  const bodies = [];
  let connection = person;
  for (let i = 0; i < times; i++) {
    bodies.push(m.joined(connection, from + i * every), m.left(connection, from + i * every + MINUTE, 'Client Close.'));
    connection = m.reconnect(connection);
  }
  return bodies;
}

describe('unstable participant (more than 3 rejoins within 10 minutes by default)', () => {
  it('fires on the 4th rejoin of the same signed-in user, however their name is spelled', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 81, startedAt: h.clock.now() });
    const t = h.clock.now();
    const ken = m.person('Ken Watanabe', { signedIn: true });
    h.deliver(m.started(), ...flapping(m, ken, 4, t));
    expect(h.alerts('all')).toEqual([]);
    h.deliver(m.joined({ ...m.reconnect(ken), name: 'Ken W. (iPad)' }, t + 8 * MINUTE));
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'unstable_participant',
        severity: 'info',
        subject: `user:${ken.zoomUserId}`,
        details: { name: 'Ken W. (iPad)', email: 'ken@example.com', rejoins: 4, windowMinutes: 10 },
      },
    ]);
  });

  it('recognises guests by email, else by name, and not across different people', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 82, startedAt: h.clock.now() });
    const t = h.clock.now();
    const byEmail = m.person('Zoë Müller-Łukasz', { email: 'zoe.mueller@example.com' });
    const byName = m.person('이서연');
    h.deliver(
      m.started(),
      ...flapping(m, byEmail, 5, t, MINUTE + 10_000),
      ...flapping(m, byName, 5, t, MINUTE + 20_000),
    );
    const others = Array.from({ length: 6 }, (_, i) => m.person(`Guest ${i + 1}`));
    h.deliver(...others.map((p, i) => m.joined(p, t + i * 1000)));
    expect(
      h
        .alerts('open')
        .map((a) => a.subject)
        .sort(),
    ).toEqual(['email:zoe.mueller@example.com', 'name:이서연']);
  });

  it('does not count rejoins spread wider than the window, nor moves to breakout rooms', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 83, startedAt: h.clock.now() });
    const t = h.clock.now();
    const olu = m.person('Olu Adeyemi', { signedIn: true });
    h.deliver(m.started(), ...flapping(m, olu, 6, t, 4 * MINUTE));
    let ana = m.person('Ana Lima', { signedIn: true });
    h.deliver(m.joined(ana, t));
    for (let i = 1; i <= 6; i++) {
      const move = m.movedToBreakout(ana, t + i * 10_000);
      h.deliver(...move.bodies);
      ana = move.moved;
    }
    expect(h.alerts('all')).toEqual([]);
  });
});
