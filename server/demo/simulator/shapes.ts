/** Finite streams of a given size for benchmarks and load tests: crowds that join and stay. */
import { Agenda } from './agenda';
import { expectedState, type ExpectedMeeting } from './expected';
import { World, type SimEvent } from './world';

export interface FiniteStream {
  /** in delivery order */
  events: SimEvent[];
  /** the live state once every event is applied */
  expected: ExpectedMeeting[];
}

export interface CrowdOptions {
  seed: number;
  start?: number;
  meetings: number;
  /** people in all meetings together, hosts included (at least one per meeting) */
  participants: number;
  /** everyone has joined by then (default 10 minutes) */
  withinMs?: number;
}

/** `meetings` live meetings holding `participants` people between them, unevenly; nobody leaves. */
export function crowd(options: CrowdOptions): FiniteStream {
  const { meetings: count, participants } = options;
  if (!(count >= 1 && participants >= count))
    throw new Error('a crowd needs meetings >= 1 and participants >= meetings');
  const within = options.withinMs ?? 10 * 60_000;
  const world = new World({ seed: options.seed, start: options.start });
  const agenda = new Agenda(world);
  const random = world.random;
  const begin = world.now;
  const meetings = Array.from({ length: count }, () => {
    const meeting = world.createMeeting({ account: random.int(0, world.accounts.length - 1) });
    const startAt = begin + random.between(0, within * 0.1);
    agenda.at(startAt, () => meeting.start());
    return { meeting, startAt };
  });
  for (let i = count; i < participants; i++) {
    const { meeting, startAt } = random.pick(meetings);
    agenda.at(random.between(startAt + 1_000, begin + within), () => meeting.join());
  }
  agenda.runUntil();
  return { events: world.flush(), expected: expectedState(world.meetings) };
}

export interface WebinarStormOptions {
  seed: number;
  start?: number;
  attendees: number;
  /** everyone has joined by then (default 60 s) */
  withinMs?: number;
}

/** One webinar that `attendees` people join within `withinMs`, as at the start of a big launch event. */
export function webinarStorm(options: WebinarStormOptions): FiniteStream {
  const within = options.withinMs ?? 60_000;
  const world = new World({ seed: options.seed, start: options.start });
  const agenda = new Agenda(world);
  const webinar = world.createMeeting({ kind: 'webinar' });
  webinar.start();
  const begin = world.now;
  for (let i = 0; i < options.attendees; i++) {
    agenda.at(begin + world.random.between(1_000, within), () => webinar.join(null));
  }
  agenda.runUntil();
  return { events: world.flush(), expected: expectedState(world.meetings) };
}
