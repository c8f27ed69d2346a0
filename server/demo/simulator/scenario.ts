/** Scripted stories for tests: exactly the events of the actions a test performs, at the times it sets. */
import { expectedState, type ExpectedMeeting } from './expected';
import type { SimMeeting } from './meeting';
import { World, type MeetingSpec, type SimEvent, type WorldOptions } from './world';

export interface ScenarioOptions extends Pick<WorldOptions, 'accounts' | 'breakoutEvents' | 'exactTimes'> {
  seed?: number;
  /** when the story begins: ms since epoch or an ISO date (default 2026-04-03T17:00:00Z) */
  start?: number | string;
}

export class Scenario {
  readonly world: World;
  private readonly delivered: SimEvent[] = [];
  /** deliveries take() has not handed out yet */
  private untaken: SimEvent[] = [];

  constructor(options: ScenarioOptions = {}) {
    const { seed = 1, start: given, ...world } = options;
    const start = typeof given === 'string' ? Date.parse(given) : given;
    if (start !== undefined && Number.isNaN(start)) throw new Error(`not a date: ${given}`);
    this.world = new World({ ...world, seed, start });
  }

  /** the story's clock (ms since epoch): actions happen now */
  get now(): number {
    return this.world.now;
  }

  wait(ms: number): this {
    if (!(ms >= 0)) throw new Error('wait needs a duration in ms >= 0');
    this.world.now += ms;
    return this;
  }

  /** moves the story's clock on to `time` (ms since epoch); a story never goes back in time */
  waitUntil(time: number): this {
    if (!(time >= this.world.now)) throw new Error(`cannot go back from ${this.world.now} to ${time}`);
    this.world.now = time;
    return this;
  }

  /** a meeting, started with its host in it; with `hostLate`, joiners wait for the host until start() */
  meeting(spec: Omit<MeetingSpec, 'kind'> & { hostLate?: boolean } = {}): SimMeeting {
    const meeting = this.world.createMeeting({ ...spec, kind: 'meeting' });
    if (!spec.hostLate) meeting.start();
    return meeting;
  }

  /** a webinar, started with its host in it */
  webinar(spec: Omit<MeetingSpec, 'kind' | 'waitingRoom'> = {}): SimMeeting {
    const webinar = this.world.createMeeting({ ...spec, kind: 'webinar' });
    webinar.start();
    return webinar;
  }

  /** every delivery of the story so far, in delivery order */
  events(): SimEvent[] {
    this.collect();
    return [...this.delivered];
  }

  /** the deliveries of the story that no earlier take() handed out, in delivery order */
  take(): SimEvent[] {
    this.collect();
    const fresh = this.untaken;
    this.untaken = [];
    return fresh;
  }

  /** the live state once all of events() is applied */
  expected(): ExpectedMeeting[] {
    return expectedState(this.world.meetings);
  }

  private collect(): void {
    const fresh = this.world.flush();
    if (fresh.length === 0) return;
    const byDelivery = (a: SimEvent, b: SimEvent) => a.at - b.at;
    this.delivered.push(...fresh);
    this.delivered.sort(byDelivery);
    this.untaken.push(...fresh);
    this.untaken.sort(byDelivery);
  }
}
