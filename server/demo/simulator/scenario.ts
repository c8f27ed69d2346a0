/** Scripted stories for tests: exactly the events of the actions a test performs, at the times it sets. */
import { expectedState, type ExpectedMeeting } from './expected';
import type { SimMeeting } from './meeting';
import { World, type MeetingSpec, type SimEvent } from './world';

export interface ScenarioOptions {
  seed?: number;
  /** when the story begins: ms since epoch or an ISO date (default 2026-04-03T17:00:00Z) */
  start?: number | string;
}

export class Scenario {
  readonly world: World;
  private readonly delivered: SimEvent[] = [];

  constructor(options: ScenarioOptions = {}) {
    const start = typeof options.start === 'string' ? Date.parse(options.start) : options.start;
    if (start !== undefined && Number.isNaN(start)) throw new Error(`not a date: ${options.start}`);
    this.world = new World({ seed: options.seed ?? 1, start });
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
    this.delivered.push(...this.world.flush());
    this.delivered.sort((a, b) => a.at - b.at);
    return [...this.delivered];
  }

  /** the live state once all of events() is applied */
  expected(): ExpectedMeeting[] {
    return expectedState(this.world.meetings);
  }
}
