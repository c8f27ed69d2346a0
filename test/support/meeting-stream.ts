/**
 * Realistic webhook bodies about one meeting instance and the people in it: each body is a full
 * realisticEvent of its type, with the meeting's identity and the person's ids made consistent, as
 * Zoom sends them (a rejoin is a new connection with a new participant_uuid and user_id).
 */
import { accountUserId, guid, meetingUuid, realisticEvent, rng } from './realistic-events';

export interface Person {
  name: string;
  /** account user id of a signed-in person ('' for guests, as Zoom sends it) */
  zoomUserId: string;
  email: string;
  participantUuid: string;
  userId: string;
}

type Body = Record<string, unknown> & { payload: { account_id?: string; object: Record<string, unknown> } };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class MeetingStream {
  readonly uuid: string;
  readonly id: string;
  readonly accountId: string;
  readonly hostId: string;
  readonly topic: string;
  private readonly random: () => number;
  private seed: number;

  constructor(
    readonly options: {
      seed: number;
      startedAt: number;
      duration?: number;
      /** Zoom's meeting type (default 2, scheduled) */
      type?: number;
      topic?: string;
      accountId?: string;
    },
  ) {
    this.random = rng(options.seed);
    this.seed = options.seed * 1000;
    this.uuid = meetingUuid(this.random);
    this.id = String(81_000_000_000 + Math.floor(this.random() * 1e9));
    this.accountId = options.accountId ?? accountUserId(this.random);
    this.hostId = accountUserId(this.random);
    this.topic = options.topic ?? 'Quarterly planning — 분기 계획';
  }

  /** A guest, or a signed-in user with { signedIn: true }; `host` signs in as the meeting's host. */
  person(name: string, options: { signedIn?: boolean; host?: boolean; email?: string } = {}): Person {
    const signedIn = options.signedIn || options.host;
    return {
      name,
      zoomUserId: options.host ? this.hostId : signedIn ? accountUserId(this.random) : '',
      email: options.email ?? (signedIn ? `${name.split(' ')[0]!.toLowerCase()}@example.com` : ''),
      participantUuid: guid(this.random),
      userId: String(16_778_240 + Math.floor(this.random() * 200_000) * 1024),
    };
  }

  /** The same person on a new connection (what a rejoin looks like). */
  reconnect(person: Person): Person {
    return {
      ...person,
      participantUuid: guid(this.random),
      userId: String(16_778_240 + Math.floor(this.random() * 200_000) * 1024),
    };
  }

  event(name: string, at: number, object: Record<string, unknown> = {}): Body {
    const body = realisticEvent(name, { seed: this.seed++, at: new Date(at) }) as Body;
    body.payload.account_id = this.accountId;
    const meeting = body.payload.object;
    Object.assign(meeting, {
      uuid: this.uuid,
      id: this.id,
      host_id: this.hostId,
      topic: this.topic,
      start_time: iso(this.options.startedAt),
      duration: this.options.duration ?? 60,
      type: this.options.type ?? 2,
      ...object,
    });
    return body;
  }

  started(at = this.options.startedAt): Body {
    return this.event('meeting.started', at);
  }

  ended(at: number): Body {
    return this.event('meeting.ended', at, { end_time: iso(at) });
  }

  private participantEvent(name: string, person: Person, at: number, extra: Record<string, unknown>): Body {
    const body = this.event(name, at);
    const participant = body.payload.object.participant as Record<string, unknown>;
    for (const key of Object.keys(participant)) {
      if (!['customer_key', 'registrant_id', 'sharing_details', 'new_role', 'old_role'].includes(key)) {
        delete participant[key];
      }
    }
    Object.assign(participant, {
      user_id: person.userId,
      user_name: person.name,
      id: person.zoomUserId,
      participant_user_id: person.zoomUserId,
      participant_uuid: person.participantUuid,
      email: person.email,
      ...extra,
    });
    return body;
  }

  joined(person: Person, at: number): Body {
    return this.participantEvent('meeting.participant_joined', person, at, { join_time: iso(at) });
  }

  left(person: Person, at: number, reason = 'left the meeting'): Body {
    return this.participantEvent('meeting.participant_left', person, at, {
      leave_time: iso(at),
      leave_reason: `${person.name} left the meeting. Reason : ${reason}`,
    });
  }

  /** A move to a breakout room as Zoom reports it: a leave with the reason, and a join of a new segment. */
  movedToBreakout(person: Person, at: number): { bodies: Body[]; moved: Person } {
    const moved = { ...this.reconnect(person), participantUuid: person.participantUuid };
    return { bodies: [this.left(person, at, 'left the meeting to join breakout room'), this.joined(moved, at)], moved };
  }

  joinedWaitingRoom(person: Person, at: number): Body {
    return this.participantEvent('meeting.participant_joined_waiting_room', person, at, { date_time: iso(at) });
  }

  admitted(person: Person, at: number): Body {
    return this.participantEvent('meeting.participant_admitted', person, at, { date_time: iso(at) });
  }

  roleChanged(person: Person, at: number, newRole: string, oldRole = 'attendee'): Body {
    return this.participantEvent('meeting.participant_role_changed', person, at, {
      date_time: iso(at),
      new_role: newRole,
      old_role: oldRole,
    });
  }

  sharing(person: Person, at: number, started: boolean): Body {
    const name = started ? 'meeting.sharing_started' : 'meeting.sharing_ended';
    return this.participantEvent(name, person, at, {
      sharing_details: { content: 'desktop', date_time: iso(at), link_source: '', file_link: '', source: '' },
    });
  }
}
