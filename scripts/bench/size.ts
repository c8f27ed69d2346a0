/**
 * Size: the cost of an event must not grow with its meeting. Sustained throughput (closed loop) of
 * people leaving and others arriving in MEETINGS meetings of 10,000 people each, against the same
 * traffic into MEETINGS meetings of 10, each on a fresh Roomwatch; the meetings are filled first,
 * unmeasured.
 */
import { World, type SimParticipant, type ZoomBody } from '../../server/demo/simulator';
import type { BenchContext, BenchOutcome } from './context';
import type { Figure } from './report';
import { sustainedThroughput, type ThroughputResult } from './throughput';

const MEETINGS = 2;
const SMALL = 10;

/**
 * MEETINGS meetings of `people` (the hosts included), then `changes` turns of someone leaving and
 * someone new arriving: the meetings keep their size, and nobody comes back, so that the small
 * meetings raise no more alerts than the large ones (a person rejoining is an unstable participant).
 */
function churn(seed: number, people: number, changes: number): { setup: ZoomBody[]; run: ZoomBody[] } {
  const world = new World({ seed, start: Date.now() - 3_600_000 });
  const meetings = Array.from({ length: MEETINGS }, () => world.createMeeting({ waitingRoom: false }));
  const present: SimParticipant[][] = meetings.map((meeting) => [meeting.start()]);
  for (let i = 1; i < people; i++) {
    for (const [m, meeting] of meetings.entries()) {
      world.now += 1;
      present[m]!.push(meeting.join(null, { skipWaitingRoom: true }));
    }
  }
  const setup = world.flush().map((event) => event.body);
  for (let i = 0; i < changes; i++) {
    const inMeeting = present[i % MEETINGS]!;
    // the host stays: a meeting without its host would raise alerts the small meetings do not
    const at = world.random.int(1, inMeeting.length - 1);
    world.now += 1;
    inMeeting[at]!.leave();
    world.now += 1;
    inMeeting[at] = meetings[i % MEETINGS]!.join(null, { skipWaitingRoom: true });
  }
  return { setup, run: world.flush().map((event) => event.body) };
}

export async function size(context: BenchContext): Promise<BenchOutcome> {
  const sizes = context.quick
    ? { large: 2_000, warmupMs: 1_000, measureMs: 3_000, changes: 15_000 }
    : { large: 10_000, warmupMs: 2_000, measureMs: 10_000, changes: 40_000 };
  const results: Record<'small' | 'large', ThroughputResult> = {} as never;
  for (const [which, people] of [
    ['small', SMALL],
    ['large', sizes.large],
  ] as const) {
    context.log(
      `size: roomwatch, people leaving and arriving in ${MEETINGS} meetings of ${people.toLocaleString('en-US')}`,
    );
    const traffic = churn(context.seed, people, sizes.changes);
    results[which] = await sustainedThroughput(context, 'roomwatch', `size-${which}`, traffic.run, sizes, {
      bodies: traffic.setup,
    });
  }
  const share = results.large.perSecond / results.small.perSecond;
  const failed = results.large.outcomes.failed + results.small.outcomes.failed > 0;
  const figures: Figure[] = [
    {
      benchmark: 'size',
      name: `throughput into meetings of ${sizes.large.toLocaleString('en-US')} (${Math.round(share * 100)} %; baseline column: meetings of ${SMALL})`,
      unit: 'per_second',
      roomwatch: results.large.perSecond,
      baseline: results.small.perSecond,
      target: '≥ 90 % of meetings of 10',
      pass: share >= 0.9 && !failed,
    },
  ];
  return { figures, details: { meetings: MEETINGS, sizes, results } };
}
