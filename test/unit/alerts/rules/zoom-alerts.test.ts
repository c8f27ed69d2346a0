import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream } from '../../../support/meeting-stream';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe("Zoom's own alerts", () => {
  it('raises one quality alert per reported issue, including issues the spec does not list', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 1, startedAt: h.clock.now(), topic: '주간 회의 — weekly sync' });
    h.deliver(
      m.started(),
      m.event('meeting.alert', h.clock.now() + MINUTE, {
        issues: ['Unstable audio quality', 'High CPU occupation', 'Unstable audio quality', 'Packet loss storm'],
      }),
    );
    const alerts = h.alerts('open');
    expect(alerts.map((a) => [a.kind, a.subject, a.severity]).sort()).toEqual([
      ['quality_issue', 'High CPU occupation', 'warning'],
      ['quality_issue', 'Packet loss storm', 'warning'],
      ['quality_issue', 'Unstable audio quality', 'warning'],
    ]);
    const audio = alerts.find((a) => a.subject === 'Unstable audio quality')!;
    expect(audio).toMatchObject({
      meetingUuid: m.uuid,
      meetingTopic: '주간 회의 — weekly sync',
      accountId: m.accountId,
      title: 'Unstable audio quality',
      count: 1,
      status: 'open',
      details: { issue: 'Unstable audio quality' },
    });
  });

  it('raises webinar quality alerts the same way', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 2, startedAt: h.clock.now() });
    h.deliver(
      m.event('webinar.started', h.clock.now()),
      m.event('webinar.alert', h.clock.now(), { issues: ['Call Reconnection'] }),
    );
    expect(h.alerts('open').map((a) => a.title)).toEqual(['Call Reconnection']);
  });

  it('raises a critical at-risk alert with the post and the recommended settings, even for a meeting never seen', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 3, startedAt: h.clock.now() + 60 * MINUTE, topic: 'All hands 🎉' });
    h.deliver(
      m.event('meeting.risk_alert', h.clock.now(), {
        host_email: 'ana.lima@example.com',
        armn_details: {
          post_platform: 'Reddit',
          social_link: 'https://www.reddit.com/r/zoom/comments/1x2y3z/join_this/',
          post_time: '2026-11-24T08:41:00Z',
          post_user: 'u/raid_master',
          meeting_url: 'https://example.zoom.us/j/81234567890?pwd=x7Kq2',
          recommended_enable_settings: ['enableWaitingRoom', 'enablePassword'],
          recommended_disable_settings: ['enableScreenShare', 'enableAnnotation'],
        },
      }),
    );
    const [alert] = h.alerts('open');
    expect(alert).toMatchObject({
      kind: 'at_risk_meeting',
      severity: 'critical',
      meetingTopic: 'All hands 🎉',
      subject: 'https://www.reddit.com/r/zoom/comments/1x2y3z/join_this/',
      title: 'Meeting link posted on Reddit',
      details: {
        postPlatform: 'Reddit',
        postUser: 'u/raid_master',
        postTime: '2026-11-24T08:41:00Z',
        hostEmail: 'ana.lima@example.com',
        meetingUrl: 'https://example.zoom.us/j/81234567890?pwd=x7Kq2',
        recommendedEnableSettings: ['enableWaitingRoom', 'enablePassword'],
        recommendedDisableSettings: ['enableScreenShare', 'enableAnnotation'],
      },
    });
    expect(alert!.summary).toContain('enabling: waiting room, passcode; disabling: screen share, annotation');
  });

  it('keeps a recording alert open while the recording runs or is paused, and resolves it when it stops', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 4, startedAt: h.clock.now() });
    const t = h.clock.now();
    h.deliver(m.started(), m.event('recording.started', t + MINUTE));
    expect(h.alerts('open').map((a) => [a.kind, a.severity, a.title])).toEqual([
      ['recording_started', 'info', 'Recording'],
    ]);
    h.deliver(m.event('recording.paused', t + 2 * MINUTE));
    expect(h.alerts('open').map((a) => [a.title, a.details])).toEqual([['Recording paused', { paused: true }]]);
    expect(h.changes.at(-1)!.change).toBe('updated');
    h.deliver(m.event('recording.stopped', t + 3 * MINUTE));
    expect(h.alerts('open')).toEqual([]);
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'recording_started', resolvedReason: 'cleared' }]);
  });

  it('raises live streaming while it lasts and a conversion to a webinar once', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 5, startedAt: h.clock.now() });
    const t = h.clock.now();
    h.deliver(
      m.started(),
      m.event('meeting.live_streaming_started', t + MINUTE),
      m.event('meeting.converted_to_webinar', t + 2 * MINUTE),
    );
    expect(
      h
        .alerts('open')
        .map((a) => [a.kind, a.severity])
        .sort(),
    ).toEqual([
      ['converted_to_webinar', 'info'],
      ['live_streaming_started', 'info'],
    ]);
    const streaming = h.alerts('open').find((a) => a.kind === 'live_streaming_started')!;
    expect(streaming.details).toEqual({ since: new Date(t + MINUTE).toISOString() });
    h.deliver(m.event('meeting.live_streaming_stopped', t + 5 * MINUTE));
    expect(h.alerts('open').map((a) => a.kind)).toEqual(['converted_to_webinar']);
  });
});
