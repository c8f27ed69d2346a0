/** The live picture as the API and the dashboard see it (design.md, "Meeting detail shape"). */

export type MeetingKind = 'meeting' | 'webinar';
export type MeetingStatus = 'live' | 'ended' | 'stale';
export type Location = 'main' | 'breakout' | 'waiting' | 'jbh_waiting';
/** host | co-host | attendee | panelist, or whatever new role Zoom reports */
export type Role = string;
/** phone: joined or bound by telephone (PSTN) */
export type Device = 'computer' | 'phone';

export interface ParticipantView {
  /** stable within the meeting instance: participant_uuid, else user_id, else a hash of id+name */
  key: string;
  name: string;
  email: string | null;
  role: Role;
  location: Location;
  /** null outside breakout rooms, and inside one Zoom did not name (a move seen only as a leave reason) */
  breakoutRoomUuid: string | null;
  /** when they entered their current location (ISO 8601) */
  joinedAt: string;
  /** when this connection first appeared in the meeting (ISO 8601) */
  firstJoinedAt: string;
  phone: string | null;
  device: Device;
  /** Zoom's meeting user_id of the current connection segment */
  userId: string | null;
}

export interface ShareView {
  participantKey: string;
  participantName: string;
  /** application | desktop | whiteboard | airplay | camera | unknown, as Zoom reports it */
  content: string;
  breakoutRoomUuid: string | null;
  startedAt: string;
}

export interface BreakoutRoomView {
  /** null collects people Zoom moved to a breakout room without saying which */
  uuid: string | null;
  /** "Room 1", "Room 2"... in order of first use: Zoom's webhooks never carry room names */
  label: string;
  participantCount: number;
}

export interface MeetingCounts {
  main: number;
  breakout: number;
  /** waiting room plus waiting for the host to join */
  waiting: number;
}

export interface MeetingSummary {
  uuid: string;
  /** meeting number, always a string even when Zoom sent a number */
  id: string;
  topic: string;
  kind: MeetingKind;
  hostId: string;
  /** the name of whoever is host in the meeting now; null while nobody present is */
  hostName: string | null;
  accountId: string;
  status: MeetingStatus;
  startedAt: string | null;
  endedAt: string | null;
  /** scheduled duration in minutes, when Zoom told us */
  scheduledDuration: number | null;
  recording: boolean;
  recordingPaused: boolean;
  liveStreaming: boolean;
  counts: MeetingCounts;
  sharing: ShareView[];
  /** time of the newest event applied to this meeting (ISO 8601) */
  lastEventAt: string;
}

export interface MeetingDetail extends MeetingSummary {
  participants: ParticipantView[];
  breakoutRooms: BreakoutRoomView[];
}
