/**
 * The simulated Zoom: accounts, meetings and the clock, and the outbox of webhook deliveries.
 *
 * Timing follows the captures: an action happens at a whole-second participant time; its events
 * are stamped (`event_ts`) 0.3-2.5 s later, a few ms to a few hundred ms apart from each other, and
 * delivered some hundreds of ms after that, so the events of one move arrive in random order; a
 * meeting.ended is often delivered seconds late, after the participant_left events stamped after it.
 * With `exactTimes`, every event is stamped and delivered at the very time of its action instead:
 * for tests that need events at times they choose.
 */
import type { ZoomEventName } from '../../../shared/zoom/events.generated';
import { zoomBody, isoSeconds, type ZoomBody } from './bodies';
import { MinHeap } from './heap';
import {
  MEETING_TOPICS,
  People,
  TIMEZONES,
  WEBINAR_TOPICS,
  emailLocalOf,
  meetingNumber,
  meetingUuid,
  zoomUserId,
  type Identity,
  type IdentityMix,
} from './identities';
import { SimMeeting } from './meeting';
import { Random } from './random';

/** One webhook delivery. */
export interface SimEvent {
  /** when Zoom delivers it (ms since epoch); streams are in this order */
  at: number;
  body: ZoomBody;
  /** a second delivery of a body already delivered (Zoom delivers at least once) */
  redelivery?: true;
}

/** One event of an action, before it is stamped. */
export interface Part {
  event: ZoomEventName;
  /** fields of payload.object beside the meeting's own */
  fields?: Record<string, unknown>;
  /** fields of payload beside account_id and object */
  payload?: Record<string, unknown>;
  /** stamped this much later than the action's other events (ms) */
  lag?: number;
  /** delivered seconds late, like meeting.ended often is */
  slow?: boolean;
}

export interface Account {
  id: string;
  /** email domain of its users */
  domain: string;
}

/**
 * A person by name (a guest), or with an email (signed in) or a phone number (PSTN). A signed-in
 * person gets an account user id unless `zoomUserId` is null: a user of another account, for whom
 * Zoom leaves the id blank.
 */
export type PersonSpec = string | { name: string; email?: string; phone?: string; zoomUserId?: string | null };

export interface MeetingSpec {
  kind?: 'meeting' | 'webinar';
  topic?: string;
  /** the host (a signed-in user of the account); invented when not given */
  host?: { name: string; email?: string; zoomUserId?: string };
  /** meeting number, e.g. to give several instances of a recurring meeting the same one */
  id?: string;
  /** Zoom's meeting type (default: 2 scheduled, 5 for a webinar) */
  type?: number;
  /** scheduled duration in minutes */
  duration?: number;
  timezone?: string;
  /** index into the world's accounts (default 0) */
  account?: number;
  /** people wait to be admitted (meetings only) */
  waitingRoom?: boolean;
}

export interface WorldOptions {
  seed: number;
  /** simulated time at the beginning (ms since epoch); default 2026-04-03T17:00:00Z */
  start?: number;
  /** share of deliveries Zoom makes twice (default 0) */
  redeliveryRate?: number;
  /** Zoom accounts the meetings belong to (default 2, at most 4) */
  accounts?: number;
  /**
   * share of breakout room moves Zoom reports with participant_joined_breakout_room and
   * participant_left_breakout_room (default 1); the others arrive as the main room's
   * participant_left and participant_joined only, as in the real captures, and the server can only
   * tell that the person is in some breakout room. Between 0 and 1, one meeting shows both kinds.
   */
  breakoutEvents?: number;
  /** stamp and deliver every event at the time of its action, without Zoom's delays nor redeliveries (default false) */
  exactTimes?: boolean;
}

export const DEFAULT_START = Date.UTC(2026, 3, 3, 17, 0, 0);

const ACCOUNT_DOMAINS = ['northwind.example', 'hanbit.example', 'lumiere.example', 'kestrel.example'];

interface Queued {
  event: SimEvent;
  order: number;
}

export class World {
  /** the simulated time of the next action (ms since epoch) */
  now: number;
  readonly random: Random;
  readonly people: People;
  readonly accounts: Account[];
  /** every meeting instance created, in order */
  readonly meetings: SimMeeting[] = [];
  private readonly redeliveryRate: number;
  private readonly breakoutEvents: number;
  private readonly exactTimes: boolean;
  private readonly outbox = new MinHeap<Queued>(
    (a, b) => a.event.at < b.event.at || (a.event.at === b.event.at && a.order < b.order),
  );
  private order = 0;

  constructor(options: WorldOptions) {
    this.now = options.start ?? DEFAULT_START;
    this.random = new Random(options.seed);
    this.people = new People(this.random.fork());
    this.redeliveryRate = options.redeliveryRate ?? 0;
    this.breakoutEvents = options.breakoutEvents ?? 1;
    if (!(this.breakoutEvents >= 0 && this.breakoutEvents <= 1))
      throw new Error('breakoutEvents must be within [0, 1]');
    this.exactTimes = options.exactTimes ?? false;
    if (this.exactTimes && this.redeliveryRate > 0) throw new Error('exactTimes delivers every event once');
    const accounts = options.accounts ?? 2;
    if (!(Number.isInteger(accounts) && accounts >= 1 && accounts <= ACCOUNT_DOMAINS.length)) {
      throw new Error(`accounts must be a whole number from 1 to ${ACCOUNT_DOMAINS.length}`);
    }
    this.accounts = ACCOUNT_DOMAINS.slice(0, accounts).map((domain) => ({
      id: zoomUserId(this.random),
      domain,
    }));
  }

  /** a person, from a scenario's description or invented for the given account */
  identity(spec: PersonSpec | null, account: Account = this.accounts[0]!, mix?: IdentityMix): Identity {
    if (spec === null) return this.people.person(account.domain, mix);
    if (typeof spec === 'string') return { name: spec, kind: 'guest', email: null, zoomUserId: null, phone: null };
    if (spec.phone) return { name: spec.name, kind: 'phone', email: null, zoomUserId: null, phone: spec.phone };
    if (spec.email || spec.zoomUserId) {
      return {
        name: spec.name,
        kind: 'signed_in',
        email: spec.email ?? null,
        zoomUserId: spec.zoomUserId === null ? null : (spec.zoomUserId ?? zoomUserId(this.random)),
        phone: null,
      };
    }
    return { name: spec.name, kind: 'guest', email: null, zoomUserId: null, phone: null };
  }

  /** a meeting instance, not started yet (people joining now wait for the host) */
  createMeeting(spec: MeetingSpec = {}): SimMeeting {
    const random = this.random;
    const kind = spec.kind ?? 'meeting';
    const account = this.accounts[spec.account ?? 0];
    if (!account) throw new Error(`no account ${spec.account}: the world has ${this.accounts.length}`);
    const invented = this.people.displayName(true);
    const hostName = spec.host?.name ?? invented.name;
    const local = spec.host ? emailLocalOf(spec.host.name) || 'host' : invented.emailLocal;
    const host = this.identity(
      { name: hostName, email: spec.host?.email ?? `${local}@${account.domain}`, zoomUserId: spec.host?.zoomUserId },
      account,
    );
    const meeting = new SimMeeting(
      this,
      {
        uuid: meetingUuid(random),
        id: spec.id ?? meetingNumber(random),
        kind,
        topic: spec.topic ?? random.pick(kind === 'webinar' ? WEBINAR_TOPICS : MEETING_TOPICS),
        hostId: host.zoomUserId!,
        hostEmail: host.email!,
        accountId: account.id,
        type: spec.type ?? (kind === 'webinar' ? 5 : 2),
        duration: spec.duration ?? random.pick([30, 45, 60, 90]),
        timezone: spec.timezone ?? random.pick(TIMEZONES),
        startTime: isoSeconds(this.now),
      },
      host,
      kind === 'meeting' && (spec.waitingRoom ?? false),
    );
    this.meetings.push(meeting);
    return meeting;
  }

  /** whether Zoom reports the next breakout room move with its breakout room events */
  announcesBreakoutMove(): boolean {
    return this.breakoutEvents >= 1 || this.random.chance(this.breakoutEvents);
  }

  /** stamps the events of one action that happened at `at` and queues their deliveries */
  emit(meeting: SimMeeting, at: number, parts: readonly Part[]): void {
    if (parts.length > 0) meeting.emitted = true;
    if (this.exactTimes) {
      for (const part of parts) {
        this.queue({ at, body: zoomBody(part.event, at, meeting.facts, part.fields, part.payload) });
      }
      return;
    }
    const random = this.random;
    const stamped = at + random.between(300, 2500);
    for (const part of parts) {
      const eventTs = Math.round(stamped + random.between(0, 300) + (part.lag ?? 0));
      const body = zoomBody(part.event, eventTs, meeting.facts, part.fields, part.payload);
      const latency = part.slow ? random.between(1000, 15000) : 150 + random.exponential(400);
      this.queue({ at: Math.round(eventTs + latency), body });
      if (this.redeliveryRate > 0 && random.chance(this.redeliveryRate)) {
        this.queue({ at: Math.round(eventTs + latency + random.between(2000, 60000)), body, redelivery: true });
      }
    }
  }

  private queue(event: SimEvent): void {
    this.outbox.push({ event, order: this.order++ });
  }

  /** deliveries due by `until` (ms), in delivery order; only final once every action up to `until` ran */
  deliveredBy(until: number): SimEvent[] {
    const out: SimEvent[] = [];
    while (this.outbox.size > 0 && this.outbox.peek()!.event.at <= until) out.push(this.outbox.pop()!.event);
    return out;
  }

  /** every delivery still in flight, in delivery order */
  flush(): SimEvent[] {
    return this.deliveredBy(Infinity);
  }

  /** deliveries still in flight */
  get inFlight(): number {
    return this.outbox.size;
  }
}
