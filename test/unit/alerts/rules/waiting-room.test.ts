import { afterEach, describe, expect, it } from 'vitest';
import type { SimParticipant } from '../../../../server/demo/simulator';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { AT_ONCE, alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe('waiting room backlog (someone waiting over 5 minutes, or more than 10 waiting, by default)', () => {
  it('fires when the queue grows past 10, follows its size, and resolves when it shrinks back', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(31);
    const t = story.now;
    const meeting = story.meeting({ waitingRoom: true });
    const waiting: SimParticipant[] = [];
    /** the i-th person comes at t + i seconds and waits to be admitted */
    const arrive = (i: number) => {
      story.waitUntil(t + i * 1000);
      waiting.push(meeting.join());
      return story.take();
    };
    h.play([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap(arrive));
    expect(h.alerts('open')).toEqual([]);
    h.play(arrive(10));
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'waiting_room_backlog',
        severity: 'warning',
        details: {
          waiting: 11,
          longestWaitingName: waiting[0]!.name,
          longestWaitingSince: new Date(t).toISOString(),
        },
      },
    ]);
    h.play(arrive(11));
    expect(h.alerts('open')).toMatchObject([{ count: 1, details: { waiting: 12 } }]);
    story.waitUntil(t + 20_000);
    waiting[0]!.admit();
    story.waitUntil(t + 21_000);
    waiting[1]!.admit();
    h.play(story.take());
    expect(h.alerts('open')).toEqual([]);
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'waiting_room_backlog', resolvedReason: 'cleared' }]);
    expect(h.changes.map((c) => c.change)).toEqual(['opened', 'updated', 'updated', 'resolved']);
  });

  it('fires on the clock when one person has waited more than 5 minutes, with no new event', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(32);
    const meeting = story.meeting({ waitingRoom: true });
    const guest = meeting.join('Zoë Müller-Łukasz');
    h.play(story.take());
    h.clock.advance(5 * MINUTE);
    expect(h.alerts('open')).toEqual([]);
    h.clock.advance(CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toMatchObject([
      { kind: 'waiting_room_backlog', details: { waiting: 1, longestWaitingName: 'Zoë Müller-Łukasz' } },
    ]);
    story.waitUntil(h.clock.now());
    guest.admit();
    h.play(story.take());
    expect(h.alerts('open')).toEqual([]);
  });
});
