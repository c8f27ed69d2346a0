/**
 * Endless, realistic traffic: meetings and webinars start, fill up, live (waiting rooms, people
 * waiting for a late host, breakout sessions, screen sharing, co-hosts, recording, live streaming,
 * quality and at-risk alerts, reconnections, connections renewed in place, the odd silent drop,
 * hosts handing over) and end, and new ones take their place. `rate` makes everything happen that
 * many times as often; end() stops it, for a finite stream.
 */
import { Agenda } from './agenda';
import { expectedState, type ExpectedMeeting } from './expected';
import type { Identity, IdentityMix } from './identities';
import { ALERT_ISSUES, LIVE_STREAMING_SERVICES, type BreakoutRoom, type SimMeeting } from './meeting';
import type { ShareContent, SimParticipant } from './participant';
import { World, type MeetingSpec, type SimEvent } from './world';

export interface TrafficOptions {
  seed: number;
  /** simulated time of the beginning (ms since epoch); default 2026-04-03T17:00:00Z */
  start?: number;
  /** how busy: every behaviour happens `rate` times as often (default 1: a few events a second) */
  rate?: number;
  /** meetings running at once (default 5) */
  meetings?: number;
  /** webinars running at once (default 1) */
  webinars?: number;
  /** people per meeting, most meetings nearer the low end (default [4, 40]) */
  meetingSize?: [number, number];
  /** attendees per webinar (default [40, 160]) */
  webinarSize?: [number, number];
  /** share of deliveries Zoom makes twice (default 0.002) */
  redeliveryRate?: number;
  /** Zoom accounts the meetings belong to (default 2, at most 4) */
  accounts?: number;
  /** share of breakout room moves reported with breakout room events (default 1, see WorldOptions) */
  breakoutEvents?: number;
}

const SECOND = 1_000;
const MINUTE = 60_000;
/** recurring meetings a new instance may belong to (the most recent ones) */
const MAX_SERIES = 20;
/** how far take() runs the world ahead at a time */
const STEP_MS = 10 * SECOND;

const MEETING_MIX: IdentityMix = { signedIn: 0.4, guest: 0.52, phone: 0.08 };
const WEBINAR_MIX: IdentityMix = { signedIn: 0.5, guest: 0.47, phone: 0.03 };

const SHARE_WEIGHTS: [ShareContent, number][] = [
  ['application', 5],
  ['desktop', 4],
  ['whiteboard', 1],
  ['airplay', 0.5],
  ['camera', 0.5],
];

interface Session {
  rooms: BreakoutRoom[];
  open: boolean;
}

interface Plan {
  meeting: SimMeeting;
  breakouts: boolean;
  session: Session | null;
  riskAlerted: boolean;
}

interface Series {
  id: string;
  topic: string;
  host: NonNullable<MeetingSpec['host']>;
  account: number;
}

export class Traffic {
  readonly world: World;
  private readonly agenda: Agenda;
  private readonly rate: number;
  private readonly meetingSize: [number, number];
  private readonly webinarSize: [number, number];
  private readonly series: Series[] = [];
  private readonly plans = new Map<SimMeeting, Plan>();
  /** actions have run up to this time */
  private horizon: number;
  /** delivered by the world, not yet handed out */
  private readonly pending: SimEvent[] = [];
  /** end() was called: no meeting starts any more */
  private ended = false;

  constructor(options: TrafficOptions) {
    const { meetings = 5, webinars = 1 } = options;
    this.rate = options.rate ?? 1;
    if (!(this.rate > 0 && Number.isFinite(this.rate))) throw new Error('rate must be a positive number');
    if (meetings + webinars < 1) throw new Error('traffic needs at least one meeting or webinar');
    this.meetingSize = options.meetingSize ?? [4, 40];
    this.webinarSize = options.webinarSize ?? [40, 160];
    this.world = new World({
      seed: options.seed,
      start: options.start,
      redeliveryRate: options.redeliveryRate ?? 0.002,
      accounts: options.accounts,
      breakoutEvents: options.breakoutEvents,
    });
    this.agenda = new Agenda(this.world);
    this.horizon = this.world.now;
    const random = this.world.random;
    for (let i = 0; i < meetings; i++)
      this.agenda.after(this.scaled(random.between(0, 3 * MINUTE)), () => this.launchMeeting(true));
    for (let i = 0; i < webinars; i++)
      this.agenda.after(this.scaled(random.between(0, MINUTE)), () => this.launchWebinar(true));
  }

  /** simulated time (ms since epoch) up to which the world has run */
  get now(): number {
    return this.horizon;
  }

  /** runs the world up to `until` (ms since epoch) and returns the deliveries due by then, in order */
  advanceTo(until: number): SimEvent[] {
    if (until > this.horizon) this.runTo(until);
    let due = 0;
    while (due < this.pending.length && this.pending[due]!.at <= until) due++;
    return this.pending.splice(0, due);
  }

  /** the next `count` deliveries, running the world as far as needed (fewer once end() leaves no more) */
  take(count: number): SimEvent[] {
    while (this.pending.length < count && !(this.ended && this.agenda.size === 0 && this.world.inFlight === 0)) {
      this.runTo(this.horizon + STEP_MS);
    }
    return this.pending.splice(0, count);
  }

  /**
   * Ends the traffic now: the hosts end every meeting and webinar (late hosts come in to end theirs)
   * and no new one starts. flush() then hands out the rest of the stream.
   */
  end(): void {
    this.ended = true;
    for (const { meeting } of this.plans.values()) {
      if (meeting.status === 'scheduled') meeting.start();
      meeting.end();
    }
    this.plans.clear();
  }

  /** ends the stream: the deliveries still in flight, after which expected() describes the state */
  flush(): SimEvent[] {
    const rest = this.pending.splice(0);
    for (const event of this.world.flush()) rest.push(event);
    return rest;
  }

  /** the live state once everything handed out (and flushed) is applied */
  expected(): ExpectedMeeting[] {
    return expectedState(this.world.meetings);
  }

  private runTo(until: number): void {
    this.agenda.runUntil(until);
    this.horizon = until;
    for (const event of this.world.deliveredBy(until)) this.pending.push(event);
  }

  private scaled(ms: number): number {
    return ms / this.rate;
  }

  private size([min, max]: [number, number]): number {
    return Math.round(min + (max - min) * this.world.random.float() ** 1.5);
  }

  private launchMeeting(first: boolean): void {
    if (this.ended) return;
    const { world, agenda } = this;
    const random = world.random;
    // a meeting number has one instance at a time
    const running = new Set([...this.plans.keys()].map((m) => m.facts.id));
    const free = this.series.filter((s) => !running.has(s.id));
    const series = free.length > 0 && random.chance(0.3) ? random.pick(free) : null;
    const waitingRoom = random.chance(0.3);
    const hostLate = !waitingRoom && random.chance(0.25);
    const meeting = world.createMeeting({
      waitingRoom,
      account: series?.account ?? random.int(0, world.accounts.length - 1),
      ...(series
        ? { id: series.id, topic: series.topic, host: series.host, type: 8 }
        : {
            type: random.weighted([
              [2, 6],
              [1, 1],
              [4, 2],
              [3, 1],
            ] as const),
          }),
    });
    const plan: Plan = { meeting, breakouts: random.chance(0.45), session: null, riskAlerted: false };
    this.plans.set(meeting, plan);
    const length = this.scaled((first ? random.between(8, 40) : random.between(20, 50)) * MINUTE);
    if (hostLate) agenda.after(this.scaled(random.between(60, 240) * SECOND), () => this.startMeeting(plan, length));
    else this.startMeeting(plan, length);
    const people = this.size(this.meetingSize);
    for (let i = 1; i < people; i++) {
      const delay = random.chance(0.8) ? random.exponential(this.scaled(90 * SECOND)) : random.between(0, length * 0.8);
      agenda.after(delay, () => this.arrive(meeting, MEETING_MIX));
    }
  }

  private startMeeting(plan: Plan, length: number): void {
    const { meeting } = plan;
    if (meeting.status !== 'scheduled') return;
    const host = meeting.start();
    if (meeting.facts.type !== 8) {
      const { name, email, zoomUserId } = host.identity;
      if (this.series.length >= MAX_SERIES) this.series.shift();
      this.series.push({
        id: meeting.facts.id,
        topic: meeting.facts.topic,
        host: { name, email: email!, zoomUserId: zoomUserId! },
        account: this.world.accounts.indexOf(meeting.account),
      });
    }
    for (const p of meeting.active) if (p !== host && p.location === 'main') this.behave(p);
    this.hostLater(plan);
    this.agenda.after(length, () => this.endMeeting(plan));
  }

  private launchWebinar(first: boolean): void {
    if (this.ended) return;
    const { world, agenda } = this;
    const random = world.random;
    const webinar = world.createMeeting({
      kind: 'webinar',
      account: random.int(0, world.accounts.length - 1),
      type: random.pick([5, 5, 9]),
    });
    const plan: Plan = { meeting: webinar, breakouts: false, session: null, riskAlerted: false };
    this.plans.set(webinar, plan);
    const length = this.scaled((first ? random.between(10, 40) : random.between(30, 60)) * MINUTE);
    const host = webinar.start();
    agenda.after(this.scaled(random.between(30, 90) * SECOND), () => {
      if (host.active && !this.sharingIn(webinar, null)) this.shareFor(host, random.between(5, 20) * MINUTE);
    });
    for (let i = random.int(1, 3); i > 0; i--) {
      agenda.after(this.scaled(random.between(5, 60) * SECOND), () => {
        if (webinar.status !== 'live') return;
        const panelist = webinar.join(world.identity(null, webinar.account, { signedIn: 1, guest: 0, phone: 0 }));
        agenda.after(random.between(5, 20) * SECOND, () => {
          if (panelist.active) panelist.setRole('co-host');
          this.behave(panelist);
        });
      });
    }
    const attendees = this.size(this.webinarSize);
    for (let i = 0; i < attendees; i++) {
      const delay = random.chance(0.85)
        ? random.exponential(this.scaled(45 * SECOND))
        : random.between(0, length * 0.7);
      agenda.after(delay, () => this.arrive(webinar, WEBINAR_MIX));
    }
    this.hostLater(plan);
    agenda.after(length, () => this.endMeeting(plan));
  }

  private endMeeting(plan: Plan): void {
    const { meeting } = plan;
    if (meeting.status !== 'live') return;
    meeting.end();
    this.plans.delete(meeting);
    const again = meeting.kind === 'webinar' ? () => this.launchWebinar(false) : () => this.launchMeeting(false);
    this.agenda.after(this.scaled(this.world.random.between(10, 60) * SECOND), again);
  }

  private arrive(meeting: SimMeeting, mix: IdentityMix): void {
    if (meeting.status === 'ended' || (meeting.kind === 'webinar' && meeting.status !== 'live')) return;
    const random = this.world.random;
    const p = meeting.join(this.newcomer(meeting, mix));
    if (p.location === 'jbh_waiting') {
      if (random.chance(0.15)) {
        this.agenda.after(this.scaled(random.between(30, 150) * SECOND), () => {
          if (p.active && p.location === 'jbh_waiting') p.leave();
        });
      }
    } else if (p.location === 'waiting') {
      if (random.chance(0.9)) this.agenda.after(this.scaled(random.between(3, 40) * SECOND), () => this.admit(p));
      else {
        this.agenda.after(this.scaled(random.between(30, 120) * SECOND), () => {
          if (p.active && p.location === 'waiting') p.leave();
        });
      }
    } else this.behave(p);
  }

  /**
   * Someone new for the meeting. People waiting for the host are known by name and account user id
   * only, so namesakes waiting for the same host would be one person to the webhooks: the traffic
   * lets none come, so that its expected state is what the webhooks tell.
   */
  private newcomer(meeting: SimMeeting, mix: IdentityMix): Identity {
    // before the start, everyone who came waited for the host
    const waited = meeting.status === 'scheduled' ? meeting.participants.map((p) => p.identity) : [];
    for (;;) {
      const identity = this.world.identity(null, meeting.account, mix);
      if (!waited.some((w) => w.name === identity.name && w.zoomUserId === identity.zoomUserId)) return identity;
    }
  }

  private admit(p: SimParticipant): void {
    if (!p.active || p.location !== 'waiting' || p.meeting.status !== 'live') return;
    p.admit();
    this.behave(p);
  }

  /** schedules this person's next decision */
  private behave(p: SimParticipant): void {
    this.agenda.after(this.world.random.exponential(this.scaled(MINUTE)), () => this.decide(p));
  }

  private sharingIn(meeting: SimMeeting, room: BreakoutRoom | null): boolean {
    return meeting.active.some((p) => p.sharing !== null && p.room === room);
  }

  private shareFor(p: SimParticipant, ms: number): void {
    p.share(this.world.random.weighted(SHARE_WEIGHTS));
    const content = p.sharing;
    this.agenda.after(this.world.random.exponential(this.scaled(ms)), () => {
      if (p.active && p.sharing === content) p.stopSharing();
    });
  }

  private decide(p: SimParticipant): void {
    const meeting = p.meeting;
    if (!p.active || meeting.status !== 'live' || (p.location !== 'main' && p.location !== 'breakout')) return;
    const random = this.world.random;
    const plan = this.plans.get(meeting);
    const session = plan?.session?.open ? plan.session : null;
    const canShare = p.identity.kind !== 'phone' && !this.sharingIn(meeting, p.room);
    const webinarAttendee = meeting.kind === 'webinar' && p.role === 'attendee';
    const action = random.weighted([
      ['share', canShare && !webinarAttendee ? 6 : 0],
      ['leave', webinarAttendee ? 1.5 : 1.2],
      ['reconnect', 1.2],
      ['renew', p.location === 'main' ? 0.6 : 0],
      ['drop', 0.25],
      ['put_back', meeting.waitingRoom && p.location === 'main' && p.role !== 'host' ? 0.5 : 0],
      ['other_room', session && p.location === 'breakout' && session.rooms.length > 1 ? 3 : 0],
      ['back_to_main', session && p.location === 'breakout' ? 1 : 0],
      ['nothing', 20],
    ] as const);
    switch (action) {
      case 'share':
        this.shareFor(p, 2 * MINUTE);
        break;
      case 'leave':
        p.leave();
        return;
      case 'reconnect':
        p.disconnect();
        this.agenda.after(this.scaled(random.between(5, 40) * SECOND), () => {
          if (meeting.status === 'live') this.behave(p.rejoin());
        });
        return;
      case 'renew':
        p.renewConnection();
        break;
      case 'drop':
        p.drop();
        return;
      case 'put_back':
        p.putInWaitingRoom();
        this.agenda.after(this.scaled(random.between(10, 60) * SECOND), () => this.admit(p));
        return;
      case 'other_room':
        p.moveTo(random.pick(session!.rooms.filter((room) => room !== p.room)));
        break;
      case 'back_to_main':
        p.returnToMain();
        break;
      case 'nothing':
        break;
    }
    this.behave(p);
  }

  /** schedules the host's next decision */
  private hostLater(plan: Plan): void {
    this.agenda.after(this.scaled(20 * SECOND + this.world.random.exponential(90 * SECOND)), () =>
      this.hostDecides(plan),
    );
  }

  private hostDecides(plan: Plan): void {
    const { meeting } = plan;
    if (meeting.status !== 'live') return;
    const random = this.world.random;
    const host = meeting.host;
    const action = random.weighted([
      ['recording', 3],
      ['alert', 2],
      ['co_host', 2],
      ['breakout', plan.breakouts && plan.session === null ? 4 : 0],
      ['live_streaming', meeting.kind === 'meeting' ? 0.6 : 0],
      ['risk_alert', plan.riskAlerted ? 0 : 0.2],
      ['share', host?.active && !this.sharingIn(meeting, host.room) ? 2 : 0],
      ['hand_over', meeting.kind === 'meeting' && host?.active ? 0.3 : 0],
      ['nothing', 6],
    ] as const);
    switch (action) {
      case 'recording':
        if (meeting.recording === 'off') meeting.startRecording();
        else if (meeting.recording === 'paused') {
          if (random.chance(0.7)) meeting.resumeRecording();
          else meeting.stopRecording();
        } else if (random.chance(0.5)) meeting.pauseRecording();
        else meeting.stopRecording();
        break;
      case 'alert':
        meeting.alert(random.shuffle(ALERT_ISSUES).slice(0, random.chance(0.8) ? 1 : 2));
        break;
      case 'co_host':
        this.changeRole(meeting);
        break;
      case 'breakout':
        this.openSession(plan);
        break;
      case 'live_streaming':
        if (meeting.liveStreaming) meeting.stopLiveStreaming();
        else meeting.startLiveStreaming(random.pick(LIVE_STREAMING_SERVICES));
        break;
      case 'risk_alert':
        plan.riskAlerted = true;
        meeting.riskAlert();
        break;
      case 'share':
        this.shareFor(host!, 4 * MINUTE);
        break;
      case 'hand_over':
        this.handOver(meeting);
        break;
      case 'nothing':
        break;
    }
    this.hostLater(plan);
  }

  /** the host makes someone else host and from then on behaves like anyone else (and may leave) */
  private handOver(meeting: SimMeeting): void {
    const host = meeting.host!;
    const candidates = meeting.active.filter(
      (p) => p !== host && p.identity.kind === 'signed_in' && (p.location === 'main' || p.location === 'breakout'),
    );
    if (candidates.length === 0) return;
    this.world.random.pick(candidates).setRole('host');
    this.behave(host);
  }

  private changeRole(meeting: SimMeeting): void {
    const random = this.world.random;
    const candidates = meeting.active.filter(
      (p) => p.role !== 'host' && p.identity.kind !== 'phone' && (p.location === 'main' || p.location === 'breakout'),
    );
    const coHosts = candidates.filter((p) => p.role === 'co-host');
    if (coHosts.length > 0 && random.chance(0.3)) random.pick(coHosts).setRole('attendee');
    else if (candidates.length > 0) random.pick(candidates).setRole('co-host');
  }

  /** the host opens breakout rooms, moves most people in over a few seconds, and closes them later */
  private openSession(plan: Plan): void {
    const { meeting } = plan;
    const random = this.world.random;
    const movers = random.shuffle(
      meeting.active.filter((p) => p.location === 'main' && p !== meeting.host && p.identity.kind !== 'phone'),
    );
    if (movers.length < 4) return;
    const rooms = meeting.openBreakoutRooms(random.int(2, Math.min(6, Math.floor(movers.length / 2))));
    const session: Session = { rooms, open: true };
    plan.session = session;
    const moving = movers.slice(0, Math.ceil(movers.length * random.between(0.6, 0.95)));
    moving.forEach((p, i) => {
      this.agenda.after(random.between(0, 10 * SECOND), () => {
        if (session.open && p.active && p.location === 'main') p.moveTo(rooms[i % rooms.length]!);
      });
    });
    this.agenda.after(this.scaled(random.between(3, 10) * MINUTE), () => {
      session.open = false;
      // Zoom counts down a minute before it closes the rooms: people come back during it
      for (const p of meeting.active) {
        if (p.location !== 'breakout') continue;
        this.agenda.after(random.between(0, 60 * SECOND), () => {
          if (p.active && p.location === 'breakout') p.returnToMain();
        });
      }
      this.agenda.after(61 * SECOND, () => {
        if (plan.session === session) plan.session = null;
      });
    });
  }
}
