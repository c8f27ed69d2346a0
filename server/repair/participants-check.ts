/**
 * Layer 1, pure: what one complete look at Zoom's live participants of a meeting says about the
 * people Roomwatch shows. Someone shown present whom Zoom did not list in two consecutive
 * complete checks, and about whom no webhook arrived since the first of them, has left; someone
 * Zoom listed in two consecutive checks whom Roomwatch does not show has joined, where Zoom says.
 * An empty list while people were seen recently is taken for what it is: an unknown.
 */
import type { ParticipantRecord } from '../state/records';
import type { MeetingState } from '../state/reducer';
import type { ZoomParticipant } from './answers';
import { repairedLeave, repairedJoin, type RepairBody } from './corrections';

/** What the previous complete check remembered about a meeting. */
export interface ParticipantsMemory {
  /** shown present but not listed: since which check, and the record then (a newer one means a webhook came) */
  missing: Map<string, { firstMissedAt: number; record: ParticipantRecord }>;
  /** listed but not shown: participant_uuid or user_id, since which check */
  unknown: Map<string, number>;
}

export const emptyParticipantsMemory = (): ParticipantsMemory => ({ missing: new Map(), unknown: new Map() });

/** An empty list is believed only when nothing was heard from anyone in the meeting for this long. */
export const RECENT_MS = 10 * 60_000;

/** Roomwatch's places that Zoom's Dashboard lists: waiting for the host is not in the meeting yet. */
const LISTED_LOCATIONS = new Set(['main', 'breakout', 'waiting']);

export interface ParticipantsVerdict {
  corrections: RepairBody[];
  memory: ParticipantsMemory;
  /** the check was not believed (empty list while people were seen recently) */
  ignored: boolean;
}

function matches(entry: ZoomParticipant, record: ParticipantRecord): boolean {
  if (entry.participant_uuid && entry.participant_uuid === record.key) return true;
  return !!entry.user_id && (record.userIds.includes(entry.user_id) || record.key === `uid:${entry.user_id}`);
}

const identityOf = (entry: ZoomParticipant) => entry.participant_uuid || entry.user_id || null;

function lastHeardOf(state: MeetingState): number {
  let last = 0;
  for (const record of state.participants.values()) {
    if (!record.present) continue;
    for (const fact of record.facts) last = Math.max(last, fact.ts);
  }
  return last;
}

export function checkParticipants(
  state: MeetingState,
  listed: readonly ZoomParticipant[],
  memory: ParticipantsMemory,
  now: number,
): ParticipantsVerdict {
  const inMeeting = listed.filter((entry) => !entry.leave_time);
  const shown = [...state.participants.values()].filter((r) => r.present && LISTED_LOCATIONS.has(r.location ?? ''));
  if (inMeeting.length === 0 && shown.length > 0 && now - lastHeardOf(state) < RECENT_MS) {
    return { corrections: [], memory, ignored: true };
  }
  const next = emptyParticipantsMemory();
  const corrections: RepairBody[] = [];
  for (const record of shown) {
    if (inMeeting.some((entry) => matches(entry, record))) continue;
    const before = memory.missing.get(record.key);
    if (before && before.record === record) {
      corrections.push(repairedLeave(state.meeting, record, before.firstMissedAt, now));
    } else next.missing.set(record.key, { firstMissedAt: now, record });
  }
  const all = [...state.participants.values()];
  for (const entry of inMeeting) {
    const identity = identityOf(entry);
    if (identity === null) continue;
    const record = all.find((r) => matches(entry, r));
    if (record?.present) continue;
    const since = memory.unknown.get(identity);
    if (since === undefined) next.unknown.set(identity, now);
    else {
      const join = repairedJoin(state.meeting, record, entry, now);
      if (join) corrections.push(join);
    }
  }
  return { corrections, memory: next, ignored: false };
}
