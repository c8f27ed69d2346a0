/**
 * What Zoom's Dashboard API would answer, read from the simulator's world: the meetings running
 * and everyone really in them. Unlike the webhooks, it knows who dropped without a leave event
 * (they are gone) and which meetings ended whatever was delivered.
 */
import type { SimMeeting, SimParticipant } from '../simulator';

export interface FakeParticipant {
  id: string;
  user_id: string;
  participant_uuid: string;
  user_name: string;
  email: string;
  join_time: string;
  status: 'in_meeting' | 'in_waiting_room';
  bo_mtg_id?: string;
}

export interface FakeMeeting {
  uuid: string;
  id: string;
  topic: string;
  host: string;
  email: string;
  start_time: string;
  participants: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Zoom's Dashboard lists people in the meeting, its breakout rooms and its waiting room; not those waiting for the host. */
function listed(p: SimParticipant): boolean {
  return p.active && (p.location === 'main' || p.location === 'breakout' || p.location === 'waiting');
}

export class ZoomTruth {
  /** when each connection was first seen listed: Zoom's join_time, as near as the world tells */
  private readonly firstSeen = new Map<string, number>();

  constructor(
    private readonly meetings: () => readonly SimMeeting[],
    private readonly now: () => number,
  ) {}

  /** the account's live meetings, or its live webinars (Zoom's Dashboard lists them apart) */
  liveMeetings(accountId: string, kind: 'meeting' | 'webinar' = 'meeting'): FakeMeeting[] {
    return this.meetings()
      .filter((m) => m.status === 'live' && m.facts.accountId === accountId && m.kind === kind)
      .map((m) => ({
        uuid: m.facts.uuid,
        id: m.facts.id,
        topic: m.facts.topic,
        host: m.hostIdentity.name,
        email: m.facts.hostEmail,
        start_time: m.facts.startTime,
        participants: m.participants.filter(listed).length,
      }));
  }

  /** the live meeting (or webinar) by instance UUID or number, of this account */
  meeting(accountId: string, idOrUuid: string, kind: 'meeting' | 'webinar' = 'meeting'): SimMeeting | undefined {
    return this.meetings().find(
      (m) =>
        m.status === 'live' &&
        m.facts.accountId === accountId &&
        m.kind === kind &&
        (m.facts.uuid === idOrUuid || m.facts.id === idOrUuid),
    );
  }

  participants(meeting: SimMeeting): FakeParticipant[] {
    return meeting.participants.filter(listed).map((p) => {
      const seen = this.firstSeen.get(p.participantUuid!) ?? this.now();
      this.firstSeen.set(p.participantUuid!, seen);
      return {
        id: p.identity.zoomUserId ?? '',
        user_id: p.userId!,
        participant_uuid: p.participantUuid!,
        user_name: p.name,
        email: p.identity.email ?? '',
        join_time: iso(seen),
        status: p.location === 'waiting' ? 'in_waiting_room' : 'in_meeting',
        ...(p.location === 'breakout' && p.room ? { bo_mtg_id: p.room.uuid } : {}),
      };
    });
  }
}
