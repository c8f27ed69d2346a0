/** Projections of reducer records onto the shapes the API and the dashboard use (shared/state.ts). */
import { iso } from '../../shared/time';
import type {
  BreakoutRoomView,
  MeetingDetail,
  MeetingKind,
  MeetingStatus,
  MeetingSummary,
  ParticipantView,
  ShareView,
} from '../../shared/state';
import type { MeetingRecord, ParticipantRecord, ShareRecord } from './records';
import type { MeetingState } from './reducer';

export function meetingKind(meeting: MeetingRecord): MeetingKind {
  return meeting.converted?.value ?? (meeting.sawWebinarEvent ? 'webinar' : 'meeting');
}

export function meetingStatus(meeting: MeetingRecord, nowMs: number, staleAfterMs: number): MeetingStatus {
  if (meeting.ended) return 'ended';
  return nowMs - meeting.lastEventTs > staleAfterMs ? 'stale' : 'live';
}

/** "Room 1", "Room 2"... by first use, since webhooks never carry breakout room names. */
export function roomLabels(meeting: MeetingRecord): Map<string, string> {
  const ordered = Object.entries(meeting.rooms).sort(
    ([a, ra], [b, rb]) => ra.firstSeenAt - rb.firstSeenAt || (a < b ? -1 : 1),
  );
  return new Map(ordered.map(([uuid], i) => [uuid, `Room ${i + 1}`]));
}

export function participantView(record: ParticipantRecord): ParticipantView | null {
  if (!record.present || record.location === null) return null;
  const joinedAt = record.joinedAt ?? record.firstSeenAt;
  return {
    key: record.key,
    name: record.name?.value ?? 'Unknown participant',
    email: record.email?.value ?? null,
    role: record.effectiveRole,
    location: record.location,
    breakoutRoomUuid: record.breakoutRoomUuid,
    joinedAt: iso(joinedAt),
    firstJoinedAt: iso(record.firstJoinedAt ?? joinedAt),
    phone: record.phone?.value ?? null,
    device: record.phone ? 'phone' : 'computer',
    userId: record.currentUserId,
  };
}

function shareView(share: ShareRecord, state: MeetingState): ShareView | null {
  if (!share.active || share.participantKey === null) return null;
  const participant = state.participants.get(share.participantKey);
  return {
    participantKey: share.participantKey,
    participantName: participant?.name?.value ?? share.name?.value ?? 'Unknown participant',
    content: share.start?.value.content ?? 'unknown',
    breakoutRoomUuid: share.roomUuid,
    startedAt: iso(share.start?.value.at ?? 0),
  };
}

const byTimeThenKey = <T extends { startedAt?: string; joinedAt?: string }>(a: T, b: T, ka: string, kb: string) =>
  (a.startedAt ?? a.joinedAt ?? '').localeCompare(b.startedAt ?? b.joinedAt ?? '') || ka.localeCompare(kb);

/** The host present in the meeting; with several, the meeting's own host user, else the first by key (order-free). */
function hostName(state: MeetingState): string | null {
  const hostUser = state.meeting.info.hostId?.value;
  let best: ParticipantRecord | null = null;
  for (const record of state.hosts.values()) {
    if (!record.present || record.location === 'waiting') continue;
    const owner = (r: ParticipantRecord) => r.zoomUserId?.value === hostUser;
    if (best === null || (owner(record) && !owner(best)) || (owner(record) === owner(best) && record.key < best.key))
      best = record;
  }
  return best?.name?.value ?? null;
}

export function summaryView(state: MeetingState, status: MeetingStatus): MeetingSummary {
  const m = state.meeting;
  const live = m.ended === null;
  const sharing = [...state.shares.values()]
    .map((s) => shareView(s, state))
    .filter((s): s is ShareView => s !== null)
    .sort((a, b) => byTimeThenKey(a, b, a.participantKey, b.participantKey));
  const startedAt = m.started?.startTime ?? m.info.startTime?.value ?? iso(m.started?.ts ?? m.firstEventTs);
  return {
    uuid: m.uuid,
    id: m.info.id?.value ?? '',
    topic: m.info.topic?.value ?? '',
    kind: meetingKind(m),
    hostId: m.info.hostId?.value ?? '',
    hostName: hostName(state),
    accountId: m.accountId,
    status,
    startedAt,
    endedAt: m.ended ? (m.ended.endTime ?? iso(m.ended.ts)) : null,
    scheduledDuration: m.info.duration?.value ?? null,
    recording: live && m.recording?.value === 'on',
    recordingPaused: live && m.recording?.value === 'paused',
    liveStreaming: live && m.liveStreaming?.value === true,
    counts: { ...m.counts },
    sharing,
    lastEventAt: iso(m.lastEventTs),
  };
}

export function breakoutRoomsView(meeting: MeetingRecord): BreakoutRoomView[] {
  const rooms: BreakoutRoomView[] = [...roomLabels(meeting)].map(([uuid, label]) => ({
    uuid,
    label,
    participantCount: meeting.rooms[uuid]!.count,
  }));
  if (meeting.unnamedRoomCount > 0) {
    rooms.push({ uuid: null, label: 'Unnamed breakout room', participantCount: meeting.unnamedRoomCount });
  }
  return rooms;
}

export function detailView(state: MeetingState, status: MeetingStatus): MeetingDetail {
  const participants = [...state.participants.values()]
    .map(participantView)
    .filter((p): p is ParticipantView => p !== null)
    .sort((a, b) => byTimeThenKey(a, b, a.key, b.key));
  return { ...summaryView(state, status), participants, breakoutRooms: breakoutRoomsView(state.meeting) };
}
