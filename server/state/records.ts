/**
 * What the reducer keeps per meeting. Records are plain JSON (persisted as-is in SQLite) and every
 * derived field is a function of the set of events applied, never of their order: that is what lets
 * a shuffled, duplicated delivery converge to the state of the ordered one.
 */
import type { Location, MeetingKind } from '../../shared/state';

/** A value with the (time, event id) that set it: the newest write wins, the id breaks ties. */
export interface Stamped<T> {
  value: T;
  ts: number;
  id: string;
}

export type PresenceScope = 'meeting' | 'main' | 'breakout' | 'waiting' | 'jbh';

/** One join or leave of a participant connection, as the reducer remembers it. */
export interface PresenceFact {
  /** the event's dedup key */
  id: string;
  kind: 'join' | 'leave';
  /** what a leave ends; for a join, the scope of the location it enters */
  scope: PresenceScope;
  /** joins: where they enter */
  location: Location | null;
  roomUuid: string | null;
  /** Zoom's meeting user_id of this connection segment (changes on every move and rejoin) */
  userId: string | null;
  /** the participant-level time (join_time, leave_time, date_time) or else event_ts, in whole seconds */
  t: number;
  /** event_ts in ms */
  ts: number;
  /** joins: breakout-room events outrank plain joins when both describe one move */
  rank: number;
  /** plain participant_joined: the location may be corrected by a move hint of a nearby leave */
  plain: boolean;
  /** leaves: the move announced by Zoom's leave_reason */
  hint: 'to_breakout' | 'to_main' | null;
  /** ms of the participant-level time, for joinedAt */
  at: number;
}

export interface ParticipantRecord {
  key: string;
  name: Stamped<string> | null;
  email: Stamped<string> | null;
  phone: Stamped<string> | null;
  /** the account user id (participant_user_id / id) when they signed in */
  zoomUserId: Stamped<string> | null;
  /** every meeting user_id seen for this connection, and parent_user_id of breakout events */
  userIds: string[];
  facts: PresenceFact[];
  role: Stamped<string> | null;
  firstSeenAt: number;
  // derived
  present: boolean;
  location: Location | null;
  breakoutRoomUuid: string | null;
  joinedAt: number | null;
  currentUserId: string | null;
  /** first join ever seen of this connection (ms) */
  firstJoinedAt: number | null;
  /** the last role_changed, else host when they are the meeting's host user, else attendee */
  effectiveRole: string;
}

export interface ShareRecord {
  /** `${userId}|${roomUuid ?? ''}`: one register per connection segment and room */
  id: string;
  userId: string;
  roomUuid: string | null;
  /** the newest sharing_started and sharing_ended: the newer wins, a start on a tie */
  start: Stamped<{ content: string; at: number }> | null;
  end: Stamped<null> | null;
  name: Stamped<string> | null;
  // derived
  participantKey: string | null;
  active: boolean;
}

export interface RoomRecord {
  firstSeenAt: number;
  count: number;
}

export interface MeetingInfo {
  id: string;
  topic: string;
  hostId: string;
  type: number;
  duration: number;
  timezone: string;
  startTime: string;
}

export interface MeetingRecord {
  uuid: string;
  accountId: string;
  info: { [K in keyof MeetingInfo]?: Stamped<MeetingInfo[K]> };
  sawWebinarEvent: boolean;
  converted: Stamped<MeetingKind> | null;
  firstEventTs: number;
  lastEventTs: number;
  /** earliest meeting.started / webinar.started */
  started: { ts: number; startTime: string | null } | null;
  /** earliest meeting.ended / webinar.ended: closes everything, and nothing reopens after it */
  ended: { ts: number; endTime: string | null } | null;
  recording: Stamped<'on' | 'off' | 'paused'> | null;
  liveStreaming: Stamped<boolean> | null;
  // derived
  counts: { main: number; breakout: number; waiting: number };
  /** named breakout rooms, by uuid */
  rooms: Record<string, RoomRecord>;
  /** people moved to a breakout room that Zoom did not name (a move seen only as a leave reason) */
  unnamedRoomCount: number;
}
