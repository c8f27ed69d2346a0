/**
 * One meeting or webinar instance: who is in it and what its host does (start, end, breakout rooms,
 * recording, live streaming), each action emitting the events Zoom sends for it.
 */
import type { ZoomEventOf } from '../../../shared/zoom/events.generated';
import { isoSeconds, type MeetingFacts } from './bodies';
import { meetingUuid, type Identity } from './identities';
import { SimParticipant } from './participant';
import type { Account, Part, PersonSpec, World } from './world';

export interface BreakoutRoom {
  uuid: string;
  meeting: SimMeeting;
  /** high byte of the user_ids Zoom hands out in this room (the main room's is 1) */
  slot: number;
}

export type MeetingStatus = 'scheduled' | 'live' | 'ended';

/** Where Zoom's At-Risk Meeting Notifier found the meeting link: the `armn_details` of meeting.risk_alert, every field given. */
export type RiskAlertDetails = Required<ZoomEventOf<'meeting.risk_alert'>['payload']['object']['armn_details']>;

export const ALERT_ISSUES = [
  'Unstable audio quality',
  'Unstable video quality',
  'Unstable screen share quality',
  'High CPU occupation',
  'Call Reconnection',
] as const;

export const LIVE_STREAMING_SERVICES = [
  'YouTube',
  'Facebook',
  'Twitch',
  'Workplace_by_Facebook',
  'Custom_Live_Streaming_Service',
];

const MAIN_ROOM_SLOT = 1;
/** user_id = slot * 2^24 + n * 1024, as in the captures (main room 0x01000400..., rooms 0x04000400...) */
const SLOT_SIZE = 2 ** 24;
const FIRST_ROOM_SLOT = 4;

export interface JoinOptions {
  /** rejoining people skip the waiting room */
  skipWaitingRoom?: boolean;
  /** not before this time (ms): a rejoin comes after its disconnection */
  notBefore?: number;
}

export class SimMeeting {
  status: MeetingStatus = 'scheduled';
  recording: 'off' | 'on' | 'paused' = 'off';
  /** the live streaming service while streaming */
  liveStreaming: string | null = null;
  readonly rooms: BreakoutRoom[] = [];
  /** every connection ever made, in order */
  readonly participants: SimParticipant[] = [];
  host: SimParticipant | null = null;
  /** whether any event about it was emitted: only then does the server know it */
  emitted = false;
  private recordingSince = '';
  private readonly userCounters = new Map<number, number>();

  constructor(
    readonly world: World,
    readonly facts: MeetingFacts,
    readonly hostIdentity: Identity,
    readonly waitingRoom: boolean,
  ) {}

  get kind(): 'meeting' | 'webinar' {
    return this.facts.kind;
  }

  /** everyone Zoom would still list (dropped people included: nothing said they left) */
  get present(): SimParticipant[] {
    return this.participants.filter((p) => p.location !== null);
  }

  /** present and able to act */
  get active(): SimParticipant[] {
    return this.participants.filter((p) => p.active);
  }

  get account(): Account {
    return this.world.accounts.find((a) => a.id === this.facts.accountId)!;
  }

  isHost(identity: Identity): boolean {
    return identity.zoomUserId === this.facts.hostId;
  }

  nextUserId(room: BreakoutRoom | null): string {
    const slot = room?.slot ?? MAIN_ROOM_SLOT;
    const n = (this.userCounters.get(slot) ?? this.world.random.int(0, 40)) + 1;
    this.userCounters.set(slot, n);
    return String(slot * SLOT_SIZE + n * 1024);
  }

  private require(condition: boolean, what: string): void {
    if (!condition) throw new Error(`meeting "${this.facts.topic}" cannot ${what} (status: ${this.status})`);
  }

  private emit(parts: Part[]): void {
    this.world.emit(this, this.world.now, parts);
  }

  /**
   * Someone arrives (invented when not given): before the host they wait for the host (meetings
   * only), with a waiting room they wait to be admitted, otherwise they are in.
   */
  join(person: Identity | PersonSpec | null = null, options: JoinOptions = {}): SimParticipant {
    this.require(this.status !== 'ended', 'be joined');
    const identity =
      person !== null && typeof person === 'object' && 'kind' in person
        ? person
        : this.world.identity(person, this.account);
    this.require(this.status === 'live' || this.kind === 'meeting', 'be joined before it starts');
    const participant = new SimParticipant(this, identity);
    this.participants.push(participant);
    const isHost = participant.role === 'host';
    const location =
      this.status === 'scheduled'
        ? 'jbh_waiting'
        : this.waitingRoom && this.kind === 'meeting' && !isHost && !options.skipWaitingRoom
          ? 'waiting'
          : 'main';
    participant.enter(location, options.notBefore);
    if (isHost && location === 'main') this.host = participant;
    return participant;
  }

  /** the host starts it and joins; whoever waited for the host comes in */
  start(): SimParticipant {
    this.require(this.status === 'scheduled', 'start');
    const at = this.world.now;
    this.status = 'live';
    this.facts.startTime = isoSeconds(at);
    this.emit([{ event: this.kind === 'webinar' ? 'webinar.started' : 'meeting.started' }]);
    const host = this.join(this.hostIdentity);
    for (const waiting of this.active.filter((p) => p.location === 'jbh_waiting')) waiting.enterAfterHost();
    return host;
  }

  /** the host ends it: everyone leaves ("Host ended the meeting."), some leaves stamped after the end */
  end(): void {
    this.require(this.status === 'live', 'end');
    const at = this.world.now;
    const parts: Part[] = [];
    for (const participant of this.participants) {
      for (const part of participant.endedParts(at)) parts.push({ ...part, lag: this.world.random.between(100, 1500) });
    }
    if (this.recording !== 'off') parts.push(this.recordingPart('recording.stopped', at));
    if (this.liveStreaming) parts.push(this.liveStreamingPart(false, at));
    parts.push({
      event: this.kind === 'webinar' ? 'webinar.ended' : 'meeting.ended',
      fields: { end_time: isoSeconds(at) },
      slow: true,
    });
    this.recording = 'off';
    this.liveStreaming = null;
    this.status = 'ended';
    this.emit(parts);
  }

  /** Zoom sends no event for opening rooms: people moving in are what the webhooks show */
  openBreakoutRooms(count: number): BreakoutRoom[] {
    this.require(this.status === 'live' && this.kind === 'meeting', 'open breakout rooms');
    const opened = Array.from({ length: count }, (_, i) => ({
      uuid: meetingUuid(this.world.random),
      meeting: this,
      slot: FIRST_ROOM_SLOT + this.rooms.length + i,
    }));
    this.rooms.push(...opened);
    return opened;
  }

  /** everyone still in a breakout room comes back to the main room */
  closeBreakoutRooms(): void {
    for (const participant of this.active) if (participant.location === 'breakout') participant.returnToMain();
  }

  startRecording(): void {
    this.require(this.status === 'live' && this.recording === 'off', 'start recording');
    this.recording = 'on';
    this.recordingSince = isoSeconds(this.world.now);
    this.emit([this.recordingPart('recording.started', this.world.now)]);
  }

  pauseRecording(): void {
    this.require(this.status === 'live' && this.recording === 'on', 'pause recording');
    this.recording = 'paused';
    this.emit([this.recordingPart('recording.paused', this.world.now)]);
  }

  resumeRecording(): void {
    this.require(this.status === 'live' && this.recording === 'paused', 'resume recording');
    this.recording = 'on';
    this.recordingSince = isoSeconds(this.world.now);
    this.emit([this.recordingPart('recording.resumed', this.world.now)]);
  }

  stopRecording(): void {
    this.require(this.status === 'live' && this.recording !== 'off', 'stop recording');
    this.emit([this.recordingPart('recording.stopped', this.world.now)]);
    this.recording = 'off';
  }

  private recordingPart(
    event: 'recording.started' | 'recording.paused' | 'recording.resumed' | 'recording.stopped',
    at: number,
  ): Part {
    const running = event === 'recording.started' || event === 'recording.resumed';
    return {
      event,
      fields: {
        recording_file: { recording_start: this.recordingSince, recording_end: running ? '' : isoSeconds(at) },
      },
    };
  }

  startLiveStreaming(service = 'YouTube'): void {
    this.require(this.status === 'live' && this.liveStreaming === null, 'start live streaming');
    this.liveStreaming = service;
    this.emit([this.liveStreamingPart(true, this.world.now)]);
  }

  stopLiveStreaming(): void {
    this.require(this.status === 'live' && this.liveStreaming !== null, 'stop live streaming');
    this.emit([this.liveStreamingPart(false, this.world.now)]);
    this.liveStreaming = null;
  }

  private liveStreamingPart(started: boolean, at: number): Part {
    const service = this.liveStreaming!;
    const custom =
      service === 'Custom_Live_Streaming_Service'
        ? {
            custom_live_streaming_settings: {
              stream_url: 'rtmp://live.example.com/app',
              stream_key: this.facts.id.slice(-6),
              page_url: 'https://live.example.com/roomwatch',
              resolution: '720p',
            },
          }
        : {};
    return {
      event: started ? 'meeting.live_streaming_started' : 'meeting.live_streaming_stopped',
      fields: { live_streaming: { service, ...custom, date_time: isoSeconds(at) } },
      payload: { operator: this.facts.hostEmail, operator_id: this.facts.hostId },
    };
  }

  /** a quality alert: meeting.alert or webinar.alert */
  alert(issues: readonly string[] = [this.world.random.pick(ALERT_ISSUES)]): void {
    this.require(this.status === 'live', 'raise a quality alert');
    this.emit([{ event: this.kind === 'webinar' ? 'webinar.alert' : 'meeting.alert', fields: { issues } }]);
  }

  /** Zoom's At-Risk Meeting Notifier found the meeting link posted publicly (invented where not given) */
  riskAlert(given: Partial<RiskAlertDetails> = {}): void {
    const random = this.world.random;
    const at = this.world.now;
    const details: RiskAlertDetails = {
      post_platform: random.pick(['Twitter', 'Facebook', 'Reddit', 'Discord']),
      social_link: `https://social.example/posts/${random.int(1e8, 1e9 - 1)}`,
      post_time: isoSeconds(at - random.int(60_000, 3_600_000)),
      post_user: `@${random.pick(['zoomparty', 'raid_crew', 'open_links'])}${random.int(10, 9999)}`,
      meeting_url: `https://example.zoom.us/j/${this.facts.id}`,
      recommended_enable_settings: random
        .shuffle(['enablePassword', 'enableWaitingRoom', 'enableScreenShareHostOnly'])
        .slice(0, random.int(1, 3)),
      recommended_disable_settings: random
        .shuffle(['enableAnnotation', 'enableMultipleShare'])
        .slice(0, random.int(1, 2)),
      ...given,
    };
    this.emit([{ event: 'meeting.risk_alert', fields: { host_email: this.facts.hostEmail, armn_details: details } }]);
  }

  /**
   * The host converts the meeting into a webinar (Zoom sends meeting.converted_to_webinar); from
   * then on the instance's events are a webinar's. Everyone there must be in the main room.
   */
  convertToWebinar(type: 5 | 6 | 9 = 5): void {
    this.require(
      this.kind === 'meeting' && this.status !== 'ended' && this.active.every((p) => p.location === 'main'),
      'be converted to a webinar',
    );
    this.facts.kind = 'webinar';
    this.facts.type = type;
    this.emit([
      {
        event: 'meeting.converted_to_webinar',
        payload: { operator: this.facts.hostEmail, operator_id: this.facts.hostId },
      },
    ]);
  }
}
