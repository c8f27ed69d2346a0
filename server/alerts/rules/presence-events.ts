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

/**
 * The connection this event brought into the meeting, when it is its first join: moves between
 * the main room, breakout rooms and the waiting room are joins of a connection already there, and
 * a rejoin is a new connection (Zoom gives it a new participant_uuid).
 */
export function arrivalOf(event: AppliedEvent): ParticipantRecord | null {
  if (!ARRIVALS.has(event.name)) return null;
  for (const op of event.ops) {
    if (op.type !== 'participant') continue;
    const joins = op.record.facts.filter((fact) => fact.kind === 'join');
    if (joins.length === 1 && joins[0]!.ts === event.eventTs) return op.record;
  }
  return null;
}

/** True when someone left the meeting itself: not a move between rooms, not the host ending it for all. */
export function isDeparture(event: AppliedEvent): boolean {
  if (!DEPARTURES.has(event.name)) return false;
  const participant = (event.body as { payload?: { object?: { participant?: { leave_reason?: unknown } } } }).payload
    ?.object?.participant;
  const reason = typeof participant?.leave_reason === 'string' ? participant.leave_reason : null;
  return leaveOfReason(reason).scope === 'meeting' && !/host ended the meeting/i.test(reason ?? '');
}

/** The same person across connections: account user id, else email, else name (case-insensitive). */
export function personOf(record: ParticipantRecord): string | null {
  if (record.zoomUserId) return `user:${record.zoomUserId.value}`;
  if (record.email) return `email:${record.email.value.trim().toLowerCase()}`;
  if (record.name) return `name:${record.name.value.trim().toLowerCase()}`;
  return null;
}
