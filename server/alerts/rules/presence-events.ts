/** Arrivals and departures of people, read from applied events and the records they produced. */
import type { AppliedEvent } from '../../ingest/ingest';
import { leaveOfReason } from '../../state/normalize';
import type { ParticipantRecord } from '../../state/records';

const ARRIVALS = new Set([
  'meeting.participant_joined',
  'webinar.participant_joined',
  'meeting.participant_joined_waiting_room',
  'meeting.participant_jbh_waiting',
]);

const DEPARTURES = new Set(['meeting.participant_left', 'webinar.participant_left']);

/** The participant record whose fact of this kind this event added (other records may be resettled by it). */
function subjectOf(event: AppliedEvent, kind: 'join' | 'leave'): ParticipantRecord | null {
  for (const op of event.ops) {
    if (op.type === 'participant' && op.record.facts.some((f) => f.kind === kind && f.ts === event.eventTs)) {
      return op.record;
    }
  }
  return null;
}

/**
 * The connection this event brought into the meeting, when it is its first join: moves between
 * the main room, breakout rooms and the waiting room are joins of a connection already there, and
 * a rejoin is a new connection (Zoom gives it a new participant_uuid).
 */
export function arrivalOf(event: AppliedEvent): ParticipantRecord | null {
  if (!ARRIVALS.has(event.name)) return null;
  const record = subjectOf(event, 'join');
  return record && record.facts.filter((fact) => fact.kind === 'join').length === 1 ? record : null;
}

/**
 * The connection that left the meeting itself with this event: not a move between rooms that
 * Zoom announced in the leave reason, not the host ending the meeting for all.
 */
export function departureOf(event: AppliedEvent): ParticipantRecord | null {
  if (!DEPARTURES.has(event.name)) return null;
  const participant = (event.body as { payload?: { object?: { participant?: { leave_reason?: unknown } } } }).payload
    ?.object?.participant;
  const reason = typeof participant?.leave_reason === 'string' ? participant.leave_reason : null;
  if (leaveOfReason(reason).scope !== 'meeting' || /host ended the meeting/i.test(reason ?? '')) return null;
  return subjectOf(event, 'leave');
}

/** The same person across connections: account user id, else email, else name (case-insensitive). */
export function personOf(record: ParticipantRecord): string | null {
  if (record.zoomUserId) return `user:${record.zoomUserId.value}`;
  if (record.email) return `email:${record.email.value.trim().toLowerCase()}`;
  if (record.name) return `name:${record.name.value.trim().toLowerCase()}`;
  return null;
}
