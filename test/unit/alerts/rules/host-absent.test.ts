import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { AT_ONCE, alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe('meeting without host (host gone for more than 5 minutes by default)', () => {
  it('fires on the clock 5 minutes after the host left and resolves when the host is back', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(51);
    const t = story.now;
    const meeting = story.meeting({ host: { name: 'Ana Lima' } });
    const host = meeting.host!;
    story.waitUntil(t + 1000);
    meeting.join('김민준');
    story.waitUntil(t + MINUTE);
    host.leave();
    h.play(story.take());
    h.clock.advance(6 * MINUTE - CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toEqual([]);
    h.clock.advance(2 * CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'host_absent',
        severity: 'warning',
        details: { hostName: 'Ana Lima', leftAt: new Date(t + MINUTE).toISOString() },
      },
    ]);
    story.waitUntil(h.clock.now());
    host.rejoin();
    h.play(story.take());
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'host_absent', resolvedReason: 'cleared' }]);
  });

  it('stays quiet when the host role passed to someone still in the meeting', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(52);
    const t = story.now;
    const meeting = story.meeting({ host: { name: 'Ana Lima' } });
    const host = meeting.host!;
    const next = meeting.join({ name: 'François Dubois', email: 'francois@northwind.example' });
    story.waitUntil(t + MINUTE);
    next.setRole('host');
    story.waitUntil(t + 2 * MINUTE);
    host.leave();
    const events = story.take();
    expect(events.filter((e) => e.body.event === 'meeting.participant_role_changed')).toHaveLength(2);
    h.play(events);
    h.clock.advance(30 * MINUTE);
    expect(h.alerts('all').filter((a) => a.kind === 'host_absent')).toEqual([]);
  });

  it('says nothing about a meeting whose host it never saw', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(53);
    const meeting = story.meeting();
    const ken = meeting.join('Ken Watanabe');
    // Roomwatch starts listening ten minutes into the meeting: it never hears of the start, the
    // host or Ken joining
    story.take();
    h.clock.advance(10 * MINUTE);
    story.waitUntil(h.clock.now());
    meeting.join('Olu Adeyemi');
    story.wait(1000);
    ken.leave();
    h.play(story.take());
    h.clock.advance(30 * MINUTE);
    expect(h.alerts('all').filter((a) => a.kind === 'host_absent')).toEqual([]);
  });
});
