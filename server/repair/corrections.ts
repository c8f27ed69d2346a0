/**
 * The bodies of Roomwatch's own repair events (shared/repair/events.ts), built from what a check
 * of Zoom's API showed. They are logged and reduced like webhooks: see server/state/normalize.ts.
 */
import type { OwnEventName } from '../../shared/repair/events';
import type { MeetingRecord, ParticipantRecord } from '../state/records';
import type { LiveKind, ZoomLiveMeeting, ZoomParticipant } from './answers';

export interface RepairBody {
  event: OwnEventName;
  event_ts: number;
  payload: { account_id: string; object: Record<string, unknown>; evidence: Record<string, unknown> };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Keys the reducer made up (`uid:<user_id>`, `h:<hash>`) are not Zoom's participant_uuid. */
const isParticipantUuid = (key: string) => !key.startsWith('uid:') && !key.startsWith('h:');

/** Facts that repair itself added: their id is the dedup key, which starts with the event name. */
const isRepairFact = (id: string) => id.startsWith('roomwatch.');

function meetingFields(meeting: MeetingRecord): Record<string, unknown> {
  return { uuid: meeting.uuid, id: meeting.info.id?.value ?? null, topic: meeting.info.topic?.value ?? null };
}

export function repairedLeave(
  meeting: MeetingRecord,
  record: ParticipantRecord,
  firstMissedAt: number,
  confirmedAt: number,
): RepairBody {
  const userId = record.key.startsWith('uid:')
    ? record.key.slice(4)
    : (record.currentUserId ?? record.userIds[0] ?? null);
  return {
    event: 'roomwatch.repair.participant_left',
    event_ts: confirmedAt,
    payload: {
      account_id: meeting.accountId,
      object: {
        ...meetingFields(meeting),
        participant: {
          participant_uuid: isParticipantUuid(record.key) ? record.key : null,
          user_id: userId,
          id: record.zoomUserId?.value ?? null,
          user_name: record.name?.value ?? null,
          email: record.email?.value ?? null,
          leave_time: iso(firstMissedAt),
        },
      },
      evidence: { check: 'participants', first_missed_at: iso(firstMissedAt), confirmed_at: iso(confirmedAt) },
    },
  };
}

function locationOf(entry: ZoomParticipant): 'main' | 'breakout' | 'waiting' {
  if (entry.status === 'in_waiting_room') return 'waiting';
  return entry.bo_mtg_id ? 'breakout' : 'main';
}

/**
 * Someone Zoom lists whom Roomwatch does not show. Null when a webhook said they left after Zoom's
 * join_time (Zoom's list lags, the webhook is the truth); after a repair's own leave, they are back
 * from the time of this check.
 */
export function repairedJoin(
  meeting: MeetingRecord,
  record: ParticipantRecord | undefined,
  entry: ZoomParticipant,
  seenAt: number,
): RepairBody | null {
  const listedJoin = entry.join_time ? Date.parse(entry.join_time) : NaN;
  let joinAt = Number.isNaN(listedJoin) ? seenAt : Math.min(listedJoin, seenAt);
  const laterLeaves = (record?.facts ?? []).filter((f) => f.kind === 'leave' && f.at >= joinAt - 1000);
  if (laterLeaves.some((f) => !isRepairFact(f.id))) return null;
  if (laterLeaves.length > 0) joinAt = seenAt;
  const location = locationOf(entry);
  return {
    event: 'roomwatch.repair.participant_joined',
    event_ts: seenAt,
    payload: {
      account_id: meeting.accountId,
      object: {
        ...meetingFields(meeting),
        participant: {
          // the record's own identity, so that the repair lands on it rather than beside it
          participant_uuid: record
            ? isParticipantUuid(record.key)
              ? record.key
              : null
            : (entry.participant_uuid ?? null),
          user_id: entry.user_id ?? null,
          id: entry.id || null,
          user_name: entry.user_name ?? null,
          email: entry.email || null,
          join_time: iso(joinAt),
          location,
          breakout_room_uuid: location === 'breakout' ? (entry.bo_mtg_id ?? null) : null,
        },
      },
      evidence: { check: 'participants', seen_at: iso(seenAt) },
    },
  };
}

export function repairedEnd(meeting: MeetingRecord, firstMissedAt: number, confirmedAt: number): RepairBody {
  return {
    event: 'roomwatch.repair.meeting_ended',
    event_ts: confirmedAt,
    payload: {
      account_id: meeting.accountId,
      object: meetingFields(meeting),
      evidence: { check: 'meetings', first_missed_at: iso(firstMissedAt), confirmed_at: iso(confirmedAt) },
    },
  };
}

export function repairedStart(accountId: string, listed: ZoomLiveMeeting, kind: LiveKind, seenAt: number): RepairBody {
  const start = listed.start_time ? Date.parse(listed.start_time) : NaN;
  return {
    event: 'roomwatch.repair.meeting_started',
    event_ts: seenAt,
    payload: {
      account_id: accountId,
      object: {
        uuid: listed.uuid,
        kind,
        id: listed.id ?? null,
        topic: listed.topic ?? null,
        start_time: Number.isNaN(start) ? null : iso(start),
      },
      evidence: { check: 'meetings', seen_at: iso(seenAt) },
    },
  };
}
