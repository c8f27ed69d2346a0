/** Realistic summaries, participants and alerts for the dashboard's unit tests. */
import type { AlertView } from '../../shared/alerts';
import type { MeetingSummary, ParticipantView } from '../../shared/state';

export function summary(uuid: string, topic: string, extra: Partial<MeetingSummary> = {}): MeetingSummary {
  return {
    uuid,
    id: '85746065432',
    topic,
    kind: 'meeting',
    hostId: 'z8yBXksmRfaKhg0LQ3tPiw',
    hostName: 'Ana Lima',
    accountId: 'ZqK3bW9xTfa4LmN0pRs2Vg',
    status: 'live',
    startedAt: '2026-11-24T09:00:00Z',
    endedAt: null,
    scheduledDuration: 60,
    recording: false,
    recordingPaused: false,
    liveStreaming: false,
    counts: { main: 3, breakout: 0, waiting: 0 },
    sharing: [],
    lastEventAt: '2026-11-24T09:05:00.000Z',
    ...extra,
  };
}

export function person(key: string, name: string, extra: Partial<ParticipantView> = {}): ParticipantView {
  return {
    key,
    name,
    email: null,
    role: 'attendee',
    location: 'main',
    breakoutRoomUuid: null,
    joinedAt: '2026-11-24T09:01:00.000Z',
    firstJoinedAt: '2026-11-24T09:01:00.000Z',
    phone: null,
    device: 'computer',
    userId: '16778240',
    ...extra,
  };
}

export function qualityAlert(id: number, meetingUuid: string, extra: Partial<AlertView> = {}): AlertView {
  return {
    id,
    meetingUuid,
    meetingTopic: 'Quarterly planning 분기 계획',
    accountId: 'ZqK3bW9xTfa4LmN0pRs2Vg',
    kind: 'quality_issue',
    details: { issue: 'Unstable audio quality' },
    severity: 'warning',
    subject: 'Unstable audio quality',
    title: 'Unstable audio quality',
    summary: 'Zoom reported "Unstable audio quality" in this meeting.',
    status: 'open',
    firstSeenAt: '2026-11-24T09:10:00.000Z',
    lastSeenAt: '2026-11-24T09:10:00.000Z',
    count: 1,
    flapping: false,
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgedNote: null,
    snooze: null,
    resolvedAt: null,
    resolvedReason: null,
    ...extra,
  } as AlertView;
}
