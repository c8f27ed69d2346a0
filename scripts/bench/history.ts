/**
 * History: the state of a long, big meeting at a random moment (GET /api/meetings/:uuid/state?at=),
 * against the same meeting's live detail (GET /api/meetings/:uuid, from memory) in the same run.
 * The meeting lasts 8 hours with 1,000 people: arrivals through the waiting room, then moves
 * between breakout rooms, shares, leaves and new arrivals all day.
 */
import { Scenario, type SimParticipant, type ZoomBody } from '../../server/demo/simulator';
import { mulberry32 } from '../../server/demo/simulator/random';
import { postBodies, signIn, withServer, type BenchContext, type BenchOutcome } from './context';
import type { Figure } from './report';
import { distribution, wallClock, type Distribution } from './stats';

const CONCURRENCY = 32;
const ROOMS = 10;
/** one action of someone in the meeting every this many ms, all day */
const ACTION_EVERY_MS = 10_000;

/** The day of one meeting, ending a few minutes ago: its deliveries, uuid, and first and last event times. */
function longMeeting(seed: number, hours: number, people: number) {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const story = new Scenario({ seed, start: Date.now() - hours * 3_600_000 - 5 * 60_000 });
  const meeting = story.meeting({ topic: 'All-day workshop', waitingRoom: true });
  const rooms = meeting.openBreakoutRooms(ROOMS);
  const inMain: SimParticipant[] = [];
  const inRoom: SimParticipant[] = [];
  const waiting: SimParticipant[] = [];
  const arrive = () => waiting.push(meeting.join());
  const admitOne = () => {
    const person = waiting.shift();
    if (!person) return;
    person.admit();
    inMain.push(person);
  };
  const take = (list: SimParticipant[]) => list.splice(Math.floor(next() * list.length), 1)[0];
  // arrivals over the first half hour, admitted a little later
  const arrivalGap = (30 * 60_000) / people;
  for (let i = 0; i < people; i++) {
    arrive();
    story.wait(arrivalGap);
    if (waiting.length > 5) admitOne();
  }
  while (waiting.length > 0) admitOne();
  const end = story.now + hours * 3_600_000 - 30 * 60_000;
  while (story.now < end) {
    story.wait(ACTION_EVERY_MS);
    const action = next();
    if (action < 0.45 && inMain.length > 0) {
      const person = take(inMain)!;
      person.moveTo(pick(rooms));
      inRoom.push(person);
    } else if (action < 0.85 && inRoom.length > 0) {
      const person = take(inRoom)!;
      person.returnToMain();
      inMain.push(person);
    } else if (action < 0.92 && inMain.length > 0) {
      take(inMain)!.leave();
      arrive();
    } else if (action < 0.97) {
      admitOne();
    } else if (inMain.length > 0) {
      const person = pick(inMain);
      person.share('desktop');
      story.wait(1_000);
      person.stopSharing();
    }
  }
  const bodies: ZoomBody[] = story.events().map((e) => e.body);
  const times = bodies.map((b) => b.event_ts);
  return { bodies, uuid: meeting.facts.uuid, first: Math.min(...times), last: Math.max(...times) };
}

async function timeGets(url: string, cookie: string, paths: readonly string[]): Promise<Distribution> {
  const samples: number[] = [];
  for (const path of paths) {
    const startedAt = wallClock();
    const response = await fetch(`${url}${path}`, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
    samples.push(wallClock() - startedAt);
  }
  return distribution(samples);
}

export async function history(context: BenchContext): Promise<BenchOutcome> {
  const size = context.quick ? { hours: 1, people: 200, moments: 50 } : { hours: 8, people: 1_000, moments: 300 };
  const day = longMeeting(context.seed, size.hours, size.people);
  const what = `${size.hours} h, ${size.people.toLocaleString('en-US')} people, ${day.bodies.length.toLocaleString('en-US')} events`;

  return withServer(context, 'roomwatch', 'history', async (server) => {
    context.log(`history: posting one meeting (${what})`);
    const { accepted } = await postBodies(server.url, day.bodies, CONCURRENCY);
    if (accepted !== day.bodies.length)
      throw new Error(`only ${accepted} of ${day.bodies.length} deliveries were accepted`);
    const cookie = await signIn(server.url);
    const meeting = `/api/meetings/${encodeURIComponent(day.uuid)}`;
    const next = mulberry32(context.seed + 1);
    const moment = () => new Date(day.first + Math.floor(next() * (day.last - day.first))).toISOString();

    // the first look may write the checkpoints the periodic job has not written yet
    const first = await timeGets(server.url, cookie, [`${meeting}/state?at=${moment()}`]);
    const past = await timeGets(
      server.url,
      cookie,
      Array.from({ length: size.moments }, () => `${meeting}/state?at=${moment()}`),
    );
    const live = await timeGets(
      server.url,
      cookie,
      Array.from({ length: size.moments }, () => meeting),
    );
    const counts = await timeGets(server.url, cookie, [`${meeting}/counts`, `${meeting}/counts`, `${meeting}/counts`]);

    const figures: Figure[] = [
      {
        benchmark: 'history',
        name: `state at a random moment (${what}), median (baseline: the live detail)`,
        unit: 'ms',
        roomwatch: past.p50,
        baseline: live.p50,
        target: null,
        pass: null,
      },
      {
        benchmark: 'history',
        name: `state at a random moment, p99 of ${size.moments} (baseline: the live detail)`,
        unit: 'ms',
        roomwatch: past.p99,
        baseline: live.p99,
        target: '< 250 ms',
        pass: past.p99 < 250,
      },
      {
        benchmark: 'history',
        name: 'first look into the past (writes missing checkpoints)',
        unit: 'ms',
        roomwatch: first.p50,
        baseline: null,
        target: null,
        pass: null,
      },
      {
        benchmark: 'history',
        name: 'counts over the whole meeting, median of 3',
        unit: 'ms',
        roomwatch: counts.p50,
        baseline: null,
        target: null,
        pass: null,
      },
    ];
    return { figures, details: { size, events: day.bodies.length, first, past, live, counts } };
  });
}
