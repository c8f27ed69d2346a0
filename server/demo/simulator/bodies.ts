/**
 * Webhook bodies shaped as Zoom sends them: the fields of the spec for each event type, filled the
 * way the real captures (test/fixtures/zoom-captures-2026-04.ndjson) fill them: empty strings
 * rather than missing fields for guests, `public_ip` / `private_ip` beside the spec's fields, times
 * with whole seconds, and the meeting number as a string or an int64 depending on the event type.
 */
import type { ZoomEventName } from '../../../shared/zoom/events.generated';

export interface ZoomBody {
  event: ZoomEventName;
  /** ms since epoch */
  event_ts: number;
  payload: { account_id: string; object: Record<string, unknown>; [field: string]: unknown };
}

/** What every event about a meeting instance repeats. */
export interface MeetingFacts {
  uuid: string;
  /** the meeting number */
  id: string;
  kind: 'meeting' | 'webinar';
  topic: string;
  hostId: string;
  hostEmail: string;
  accountId: string;
  /** Zoom's meeting type: 1 instant, 2 scheduled, 3/8 recurring, 4 personal room; webinars 5/9 */
  type: number;
  /** scheduled duration, minutes */
  duration: number;
  timezone: string;
  /** ISO, whole seconds; set when the meeting starts */
  startTime: string;
}

/** One participant connection as the events describe it. */
export interface ConnectionFacts {
  name: string;
  email: string | null;
  zoomUserId: string | null;
  phone: string | null;
  participantUuid: string;
  /** the user_id of the current connection segment */
  userId: string;
  publicIp: string;
  privateIp: string;
}

/** Events whose spec gives the meeting number as an int64 rather than a string. */
const NUMERIC_ID = new Set<ZoomEventName>([
  'meeting.participant_jbh_waiting_left',
  'meeting.converted_to_webinar',
  'meeting.live_streaming_started',
  'meeting.live_streaming_stopped',
  'meeting.risk_alert',
  'recording.started',
  'recording.paused',
  'recording.resumed',
  'recording.stopped',
]);

/** `2026-04-03T17:45:29Z`: Zoom's participant-level times have whole seconds */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function zoomBody(
  event: ZoomEventName,
  eventTs: number,
  meeting: MeetingFacts,
  fields: Record<string, unknown> = {},
  payloadFields: Record<string, unknown> = {},
): ZoomBody {
  const object: Record<string, unknown> = {
    uuid: meeting.uuid,
    id: NUMERIC_ID.has(event) ? Number(meeting.id) : meeting.id,
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: meeting.startTime,
    timezone: meeting.timezone,
  };
  if (event !== 'meeting.risk_alert') object.duration = meeting.duration;
  // the captured meeting.started / meeting.ended lack the host_email the spec requires; webinars follow the spec
  if (event === 'webinar.started' || event === 'webinar.ended') object.host_email = meeting.hostEmail;
  Object.assign(object, fields);
  return { event, event_ts: eventTs, payload: { account_id: meeting.accountId, ...payloadFields, object } };
}

const who = (c: ConnectionFacts) => ({
  user_id: c.userId,
  user_name: c.name,
  id: c.zoomUserId ?? '',
  participant_user_id: c.zoomUserId ?? '',
  email: c.email ?? '',
  participant_uuid: c.participantUuid,
  ...(c.phone ? { phone_number: c.phone } : {}),
});

export function joinedParticipant(c: ConnectionFacts, at: number, parentUserId?: string) {
  return {
    ...who(c),
    join_time: isoSeconds(at),
    public_ip: c.publicIp,
    ...(parentUserId ? { parent_user_id: parentUserId } : {}),
  };
}

export function leftParticipant(c: ConnectionFacts, at: number, reason: string, parentUserId?: string) {
  return {
    ...who(c),
    leave_time: isoSeconds(at),
    leave_reason: reason,
    registrant_id: '',
    public_ip: c.publicIp,
    private_ip: c.privateIp,
    ...(parentUserId ? { parent_user_id: parentUserId } : {}),
  };
}

/** waiting room, admission: Zoom stamps these with date_time */
export function waitingParticipant(c: ConnectionFacts, at: number) {
  return { ...who(c), date_time: isoSeconds(at), registrant_id: '' };
}

export function roleParticipant(c: ConnectionFacts, at: number, oldRole: string, newRole: string) {
  const { user_id, user_name, participant_user_id, email, participant_uuid } = who(c);
  return {
    user_id,
    user_name,
    participant_user_id,
    email,
    participant_uuid,
    registrant_id: '',
    date_time: isoSeconds(at),
    old_role: oldRole,
    new_role: newRole,
  };
}

export function sharingParticipant(c: ConnectionFacts, at: number, content: string, parentUserId?: string) {
  return {
    user_id: c.userId,
    user_name: c.name,
    id: c.zoomUserId ?? '',
    ...(parentUserId ? { parent_user_id: parentUserId } : {}),
    sharing_details: { content, link_source: '', file_link: '', date_time: isoSeconds(at), source: '' },
  };
}

/** before the host arrives Zoom knows only the name (and the account id of signed-in people) */
export function jbhParticipant(name: string, zoomUserId: string | null) {
  return { id: zoomUserId ?? '', user_name: name };
}
