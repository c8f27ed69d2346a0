/**
 * A seeded, randomized stream of realistic Zoom webhooks over several accounts and meetings: meetings
 * start and end; people join, leave, wait in the waiting room, get admitted, move to breakout rooms
 * and back, share their screen and change role; recordings start and stop. Bodies are built with
 * realisticEvent, so every field the spec lists is there, with the identities kept consistent.
 */
import {
  NAMES,
  accountUserId,
  guid,
  meetingUuid,
  realisticEvent,
  rng,
  type RealisticOptions,
} from './realistic-events';

type Body = Record<string, unknown>;

/** A realistic body of the event about one meeting instance; `object` overrides fields of payload.object. */
export function eventAbout(
  event: string,
  meeting: { accountId: string; uuid: string },
  options: RealisticOptions = {},
  object: Body = {},
): Body {
  const body = realisticEvent(event, options);
  const payload = body.payload as Body;
  payload.account_id = meeting.accountId;
  payload.object = { ...(payload.object as Body), uuid: meeting.uuid, ...object };
  return body;
}

interface Person {
  participantUuid: string;
  /** Zoom's meeting user_id of the current connection segment; a move or rejoin gives a new one */
  userId: string;
  name: string;
  location: 'main' | 'breakout' | 'waiting';
  room: string | null;
  sharing: boolean;
}

interface Meeting {
  uuid: string;
  id: string;
  accountId: string;
  hostId: string;
  topic: string;
  people: Map<string, Person>;
  rooms: string[];
  recording: boolean;
}

export interface TrafficOptions {
  seed: number;
  accountIds: readonly string[];
  /** meetings running at once */
  concurrentMeetings?: number;
  /** time of the first event (ms) */
  start?: number;
  /** spacing of events (ms) */
  stepMs?: number;
}

const TOPICS = ['Quarterly planning — 분기 계획', 'Standup équipe', 'Design review 🎨', '営業定例', 'All hands'];

export class MeetingTraffic {
  private readonly random: () => number;
  private readonly running: Meeting[] = [];
  /** the second half of a move */
  private readonly queue: Body[] = [];
  private time: number;
  private count = 0;

  constructor(private readonly options: TrafficOptions) {
    this.random = rng(options.seed);
    this.time = options.start ?? Date.now() - 3_600_000;
  }

  /** The next webhook body. */
  next(): Body {
    this.count++;
    this.time += this.options.stepMs ?? 200;
    const queued = this.queue.shift();
    if (queued) return queued;
    if (this.running.length < (this.options.concurrentMeetings ?? 12) && this.chance(0.3)) return this.startMeeting();
    const meeting = this.pick(this.running);
    if (!meeting) return this.startMeeting();
    const people = [...meeting.people.values()];
    const roll = this.random();
    if (roll < 0.001 && people.length > 3) return this.endMeeting(meeting);
    if (roll < 0.3 || people.length === 0) return this.join(meeting);
    const person = this.pick(people)!;
    if (roll < 0.45) return this.leave(meeting, person);
    if (roll < 0.6) return person.location === 'waiting' ? this.admit(meeting, person) : this.move(meeting, person);
    if (roll < 0.75) return this.share(meeting, person);
    if (roll < 0.85)
      return this.meetingEvent(meeting, 'meeting.participant_role_changed', person, {
        new_role: this.pick(['co-host', 'attendee', 'host'])!,
        old_role: 'attendee',
        date_time: this.iso(),
      });
    if (roll < 0.9) return this.toggleRecording(meeting);
    return this.join(meeting);
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.random() * items.length)];
  }

  private iso(): string {
    return new Date(this.time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private userId(): string {
    return String(16_778_240 + Math.floor(this.random() * 2_000_000) * 1024);
  }

  private body(event: string, meeting: Meeting, object: Body): Body {
    const { id, hostId, topic } = meeting;
    return eventAbout(
      event,
      meeting,
      { seed: this.count, at: new Date(this.time) },
      { id, host_id: hostId, topic, ...object },
    );
  }

  private meetingEvent(meeting: Meeting, event: string, person: Person, extra: Body = {}, object: Body = {}): Body {
    const participant = {
      user_id: person.userId,
      user_name: person.name,
      participant_uuid: person.participantUuid,
      email: `${person.participantUuid.slice(0, 8).toLowerCase()}@example.com`,
      ...extra,
    };
    return this.body(event, meeting, { ...object, participant });
  }

  private startMeeting(): Body {
    const meeting: Meeting = {
      uuid: meetingUuid(this.random),
      id: String(80_000_000_000 + Math.floor(this.random() * 9e9)),
      accountId: this.pick(this.options.accountIds)!,
      hostId: accountUserId(this.random),
      topic: this.pick(TOPICS)!,
      people: new Map(),
      rooms: Array.from({ length: 1 + Math.floor(this.random() * 4) }, () => meetingUuid(this.random)),
      recording: false,
    };
    this.running.push(meeting);
    return this.body('meeting.started', meeting, { start_time: this.iso() });
  }

  private endMeeting(meeting: Meeting): Body {
    this.running.splice(this.running.indexOf(meeting), 1);
    return this.body('meeting.ended', meeting, { end_time: this.iso() });
  }

  private join(meeting: Meeting): Body {
    const person: Person = {
      participantUuid: guid(this.random),
      userId: this.userId(),
      name: this.pick(NAMES)!,
      location: this.chance(0.2) ? 'waiting' : 'main',
      room: null,
      sharing: false,
    };
    meeting.people.set(person.participantUuid, person);
    const event =
      person.location === 'waiting' ? 'meeting.participant_joined_waiting_room' : 'meeting.participant_joined';
    return this.meetingEvent(meeting, event, person, { join_time: this.iso() });
  }

  private leave(meeting: Meeting, person: Person): Body {
    meeting.people.delete(person.participantUuid);
    if (person.location === 'waiting') {
      return this.meetingEvent(meeting, 'meeting.participant_left_waiting_room', person, { leave_time: this.iso() });
    }
    if (person.location === 'breakout') {
      return this.meetingEvent(
        meeting,
        'meeting.participant_left_breakout_room',
        person,
        { leave_time: this.iso(), leave_reason: `${person.name} left the meeting. Reason : left the meeting` },
        { breakout_room_uuid: person.room },
      );
    }
    return this.meetingEvent(meeting, 'meeting.participant_left', person, {
      leave_time: this.iso(),
      leave_reason: `${person.name} left the meeting. Reason : left the meeting`,
    });
  }

  private admit(meeting: Meeting, person: Person): Body {
    person.location = 'main';
    person.userId = this.userId();
    return this.meetingEvent(meeting, 'meeting.participant_admitted', person, { date_time: this.iso() });
  }

  /** main -> a breakout room, or back, as Zoom reports it: a leave with its reason, then a join */
  private move(meeting: Meeting, person: Person): Body {
    const from = { ...person };
    person.userId = this.userId();
    const reason = (to: string) => `${person.name} left the meeting. Reason : ${to}`;
    if (from.location === 'main') {
      person.location = 'breakout';
      person.room = this.pick(meeting.rooms)!;
      this.queue.push(
        this.meetingEvent(
          meeting,
          'meeting.participant_joined_breakout_room',
          person,
          { join_time: this.iso(), parent_user_id: from.userId },
          { breakout_room_uuid: person.room },
        ),
      );
      return this.meetingEvent(meeting, 'meeting.participant_left', from, {
        leave_time: this.iso(),
        leave_reason: reason('left the meeting to join breakout room'),
      });
    }
    person.location = 'main';
    person.room = null;
    this.queue.push(this.meetingEvent(meeting, 'meeting.participant_joined', person, { join_time: this.iso() }));
    return this.meetingEvent(
      meeting,
      'meeting.participant_left_breakout_room',
      from,
      { leave_time: this.iso(), leave_reason: reason('leave breakout room to join main meeting') },
      { breakout_room_uuid: from.room },
    );
  }

  private share(meeting: Meeting, person: Person): Body {
    person.sharing = !person.sharing;
    const inRoom = person.location === 'breakout';
    const event = `meeting.${inRoom ? 'breakout_room_' : ''}sharing_${person.sharing ? 'started' : 'ended'}`;
    const details = { content: this.pick(['application', 'desktop', 'whiteboard'])!, date_time: this.iso() };
    return this.meetingEvent(
      meeting,
      event,
      person,
      { sharing_details: details },
      inRoom ? { breakout_room_uuid: person.room } : {},
    );
  }

  private toggleRecording(meeting: Meeting): Body {
    meeting.recording = !meeting.recording;
    const event = meeting.recording ? 'recording.started' : 'recording.stopped';
    return this.body(event, meeting, { recording_start: this.iso() });
  }
}
