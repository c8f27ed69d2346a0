/**
 * Turns a validated Zoom webhook into what the reducer needs: which meeting instance, what it means
 * for live state, and who it is about. All the spec's identity traps are resolved here:
 * - the meeting number arrives as a string or an int64 (already a string after validation);
 * - `participant_uuid` names a connection for the whole instance, breakout rooms included;
 *   `user_id` names one connection segment and changes on every move and rejoin; breakout events
 *   add `parent_user_id` (the main-room user_id); `id` / `participant_user_id` are the account
 *   user id of signed-in people (empty for guests).
 */
import { isOwnEventName, type OwnEvent, type OwnEventName } from '../../shared/repair/events';
import type { Location, MeetingKind } from '../../shared/state';
import type { ZoomEvent, ZoomEventName } from '../../shared/zoom/events.generated';
import type { MeetingInfo, PresenceScope } from './records';

export interface PersonRef {
  participantUuid: string | null;
  userId: string | null;
  parentUserId: string | null;
  zoomUserId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface PresenceChange {
  kind: 'join' | 'leave';
  scope: PresenceScope;
  location: Location | null;
  roomUuid: string | null;
  rank: number;
  plain: boolean;
  hint: 'to_breakout' | 'to_main' | null;
  /** participant-level time in ms, when Zoom gave one */
  time: number | null;
}

export type Effect =
  | { type: 'started'; startTime: string | null }
  | { type: 'ended'; endTime: string | null }
  | { type: 'presence'; person: PersonRef; change: PresenceChange }
  | { type: 'role'; person: PersonRef; role: string; time: number | null }
  | {
      type: 'share';
      person: PersonRef;
      started: boolean;
      content: string;
      roomUuid: string | null;
      time: number | null;
    }
  | { type: 'recording'; state: 'on' | 'off' | 'paused' }
  | { type: 'live_streaming'; on: boolean }
  | { type: 'converted'; kind: MeetingKind }
  /** an in-meeting event with no state of its own: it proves the meeting is running */
  | { type: 'touch' };

export interface ReducerEvent {
  /** dedup key: unique per event, and the final tie-breaker of every ordering */
  id: string;
  name: string;
  ts: number;
  meeting: {
    uuid: string;
    accountId: string;
    kind: MeetingKind | null;
    info: Partial<MeetingInfo>;
  };
  effect: Effect;
}

type Loose = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const time = (v: unknown): number | null => {
  const s = text(v);
  if (s === null) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
};

function person(p: Loose): PersonRef {
  return {
    participantUuid: text(p.participant_uuid),
    userId: text(p.user_id),
    parentUserId: text(p.parent_user_id),
    zoomUserId: text(p.participant_user_id) ?? text(p.id),
    name: text(p.user_name),
    email: text(p.email),
    phone: text(p.phone_number),
  };
}

const join = (location: Location, rank: number, plain = false) => ({ kind: 'join' as const, location, rank, plain });
const leave = (scope: PresenceScope) => ({ kind: 'leave' as const, scope });

/** The move a participant_left announces through its leave_reason. */
export function leaveOfReason(reason: string | null): Pick<PresenceChange, 'scope' | 'hint'> {
  const r = (reason ?? '').toLowerCase();
  if (r.includes('to join breakout room')) return { scope: 'main', hint: 'to_breakout' };
  if (r.includes('leave breakout room to join main')) return { scope: 'breakout', hint: 'to_main' };
  if (r.includes('waiting room')) return { scope: 'waiting', hint: null };
  return { scope: 'meeting', hint: null };
}

type PresenceRule = ReturnType<typeof join> | ReturnType<typeof leave> | { kind: 'leave_by_reason' };

const PRESENCE: Partial<Record<ZoomEventName, PresenceRule>> = {
  'meeting.participant_joined': join('main', 1, true),
  'webinar.participant_joined': join('main', 1),
  // below the participant_joined that comes with it, whose user_id (new after the waiting room) is the segment's
  'meeting.participant_admitted': join('main', 0),
  'meeting.participant_joined_breakout_room': join('breakout', 2),
  'meeting.participant_joined_waiting_room': join('waiting', 1),
  'meeting.participant_put_in_waiting_room': join('waiting', 1),
  'meeting.participant_jbh_waiting': join('jbh_waiting', 1),
  'meeting.participant_left': { kind: 'leave_by_reason' },
  'webinar.participant_left': { kind: 'leave_by_reason' },
  'meeting.participant_left_breakout_room': leave('breakout'),
  'meeting.participant_left_waiting_room': leave('waiting'),
  'meeting.participant_jbh_waiting_left': leave('jbh'),
  // joined before the host: from here the person is tracked by participant_joined
  'meeting.participant_jbh_joined': leave('jbh'),
};

const MEETING_EFFECTS: Partial<Record<ZoomEventName, Effect>> = {
  'recording.started': { type: 'recording', state: 'on' },
  'recording.resumed': { type: 'recording', state: 'on' },
  'recording.paused': { type: 'recording', state: 'paused' },
  'recording.stopped': { type: 'recording', state: 'off' },
  'meeting.live_streaming_started': { type: 'live_streaming', on: true },
  'meeting.live_streaming_stopped': { type: 'live_streaming', on: false },
  'meeting.converted_to_webinar': { type: 'converted', kind: 'webinar' },
  'webinar.converted_to_meeting': { type: 'converted', kind: 'meeting' },
};

/** Events that happen inside a running meeting: they may create it when its start was missed. */
const IN_MEETING = new Set<ZoomEventName>([
  'meeting.alert',
  'webinar.alert',
  'meeting.chat_message_sent',
  'meeting.chat_message_file_sent',
  'meeting.chat_message_file_downloaded',
  'webinar.chat_message_sent',
  'webinar.chat_message_file_sent',
  'webinar.chat_message_file_downloaded',
  'meeting.participant_bind',
  'webinar.participant_bind',
  'meeting.participant_phone_callout_ringing',
  'meeting.participant_phone_callout_accepted',
  'meeting.participant_phone_callout_rejected',
  'meeting.participant_phone_callout_missed',
  'meeting.participant_room_system_callout_ringing',
  'meeting.participant_room_system_callout_accepted',
  'meeting.participant_room_system_callout_rejected',
  'meeting.participant_room_system_callout_missed',
  'meeting.participant_room_system_callout_failed',
  'meeting.ai_companion_started',
  'meeting.ai_companion_stopped',
]);

function effectOf(name: ZoomEventName, object: Loose): Effect | null {
  const p = (object.participant ?? {}) as Loose;
  const presence = PRESENCE[name];
  if (presence) {
    const base = person(p);
    const common = {
      roomUuid: text(object.breakout_room_uuid),
      time: time(p.join_time) ?? time(p.leave_time) ?? time(p.date_time),
    };
    let change: PresenceChange;
    if (presence.kind === 'join') {
      const { location, rank, plain } = presence;
      change = { kind: 'join', scope: 'main', location, rank, plain, hint: null, ...common };
    } else if (presence.kind === 'leave') {
      change = { kind: 'leave', scope: presence.scope, location: null, rank: 0, plain: false, hint: null, ...common };
    } else {
      change = {
        kind: 'leave',
        location: null,
        rank: 0,
        plain: false,
        ...leaveOfReason(text(p.leave_reason)),
        ...common,
      };
    }
    return { type: 'presence', person: base, change };
  }
  switch (name) {
    case 'meeting.started':
    case 'webinar.started':
      return { type: 'started', startTime: text(object.start_time) };
    case 'meeting.ended':
    case 'webinar.ended':
      return { type: 'ended', endTime: text(object.end_time) };
    case 'meeting.participant_role_changed':
    case 'webinar.participant_role_changed':
      return { type: 'role', person: person(p), role: text(p.new_role) ?? 'attendee', time: time(p.date_time) };
    case 'meeting.sharing_started':
    case 'meeting.sharing_ended':
    case 'webinar.sharing_started':
    case 'webinar.sharing_ended':
    case 'meeting.breakout_room_sharing_started':
    case 'meeting.breakout_room_sharing_ended': {
      const details = (p.sharing_details ?? {}) as Loose;
      return {
        type: 'share',
        person: person(p),
        started: name.endsWith('_started'),
        content: text(details.content) ?? 'unknown',
        roomUuid: text(object.breakout_room_uuid),
        time: time(details.date_time),
      };
    }
  }
  const fixed = MEETING_EFFECTS[name];
  if (fixed) return fixed;
  if (IN_MEETING.has(name)) return { type: 'touch' };
  return null;
}

/**
 * Repairs (Roomwatch's own events) say what Zoom's API showed: a leave ends every location at the
 * first check that no longer listed the person, so a later real rejoin reopens and a late real
 * leave changes nothing; a join enters where Zoom listed them.
 */
function ownEffectOf(name: OwnEventName, object: Loose): Effect {
  const p = (object.participant ?? {}) as Loose;
  switch (name) {
    case 'roomwatch.repair.participant_left':
      return {
        type: 'presence',
        person: person(p),
        change: {
          kind: 'leave',
          scope: 'meeting',
          location: null,
          roomUuid: null,
          rank: 0,
          plain: false,
          hint: null,
          time: time(p.leave_time),
        },
      };
    case 'roomwatch.repair.participant_joined': {
      const location = (text(p.location) ?? 'main') as Location;
      return {
        type: 'presence',
        person: person(p),
        change: {
          kind: 'join',
          scope: 'main',
          location,
          roomUuid: location === 'breakout' ? text(p.breakout_room_uuid) : null,
          rank: 1,
          plain: false,
          hint: null,
          time: time(p.join_time),
        },
      };
    }
    case 'roomwatch.repair.meeting_ended':
      return { type: 'ended', endTime: null };
    case 'roomwatch.repair.meeting_started':
      return { type: 'started', startTime: text(object.start_time) };
  }
}

function infoOf(object: Loose): Partial<MeetingInfo> {
  const info: Partial<MeetingInfo> = {};
  const id = text(object.id);
  if (id) info.id = id;
  const topic = text(object.topic);
  if (topic) info.topic = topic;
  const hostId = text(object.host_id);
  if (hostId) info.hostId = hostId;
  if (typeof object.type === 'number') info.type = object.type;
  if (typeof object.duration === 'number') info.duration = object.duration;
  const timezone = text(object.timezone);
  if (timezone) info.timezone = timezone;
  const startTime = text(object.start_time);
  if (startTime) info.startTime = startTime;
  return info;
}

/** The meeting instance an event belongs to, for the event log (also for events without live effect). */
export function meetingUuidOf(body: unknown): string | null {
  const object = ((body as Loose | null)?.payload as Loose | undefined)?.object as Loose | undefined;
  return text(object?.uuid) ?? text(object?.meeting_uuid);
}

/**
 * null when the event does not concern a running meeting: scheduling, recordings afterwards, TSP, and
 * events about an instance that may be over or not yet started (risk alerts, feedback, device tests,
 * invitations), which stay in the timeline and move no state, so their delivery order cannot matter.
 */
export function normalize(event: ZoomEvent | OwnEvent, id: string): ReducerEvent | null {
  const payload = event.payload as Loose;
  const object = (payload.object ?? {}) as Loose;
  const uuid = text(object.uuid);
  if (uuid === null) return null;
  const effect = isOwnEventName(event.event) ? ownEffectOf(event.event, object) : effectOf(event.event, object);
  if (effect === null) return null;
  const prefix = isOwnEventName(event.event) ? text(object.kind) : event.event.split('.')[0];
  return {
    id,
    name: event.event,
    ts: event.event_ts,
    meeting: {
      uuid,
      accountId: text(payload.account_id) ?? '',
      kind: prefix === 'webinar' ? 'webinar' : prefix === 'meeting' ? 'meeting' : null,
      info: infoOf(object),
    },
    effect,
  };
}
