import { afterEach, describe, expect, it } from 'vitest';
import type { Identity, Scenario, SimMeeting, SimParticipant } from '../../../../server/demo/simulator';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

interface Step {
  at: number;
  run: () => void;
}

/** Connections of one person: joins, drops a minute later, rejoins on a new connection... */
function flapping(meeting: SimMeeting, person: Identity, times: number, from: number, every = 2 * MINUTE): Step[] {
  let connection: SimParticipant | null = null;
  return Array.from({ length: times }, (_, i) => [
    { at: from + i * every, run: () => (connection = connection ? connection.rejoin() : meeting.join(person)) },
    { at: from + i * every + MINUTE, run: () => connection!.disconnect() },
  ]).flat();
}

/** the steps of several people, in time order */
function act(story: Scenario, ...steps: Step[][]): void {
  for (const step of steps.flat().sort((a, b) => a.at - b.at)) {
    story.waitUntil(step.at);
    step.run();
  }
}

describe('unstable participant (more than 3 rejoins within 10 minutes by default)', () => {
  it('fires on the 4th rejoin of the same signed-in user, however their name is spelled', () => {
    h = alertHarness();
    const story = h.story(81);
    const t = story.now;
    const meeting = story.meeting();
    const ken = story.world.identity({ name: 'Ken Watanabe', email: 'ken@northwind.example' });
    act(story, flapping(meeting, ken, 4, t));
    h.play(story.take());
    expect(h.alerts('all')).toEqual([]);
    story.waitUntil(t + 8 * MINUTE);
    meeting.join({ ...ken, name: 'Ken W. (iPad)' });
    h.play(story.take());
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'unstable_participant',
        severity: 'info',
        subject: `user:${ken.zoomUserId}`,
        details: { name: 'Ken W. (iPad)', email: 'ken@northwind.example', rejoins: 4, windowMinutes: 10 },
      },
    ]);
  });

  it('recognises guests by email, else by name, and not across different people', () => {
    h = alertHarness();
    const story = h.story(82);
    const t = story.now;
    const meeting = story.meeting();
    // someone of another account: Zoom gives the email, but no account user id
    const byEmail = story.world.identity({
      name: 'Zoë Müller-Łukasz',
      email: 'zoe.mueller@example.com',
      zoomUserId: null,
    });
    const byName = story.world.identity('이서연');
    const others = ['Ana Lima', 'Ken Watanabe', 'Olu Adeyemi', 'François Dubois', 'Priya 🎧 Raman', '김민준'];
    act(
      story,
      flapping(meeting, byEmail, 5, t, MINUTE + 10_000),
      flapping(meeting, byName, 5, t, MINUTE + 20_000),
      others.map((name, i) => ({ at: t + i * 1000, run: () => meeting.join(name) })),
    );
    h.play(story.take());
    expect(
      h
        .alerts('open')
        .map((a) => a.subject)
        .sort(),
    ).toEqual(['email:zoe.mueller@example.com', 'name:이서연']);
  });

  it('does not count rejoins spread wider than the window, nor moves to breakout rooms', () => {
    h = alertHarness();
    // breakout room moves as the real captures show them: a leave and a plain join
    const story = h.story(83, { breakoutEvents: 0 });
    const t = story.now;
    const meeting = story.meeting();
    const olu = story.world.identity({ name: 'Olu Adeyemi', email: 'olu@northwind.example' });
    const rooms = meeting.openBreakoutRooms(2);
    const ana = meeting.join({ name: 'Ana Lima', email: 'ana.lima@northwind.example' });
    const moves = [1, 2, 3, 4, 5, 6].map((i) => ({ at: t + i * 10_000, run: () => ana.moveTo(rooms[i % 2]!) }));
    act(story, flapping(meeting, olu, 6, t, 4 * MINUTE), moves);
    const events = story.take();
    const reasons = events.map(
      (e) => (e.body.payload.object.participant as { leave_reason?: string } | undefined)?.leave_reason,
    );
    expect(reasons.filter((reason) => reason?.endsWith('to join breakout room'))).toHaveLength(6);
    h.play(events);
    expect(h.alerts('all')).toEqual([]);
  });
});
