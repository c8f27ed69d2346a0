/**
 * What the live state should be once every delivery so far has been applied: the simulator knows
 * where everyone it controls is. "Should" as far as the webhooks tell: someone who dropped without
 * a leave event is still present, exactly as a correct server must still show them.
 */
import type { Location, MeetingCounts } from '../../../shared/state';
import type { SimMeeting } from './meeting';

export interface ExpectedParticipant {
  /** null while waiting for the host: Zoom gives no participant_uuid then */
  participantUuid: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  role: string;
  location: Location;
  breakoutRoomUuid: string | null;
  /** gone without any leave event: still present as far as the webhooks tell */
  droppedWithoutLeave: boolean;
}

export interface ExpectedShare {
  participantUuid: string;
  content: string;
  breakoutRoomUuid: string | null;
}

export interface ExpectedMeeting {
  uuid: string;
  id: string;
  kind: 'meeting' | 'webinar';
  topic: string;
  hostId: string;
  accountId: string;
  status: 'live' | 'ended';
  recording: boolean;
  recordingPaused: boolean;
  liveStreaming: boolean;
  counts: MeetingCounts;
  participants: ExpectedParticipant[];
  sharing: ExpectedShare[];
}

/** every meeting the webhooks told the server about, in creation order */
export function expectedState(meetings: readonly SimMeeting[]): ExpectedMeeting[] {
  return meetings.filter((m) => m.emitted).map(expectedMeeting);
}

function expectedMeeting(meeting: SimMeeting): ExpectedMeeting {
  const { facts } = meeting;
  const present = meeting.present;
  const counts: MeetingCounts = { main: 0, breakout: 0, waiting: 0 };
  for (const p of present) {
    if (p.location === 'main') counts.main++;
    else if (p.location === 'breakout') counts.breakout++;
    else counts.waiting++;
  }
  return {
    uuid: facts.uuid,
    id: facts.id,
    kind: facts.kind,
    topic: facts.topic,
    hostId: facts.hostId,
    accountId: facts.accountId,
    status: meeting.status === 'ended' ? 'ended' : 'live',
    recording: meeting.recording === 'on',
    recordingPaused: meeting.recording === 'paused',
    liveStreaming: meeting.liveStreaming !== null,
    counts,
    participants: present.map((p) => ({
      participantUuid: p.participantUuid,
      name: p.name,
      email: p.identity.email,
      phone: p.identity.phone,
      role: p.role,
      location: p.location!,
      // a room Zoom never named in a breakout room event is one the server cannot name either
      breakoutRoomUuid: p.roomAnnounced ? (p.room?.uuid ?? null) : null,
      droppedWithoutLeave: p.droppedWithoutLeave,
    })),
    sharing: present
      .filter((p) => p.sharing !== null)
      .map((p) => ({
        participantUuid: p.participantUuid!,
        content: p.sharing!,
        breakoutRoomUuid: p.room?.uuid ?? null,
      })),
  };
}
