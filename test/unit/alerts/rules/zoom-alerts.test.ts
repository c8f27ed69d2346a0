import { afterEach, describe, expect, it } from 'vitest';
import { AT_ONCE, alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe("Zoom's own alerts", () => {
  it('raises one quality alert per reported issue, including issues the spec does not list', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(1);
    const meeting = story.meeting({ topic: '주간 회의 — weekly sync' });
    story.wait(MINUTE);
    meeting.alert(['Unstable audio quality', 'High CPU occupation', 'Unstable audio quality', 'Packet loss storm']);
    h.play(story.take());
    const alerts = h.alerts('open');
    expect(alerts.map((a) => [a.kind, a.subject, a.severity]).sort()).toEqual([
      ['quality_issue', 'High CPU occupation', 'warning'],
      ['quality_issue', 'Packet loss storm', 'warning'],
      ['quality_issue', 'Unstable audio quality', 'warning'],
    ]);
    const audio = alerts.find((a) => a.subject === 'Unstable audio quality')!;
    expect(audio).toMatchObject({
      meetingUuid: meeting.facts.uuid,
      meetingTopic: '주간 회의 — weekly sync',
      accountId: meeting.facts.accountId,
      title: 'Unstable audio quality',
      count: 1,
      status: 'open',
      details: { issue: 'Unstable audio quality' },
    });
  });

  it('raises webinar quality alerts the same way', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(2);
    story.webinar().alert(['Call Reconnection']);
    const events = story.take();
    expect(events.map((e) => e.body.event)).toEqual(['webinar.started', 'webinar.participant_joined', 'webinar.alert']);
    h.play(events);
    expect(h.alerts('open').map((a) => a.title)).toEqual(['Call Reconnection']);
  });

  it('raises a critical at-risk alert with the post and the recommended settings, even for a meeting never seen', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(3);
    // scheduled for later: nothing about it happened yet
    const meeting = story.meeting({
      hostLate: true,
      topic: 'All hands 🎉',
      host: { name: 'Ana Lima', email: 'ana.lima@example.com' },
    });
    meeting.riskAlert({
      post_platform: 'Reddit',
      social_link: 'https://www.reddit.com/r/zoom/comments/1x2y3z/join_this/',
      post_time: '2026-11-24T08:41:00Z',
      post_user: 'u/raid_master',
      meeting_url: 'https://example.zoom.us/j/81234567890?pwd=x7Kq2',
      recommended_enable_settings: ['enableWaitingRoom', 'enablePassword'],
      recommended_disable_settings: ['enableScreenShare', 'enableAnnotation'],
    });
    const events = story.take();
    expect(events.map((e) => e.body.event)).toEqual(['meeting.risk_alert']);
    h.play(events);
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
    h = alertHarness(AT_ONCE);
    const story = h.story(4);
    const meeting = story.meeting();
    story.wait(MINUTE);
    meeting.startRecording();
    h.play(story.take());
    expect(h.alerts('open').map((a) => [a.kind, a.severity, a.title])).toEqual([
      ['recording_started', 'info', 'Recording'],
    ]);
    story.wait(MINUTE);
    meeting.pauseRecording();
    h.play(story.take());
    expect(h.alerts('open').map((a) => [a.title, a.details])).toEqual([['Recording paused', { paused: true }]]);
    expect(h.changes.at(-1)!.change).toBe('updated');
    story.wait(MINUTE);
    meeting.stopRecording();
    h.play(story.take());
    expect(h.alerts('open')).toEqual([]);
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'recording_started', resolvedReason: 'cleared' }]);
  });

  it('raises live streaming while it lasts and a conversion to a webinar once', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(5);
    const t = story.now;
    const meeting = story.meeting();
    story.wait(MINUTE);
    meeting.startLiveStreaming();
    story.wait(MINUTE);
    meeting.convertToWebinar();
    h.play(story.take());
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
    story.wait(3 * MINUTE);
    meeting.stopLiveStreaming();
    h.play(story.take());
    expect(h.alerts('open').map((a) => a.kind)).toEqual(['converted_to_webinar']);
  });
});
