import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../server/alerts/service';
import type { Principal } from '../../../server/auth/principal';
import { alertHarness, type AlertHarness } from '../../support/alert-harness';
import { Traffic, type Scenario, type SimMeeting } from '../../../server/demo/simulator';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;
const ANA: Principal = { username: 'ana.lima', accountIds: null, role: 'operator' };
/** Zoom reports unstable audio in the meeting at `at` */
function audio(story: Scenario, meeting: SimMeeting, at: number): void {
  story.waitUntil(at);
  meeting.alert(['Unstable audio quality']);
}

describe('alert lifecycle', () => {
  it('counts a repeat on the open alert of the same (meeting, kind, subject) instead of opening another', () => {
    h = alertHarness();
    const story = h.story(11);
    const m = story.meeting();
    const other = story.meeting();
    audio(story, m, h.clock.now());
    h.play(story.take());
    const opened = h.clock.now();
    h.clock.advance(2 * MINUTE);
    audio(story, m, h.clock.now());
    audio(story, other, h.clock.now());
    h.play(story.take());
    h.clock.advance(2 * MINUTE);
    audio(story, m, h.clock.now());
    h.play(story.take());

    const alerts = h.alerts('open');
    expect(alerts).toHaveLength(2);
    const mine = alerts.find((a) => a.meetingUuid === m.facts.uuid)!;
    expect(mine).toMatchObject({
      count: 3,
      firstSeenAt: new Date(opened).toISOString(),
      lastSeenAt: new Date(opened + 4 * MINUTE).toISOString(),
    });
    expect(alerts.find((a) => a.meetingUuid === other.facts.uuid)!.count).toBe(1);
    expect(h.changes.filter((c) => c.alert.id === mine.id).map((c) => c.change)).toEqual([
      'opened',
      'repeated',
      'repeated',
    ]);
  });

  it('acknowledges once (who and when), stays idempotent, and keeps counting repeats while acknowledged', () => {
    h = alertHarness();
    const story = h.story(13);
    const m = story.meeting();
    audio(story, m, h.clock.now());
    h.play(story.take());
    const [alert] = h.alerts('open');
    h.clock.advance(MINUTE);
    const first = h.application.alerts.acknowledge(alert!.id, ANA);
    expect(first).toMatchObject({
      outcome: 'acknowledged',
      alert: {
        status: 'acknowledged',
        acknowledgedBy: 'ana.lima',
        acknowledgedAt: new Date(h.clock.now()).toISOString(),
      },
    });
    h.clock.advance(MINUTE);
    const again = h.application.alerts.acknowledge(alert!.id, {
      username: 'ken.watanabe',
      accountIds: null,
      role: 'operator',
    });
    expect(again).toMatchObject({ outcome: 'already_acknowledged', alert: { acknowledgedBy: 'ana.lima' } });
    audio(story, m, h.clock.now());
    h.play(story.take());
    expect(h.alerts('acknowledged')).toMatchObject([{ id: alert!.id, count: 2, acknowledgedBy: 'ana.lima' }]);
    expect(h.changes.map((c) => c.change)).toEqual(['opened', 'acknowledged', 'repeated']);
  });

  it('does not acknowledge an unknown alert, an alert of an account the user may not see, or a resolved one', () => {
    h = alertHarness();
    const story = h.story(14);
    const m = story.meeting();
    audio(story, m, h.clock.now());
    h.play(story.take());
    const [alert] = h.alerts('open');
    const service = h.application.alerts;
    expect(service.acknowledge(alert!.id + 1, ANA)).toEqual({ outcome: 'not_found' });
    expect(
      service.acknowledge(alert!.id, { username: 'olu', accountIds: ['another-account'], role: 'operator' }),
    ).toEqual({
      outcome: 'not_found',
    });
    story.wait(MINUTE);
    m.end();
    h.play(story.take());
    expect(
      service.acknowledge(alert!.id, { username: 'olu', accountIds: [m.facts.accountId], role: 'operator' }),
    ).toMatchObject({
      outcome: 'resolved',
      alert: { status: 'resolved', acknowledgedBy: null },
    });
  });

  it('resolves an alert that did not repeat for the quiet period, on the clock', () => {
    h = alertHarness({ quietMs: 15 * MINUTE });
    const story = h.story(15);
    const m = story.meeting();
    audio(story, m, h.clock.now());
    h.play(story.take());
    h.clock.advance(10 * MINUTE);
    audio(story, m, h.clock.now());
    h.play(story.take());
    h.clock.advance(15 * MINUTE - CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toHaveLength(1);
    h.clock.advance(2 * CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toEqual([]);
    expect(h.alerts('resolved')).toMatchObject([{ count: 2, resolvedReason: 'quiet' }]);
  });

  it('resolves open and acknowledged alerts when the meeting ends, and opens a new alert afterwards', () => {
    h = alertHarness();
    const story = h.story(16);
    const t = h.clock.now();
    const m = story.meeting();
    audio(story, m, t);
    m.alert(['High CPU occupation']);
    h.play(story.take());
    const cpu = h.alerts('open').find((a) => a.subject === 'High CPU occupation')!;
    h.application.alerts.acknowledge(cpu.id, ANA);
    // stamped before the end, delivered after it
    audio(story, m, t + 30_000);
    const late = story.take();
    h.clock.advance(MINUTE);
    story.waitUntil(h.clock.now());
    m.end();
    h.play(story.take());
    expect(
      h
        .alerts('resolved')
        .map((a) => [a.subject, a.resolvedReason, a.resolvedAt])
        .sort(),
    ).toEqual([
      ['High CPU occupation', 'meeting_ended', new Date(h.clock.now()).toISOString()],
      ['Unstable audio quality', 'meeting_ended', new Date(h.clock.now()).toISOString()],
    ]);
    // late deliveries about an ended meeting raise nothing
    h.play(late);
    expect(h.alerts('open')).toEqual([]);
  });

  it('resolves the alerts of a meeting that went stale', () => {
    h = alertHarness();
    const story = h.story(17);
    story.meeting().startRecording();
    h.play(story.take());
    h.clock.advance(6 * 60 * MINUTE + CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toEqual([]);
    expect(
      h
        .alerts('resolved')
        .map((a) => [a.kind, a.resolvedReason])
        .sort(),
    ).toEqual([
      ['over_time', 'meeting_stale'],
      ['recording_started', 'meeting_stale'],
    ]);
  });

  it('keeps an at-risk alert open past the meeting end until someone acknowledges it', () => {
    h = alertHarness();
    const story = h.story(18);
    const m = story.meeting();
    m.riskAlert();
    h.play(story.take());
    h.clock.advance(MINUTE);
    story.waitUntil(h.clock.now());
    m.end();
    h.play(story.take());
    h.clock.advance(60 * MINUTE);
    const [risk] = h.alerts('open');
    expect(risk).toMatchObject({ kind: 'at_risk_meeting', status: 'open' });
    h.application.alerts.acknowledge(risk!.id, ANA);
    h.clock.advance(CHECK_INTERVAL_MS);
    expect(h.alerts('resolved')).toMatchObject([
      { id: risk!.id, acknowledgedBy: 'ana.lima', resolvedReason: 'meeting_ended' },
    ]);
  });

  it('keeps every transition for the meeting timeline, in order', () => {
    h = alertHarness();
    const story = h.story(19);
    const t = h.clock.now();
    const m = story.meeting();
    audio(story, m, t);
    h.play(story.take());
    h.clock.advance(MINUTE);
    audio(story, m, h.clock.now());
    h.play(story.take());
    const [alert] = h.alerts('open');
    h.clock.advance(MINUTE);
    h.application.alerts.acknowledge(alert!.id, ANA);
    h.clock.advance(MINUTE);
    story.waitUntil(h.clock.now());
    m.end();
    h.play(story.take());
    const step = (transition: string, minutes: number, by: string | null = null) => ({
      id: expect.any(Number),
      alertId: alert!.id,
      meetingUuid: m.facts.uuid,
      meetingTopic: m.facts.topic,
      kind: 'quality_issue',
      severity: 'warning',
      title: 'Unstable audio quality',
      transition,
      at: new Date(t + minutes * MINUTE).toISOString(),
      by,
      note: null,
      until: null,
    });
    expect(h.application.alerts.transitions(m.facts.uuid)).toEqual([
      step('opened', 0),
      step('repeated', 1),
      step('acknowledged', 2, 'ana.lima'),
      step('resolved', 3),
    ]);
    expect(h.application.alerts.transitions('no-such-meeting==')).toEqual([]);
  });

  it('announces every change to each listener, and a failing listener does not stop the others', () => {
    h = alertHarness();
    const seen: string[] = [];
    h.application.alerts.onChange(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = h.application.alerts.onChange((c) => seen.push(`${c.change}:${c.alert.kind}`));
    const story = h.story(20);
    const m = story.meeting();
    const errors = console.error;
    console.error = () => {};
    try {
      audio(story, m, h.clock.now());
      h.play(story.take());
      unsubscribe();
      audio(story, m, h.clock.now() + 1000);
      h.play(story.take());
    } finally {
      console.error = errors;
    }
    expect(seen).toEqual(['opened:quality_issue']);
    expect(h.changes.map((c) => c.change)).toEqual(['opened', 'repeated']);
  });

  it('announces each alert as it is stored: a busy stream, then every alert read back from the database', () => {
    h = alertHarness({ quietMs: 5 * MINUTE });
    const traffic = new Traffic({ seed: 5, start: h.clock.now(), rate: 4, meetings: 12, webinars: 1 });
    for (const { body } of traffic.take(4_000)) {
      h.clock.advance(Math.max(0, body.event_ts - h.clock.now()));
      h.deliver(body);
    }
    expect(h.application.alerts.acknowledge(h.alerts('open')[0]!.id, ANA).outcome).toBe('acknowledged');
    h.clock.advance(10 * MINUTE);

    const announced = new Map(h.changes.map(({ alert }) => [alert.id, alert]));
    const stored = h.alerts();
    expect(new Set(stored.map((a) => a.kind)).size).toBeGreaterThan(3);
    expect(new Set(h.changes.map((c) => c.change))).toEqual(
      new Set(['opened', 'updated', 'repeated', 'acknowledged', 'resolved']),
    );
    expect(stored).toHaveLength(announced.size);
    for (const alert of stored) expect(alert).toEqual(announced.get(alert.id));
  });
});
