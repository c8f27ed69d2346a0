/**
 * One participant connection and what it can do, each action emitting the events Zoom sends for it.
 * Identity rules (see server/state/normalize.ts): `participant_uuid` names the connection for the
 * whole meeting instance, breakout rooms included; every move gives a new `user_id`; breakout events
 * carry the main-room user_id as `parent_user_id`; a rejoin is a new connection (new uuid).
 * Zoom may report a breakout room move without its breakout room events (see WorldOptions
 * `breakoutEvents`): the room is then announced neither on the way in nor on the way out.
 */
import type { Location } from '../../../shared/state';
import type { ZoomEventName } from '../../../shared/zoom/events.generated';
import {
  jbhParticipant,
  joinedParticipant,
  leftParticipant,
  roleParticipant,
  sharingParticipant,
  waitingParticipant,
  type ConnectionFacts,
} from './bodies';
import { participantUuid, privateIp, publicIp, type Identity } from './identities';
import type { BreakoutRoom, SimMeeting } from './meeting';
import type { Part } from './world';

export type Role = 'host' | 'co-host' | 'attendee';

/**
 * Zoom's times have whole seconds and a plain participant_joined is placed in a breakout room by the
 * leave beside it, so a person's consecutive moves are kept this far apart to stay unambiguous.
 */
export const MIN_GAP_MS = 3_000;

/**
 * Waiting for the host is told with no time of the person's own: the server has only event_ts,
 * stamped up to 2.8 s after the action, so the next action comes this long after, in another second.
 */
const UNTIMED_GAP_MS = 4_000;

export const SHARE_CONTENTS = ['application', 'desktop', 'whiteboard', 'airplay', 'camera'] as const;
export type ShareContent = (typeof SHARE_CONTENTS)[number];

export const LEAVE_REASONS = {
  left: 'left the meeting. Reason : left the meeting',
  toBreakout: 'left the meeting. Reason : left the meeting to join breakout room',
  toMain: 'left the meeting. Reason : left the meeting leave breakout room to join main meeting',
  disconnected: 'got disconnected from the meeting. Reason : Client Close.',
  hostEnded: 'left the meeting. Reason : Host ended the meeting.',
} as const;

export class SimParticipant {
  /** null while waiting for the host: Zoom assigns it when the person enters */
  participantUuid: string | null = null;
  /** user_id of the current connection segment */
  userId: string | null = null;
  /** user_id in the main room: breakout events carry it as parent_user_id */
  mainUserId: string | null = null;
  /** null once gone */
  location: Location | null = null;
  room: BreakoutRoom | null = null;
  /** whether the move into the current room came with its breakout room events */
  roomAnnounced = false;
  role: Role;
  /** what they share in their current location */
  sharing: ShareContent | null = null;
  /** gone without Zoom ever saying so: the webhooks still show them where they were */
  droppedWithoutLeave = false;
  /** the earliest time of this connection's next action (ms) */
  nextActionAt = -Infinity;
  private readonly ips: { publicIp: string; privateIp: string };

  constructor(
    readonly meeting: SimMeeting,
    readonly identity: Identity,
  ) {
    this.role = meeting.isHost(identity) ? 'host' : 'attendee';
    const random = meeting.world.random;
    this.ips = { publicIp: publicIp(random), privateIp: privateIp(random) };
  }

  get name(): string {
    return this.identity.name;
  }

  /** still there as far as Zoom knows and able to act */
  get active(): boolean {
    return this.location !== null && !this.droppedWithoutLeave;
  }

  private get world() {
    return this.meeting.world;
  }

  private get webinar(): boolean {
    return this.meeting.facts.kind === 'webinar';
  }

  facts(): ConnectionFacts {
    if (this.participantUuid === null || this.userId === null) throw new Error(`${this.name} is not connected yet`);
    const { name, email, zoomUserId, phone } = this.identity;
    return { name, email, zoomUserId, phone, participantUuid: this.participantUuid, userId: this.userId, ...this.ips };
  }

  private require(condition: boolean, what: string): void {
    if (!condition) throw new Error(`${this.name} cannot ${what} (location: ${this.location ?? 'gone'})`);
  }

  /** when this connection's next action (with the others it involves) happens: now, unless a previous one was too recent */
  private actionTime(...others: SimParticipant[]): number {
    const involved = [this, ...others];
    const at = Math.max(this.world.now, ...involved.map((p) => p.nextActionAt));
    for (const p of involved) p.nextActionAt = at + MIN_GAP_MS;
    return at;
  }

  /** first appearance: jbh_waiting, the waiting room or the meeting (called by SimMeeting.join) */
  enter(location: Location, notBefore = -Infinity): void {
    this.nextActionAt = notBefore;
    const at = this.actionTime();
    if (location === 'jbh_waiting') {
      this.nextActionAt = at + UNTIMED_GAP_MS;
      this.location = 'jbh_waiting';
      const { name, zoomUserId } = this.identity;
      this.world.emit(this.meeting, at, [
        { event: 'meeting.participant_jbh_waiting', fields: { participant: jbhParticipant(name, zoomUserId) } },
      ]);
      return;
    }
    this.connect();
    this.location = location === 'waiting' ? 'waiting' : 'main';
    const event: ZoomEventName =
      this.location === 'waiting'
        ? 'meeting.participant_joined_waiting_room'
        : this.webinar
          ? 'webinar.participant_joined'
          : 'meeting.participant_joined';
    const participant =
      this.location === 'waiting' ? waitingParticipant(this.facts(), at) : joinedParticipant(this.facts(), at);
    this.world.emit(this.meeting, at, [{ event, fields: { participant } }]);
  }

  private connect(): void {
    this.participantUuid = participantUuid(this.world.random);
    this.userId = this.meeting.nextUserId(null);
    this.mainUserId = this.userId;
  }

  /** the host arrived: from waiting for the host into the meeting */
  enterAfterHost(): void {
    this.require(this.location === 'jbh_waiting', 'join after the host');
    const at = this.actionTime();
    const { name, zoomUserId } = this.identity;
    this.connect();
    this.location = 'main';
    this.world.emit(this.meeting, at, [
      {
        event: 'meeting.participant_jbh_joined',
        fields: { participant: { ...jbhParticipant(name, zoomUserId), registrant_id: '' } },
      },
      { event: 'meeting.participant_joined', fields: { participant: joinedParticipant(this.facts(), at) } },
    ]);
  }

  /** the host lets them in from the waiting room */
  admit(): void {
    this.require(this.active && this.location === 'waiting', 'be admitted');
    const at = this.actionTime();
    const waiting = this.facts();
    this.userId = this.meeting.nextUserId(null);
    this.mainUserId = this.userId;
    this.location = 'main';
    this.world.emit(this.meeting, at, [
      { event: 'meeting.participant_admitted', fields: { participant: waitingParticipant(waiting, at) } },
      { event: 'meeting.participant_left_waiting_room', fields: { participant: waitingParticipant(waiting, at) } },
      { event: 'meeting.participant_joined', fields: { participant: joinedParticipant(this.facts(), at) } },
    ]);
  }

  /** the host sends them back to the waiting room */
  putInWaitingRoom(): void {
    this.require(this.active && this.location === 'main' && !this.webinar, 'be put in the waiting room');
    const at = this.actionTime();
    this.world.emit(this.meeting, at, [
      ...this.stopSharingParts(at),
      {
        event: 'meeting.participant_put_in_waiting_room',
        fields: { participant: waitingParticipant(this.facts(), at) },
      },
    ]);
    this.location = 'waiting';
  }

  /** main room or another breakout room -> the given breakout room */
  moveTo(room: BreakoutRoom): void {
    this.require(this.active && (this.location === 'main' || this.location === 'breakout'), 'move to a breakout room');
    if (room.meeting !== this.meeting || this.room === room) throw new Error(`${this.name} cannot move to that room`);
    const at = this.actionTime();
    const parts = this.leavingParts(this.facts(), at, LEAVE_REASONS.toBreakout);
    this.userId = this.meeting.nextUserId(room);
    this.location = 'breakout';
    this.room = room;
    this.roomAnnounced = this.world.announcesBreakoutMove();
    const after = this.facts();
    parts.push({ event: 'meeting.participant_joined', fields: { participant: joinedParticipant(after, at) } });
    if (this.roomAnnounced) {
      parts.push({
        event: 'meeting.participant_joined_breakout_room',
        fields: { breakout_room_uuid: room.uuid, participant: joinedParticipant(after, at, this.mainUserId!) },
      });
    }
    this.world.emit(this.meeting, at, parts);
  }

  /** breakout room -> main room */
  returnToMain(): void {
    this.require(this.active && this.location === 'breakout', 'return to the main room');
    const at = this.actionTime();
    this.backInMain(at, this.leavingParts(this.facts(), at, LEAVE_REASONS.toMain));
  }

  /** emits `parts` and the join of a new connection segment in the main room that follows them */
  private backInMain(at: number, parts: Part[]): void {
    this.userId = this.meeting.nextUserId(null);
    this.mainUserId = this.userId;
    this.location = 'main';
    this.room = null;
    parts.push({
      event: this.webinar ? 'webinar.participant_joined' : 'meeting.participant_joined',
      fields: { participant: joinedParticipant(this.facts(), at) },
    });
    this.world.emit(this.meeting, at, parts);
  }

  /** the events of leaving where they are: a share ends, the breakout room if Zoom announced it, the meeting */
  private leavingParts(c: ConnectionFacts, at: number, reason: string): Part[] {
    return [
      ...this.stopSharingParts(at),
      ...this.leftRoomParts(c, at, reason),
      {
        event: this.webinar ? 'webinar.participant_left' : 'meeting.participant_left',
        fields: { participant: leftParticipant(c, at, `${this.name} ${reason}`) },
      },
    ];
  }

  /** the participant_left_breakout_room of leaving the current room, if Zoom announced that room */
  private leftRoomParts(c: ConnectionFacts, at: number, reason: string): Part[] {
    if (!this.room || !this.roomAnnounced) return [];
    return [
      {
        event: 'meeting.participant_left_breakout_room',
        fields: {
          breakout_room_uuid: this.room.uuid,
          participant: leftParticipant(c, at, `${this.name} ${reason}`, this.mainUserId!),
        },
      },
    ];
  }

  share(content: ShareContent = 'application'): void {
    this.require(this.active && (this.location === 'main' || this.location === 'breakout'), 'share');
    if (this.sharing) throw new Error(`${this.name} is already sharing`);
    const at = this.actionTime();
    this.sharing = content;
    this.world.emit(this.meeting, at, [this.sharePart(true, at)]);
  }

  stopSharing(): void {
    this.require(this.active && this.sharing !== null, 'stop sharing');
    const at = this.actionTime();
    this.world.emit(this.meeting, at, this.stopSharingParts(at));
  }

  private sharePart(started: boolean, at: number): Part {
    const suffix = started ? 'started' : 'ended';
    const content = this.sharing!;
    if (this.location === 'breakout') {
      return {
        event: `meeting.breakout_room_sharing_${suffix}`,
        fields: {
          breakout_room_uuid: this.room!.uuid,
          participant: sharingParticipant(this.facts(), at, content, this.mainUserId!),
        },
      };
    }
    return {
      event: this.webinar ? `webinar.sharing_${suffix}` : `meeting.sharing_${suffix}`,
      fields: { participant: sharingParticipant(this.facts(), at, content) },
    };
  }

  /** the sharing_ended Zoom sends before someone who shares moves or leaves */
  private stopSharingParts(at: number): Part[] {
    if (this.sharing === null) return [];
    const part = this.sharePart(false, at);
    this.sharing = null;
    return [part];
  }

  /**
   * The host changes this person's role. Making them host hands the role over: Zoom then also
   * reports the previous host becoming an attendee. A host gives up the role only by handing it over.
   */
  setRole(role: Role): void {
    this.require(this.active && (this.location === 'main' || this.location === 'breakout'), 'change role');
    if (role === this.role) return;
    this.require(this.role !== 'host', `become ${role} without handing the host role over`);
    const host = this.meeting.host;
    const previous = role === 'host' && host?.active && host.role === 'host' ? host : null;
    const at = previous ? this.actionTime(previous) : this.actionTime();
    const parts = [this.rolePart(at, role)];
    if (previous) {
      parts.push(previous.rolePart(at, 'attendee'));
      previous.role = 'attendee';
    }
    this.world.emit(this.meeting, at, parts);
    this.role = role;
    if (role === 'host') this.meeting.host = this;
  }

  private rolePart(at: number, role: Role): Part {
    return {
      event: this.webinar ? 'webinar.participant_role_changed' : 'meeting.participant_role_changed',
      fields: { participant: roleParticipant(this.facts(), at, this.role, role) },
    };
  }

  /**
   * Zoom renews the connection in place: a plain participant_left ("left the meeting") and a
   * participant_joined of a new user_id under the same participant_uuid, at the same second, for
   * someone who stays in the main room (the real captures show it a few dozen times; a share ends).
   */
  renewConnection(): void {
    this.require(this.active && this.location === 'main', 'renew the connection');
    const at = this.actionTime();
    this.backInMain(at, this.leavingParts(this.facts(), at, LEAVE_REASONS.left));
  }

  /** leaves for good from wherever they are */
  leave(): void {
    this.require(this.active, 'leave');
    this.depart(this.actionTime(), LEAVE_REASONS.left);
  }

  /** the client crashes or loses the network: Zoom reports a disconnection; rejoin() comes back */
  disconnect(): void {
    this.require(this.active && (this.location === 'main' || this.location === 'breakout'), 'disconnect');
    this.depart(this.actionTime(), LEAVE_REASONS.disconnected);
  }

  /** comes back after a disconnection or a leave: a new connection (new participant_uuid and user_id) */
  rejoin(): SimParticipant {
    this.require(this.location === null, 'rejoin while still connected');
    return this.meeting.join(this.identity, { skipWaitingRoom: true, notBefore: this.nextActionAt });
  }

  /** disappears without any event ever saying so (a lost participant_left) */
  drop(): void {
    this.require(this.active, 'drop');
    this.droppedWithoutLeave = true;
  }

  /** the meeting ends under them (called by SimMeeting.end): returns the events, stamped with the end */
  endedParts(at: number): Part[] {
    if (this.location === null) return [];
    if (this.droppedWithoutLeave) {
      this.location = null;
      this.room = null;
      return [];
    }
    const parts = this.departParts(at, LEAVE_REASONS.hostEnded);
    this.location = null;
    this.room = null;
    return parts;
  }

  private depart(at: number, reason: string): void {
    this.world.emit(this.meeting, at, this.departParts(at, reason));
    this.location = null;
    this.room = null;
  }

  private departParts(at: number, reason: string): Part[] {
    if (this.location === 'jbh_waiting') {
      const { name, zoomUserId } = this.identity;
      const participant = { ...jbhParticipant(name, zoomUserId), registrant_id: '' };
      return [{ event: 'meeting.participant_jbh_waiting_left', fields: { participant } }];
    }
    const c = this.facts();
    if (this.location === 'waiting') {
      return [{ event: 'meeting.participant_left_waiting_room', fields: { participant: waitingParticipant(c, at) } }];
    }
    return this.leavingParts(c, at, reason);
  }
}
