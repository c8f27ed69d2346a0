import { getAnswer } from '../../support/api';
import { describe, expect, it } from 'vitest';
import { leaveOfReason } from '../../../server/state/normalize';
import { Traffic, type SimEvent } from '../../../server/demo/simulator';
import { openDatabase } from '../../../server/db/open';
import { CheckpointStore } from '../../../server/history/checkpoints';
import { rebuildState } from '../../../server/state/rebuild';
import { FakeClock } from '../../support/fake-clock';
import { connectionTo, startFakeZoom } from '../../support/fake-zoom';
import { rng } from '../../support/realistic-events';
import { shownOf, truthOf } from '../../support/repair-truth';
import type { TestServer } from '../../support/server';
import { serversPerTest } from '../../support/test-servers';
import { stateTables } from '../../support/state-tables';

const MINUTE = 60_000;
const servers = serversPerTest();

/** Zoom loses a share of the leaves (not the moves between rooms) and the end of every other meeting that ends. */
function loseSome(
  events: readonly SimEvent[],
  seed: number,
): { kept: SimEvent[]; lostLeaves: number; lostEnds: number } {
  const random = rng(seed);
  let lostLeaves = 0;
  let lostEnds = 0;
  const kept = events.filter(({ body }) => {
    const b = body as { event: string; payload: { object: { participant?: { leave_reason?: string } } } };
    const reason = b.payload.object.participant?.leave_reason;
    const departure = leaveOfReason(reason ?? null).scope === 'meeting' && !/host ended/i.test(reason ?? '');
    if (/^(meeting|webinar)\.participant_left$/.test(b.event) && departure) {
      if (random() < 0.4) return (lostLeaves++, false);
    }
    if (/^(meeting|webinar)\.ended$/.test(b.event) && lostEnds++ % 2 === 0) return false;
    return true;
  });
  return { kept, lostLeaves, lostEnds };
}

/** 32 posts in flight at a time: the reducer does not depend on the order of delivery */
async function deliver(server: TestServer, events: readonly SimEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 32) {
    const answers = await Promise.all(events.slice(i, i + 32).map(({ body }) => server.post(body)));
    for (const answer of answers) expect(answer.status).toBe(200);
  }
}

/**
 * Twenty minutes of an account's traffic in which Zoom lost a share of the leaves and some ends,
 * delivered to a server that repairs from a fake Zoom answering from the same truth, in pages of 7.
 */
async function lossyTraffic(seed: number, kinds: { meetings: number; webinars: number }) {
  const clock = new FakeClock();
  const traffic = new Traffic({ seed, start: clock.now() - 20 * MINUTE, rate: 2, ...kinds, redeliveryRate: 0 });
  const { kept, lostLeaves, lostEnds } = loseSome([...traffic.advanceTo(clock.now()), ...traffic.flush()], seed);
  expect(lostLeaves).toBeGreaterThan(3);
  expect(lostEnds).toBeGreaterThan(0);
  const fake = await startFakeZoom({ world: traffic.world, clock, maxPageSize: 7 });
  servers.keep(fake);
  const server = await servers.start({
    clock,
    zoom: connectionTo(fake, traffic.world, { meetingsIntervalMs: MINUTE, appId: null }),
  });
  await deliver(server, kept);
  return { clock, world: traffic.world, kept, fake, server };
}

/** Stops the server and rebuilds its state from the event log: the same as the live state it had. */
async function expectRebuildEqualsLive(server: TestServer): Promise<void> {
  const incremental = stateTables(server.db);
  await servers.stop(server);
  const db = openDatabase(server.dbPath);
  rebuildState(db, [new CheckpointStore(db)]);
  expect(stateTables(db)).toEqual(incremental);
  db.$client.close();
}

/** Simulated time passes second by second, each second's turn of repair finished before the next. */
async function runRepair(server: TestServer, clock: FakeClock, ms: number): Promise<void> {
  const repairer = server.application.repairer!;
  for (let t = 0; t < ms; t += 1000) {
    clock.advance(1000);
    await repairer.tick();
  }
}

describe('repair from Zoom REST API', () => {
  it('makes every live meeting equal the truth when Zoom lost leaves and ends, and the state still equals a rebuild', async () => {
    const { clock, world, kept, fake, server } = await lossyTraffic(5, { meetings: 5, webinars: 0 });
    const truth = truthOf(world);
    expect(Object.keys(truth).length).toBeGreaterThan(2);
    // without repair, the ghosts and the meetings that never ended stay
    expect(shownOf(server.application.live, world)).not.toEqual(truth);

    await runRepair(server, clock, 5 * MINUTE);
    expect(shownOf(server.application.live, world)).toEqual(truth);
    const status = server.application.repairer!.status();
    const corrected = status.accounts.reduce((n, a) => n + a.corrections['roomwatch.repair.participant_left'], 0);
    const ended = status.accounts.reduce((n, a) => n + a.corrections['roomwatch.repair.meeting_ended'], 0);
    expect(corrected).toBeGreaterThan(0);
    expect(ended).toBeGreaterThan(0);
    // GET /api/status counts the corrections apart from the webhooks Zoom delivered
    const served = await getAnswer(server.api, 'GET /api/status');
    expect(served.webhooks.accepted + served.webhooks.unknown).toBe(kept.length);
    const allCorrections = status.accounts.flatMap((a) => Object.values(a.corrections)).reduce((n, c) => n + c, 0);
    expect(served.repair.corrections).toBe(allCorrections);
    expect(served.stored.events).toBe(kept.length + allCorrections);
    // paging happened: some meeting had more people than one page holds
    expect(fake.callsTo(/\/participants$/).length).toBeGreaterThan(Object.keys(truth).length);

    // the timeline words each correction as a repair
    const timeline = await getAnswer(server.api, 'GET /api/events', { query: { type: 'participants', limit: 500 } });
    const repairs = timeline.entries.filter((e) => e.source === 'repair');
    expect(repairs.length).toBeGreaterThanOrEqual(corrected);
    expect(repairs[0]!.sentence).toMatch(/ was no longer in the meeting, by Zoom's live list at \d\d:\d\d UTC$/);

    await expectRebuildEqualsLive(server);
  }, 120_000);

  it("repairs live webinars the same way, from the Dashboard's webinar lists", async () => {
    const { clock, world, fake, server } = await lossyTraffic(8, { meetings: 1, webinars: 4 });
    const webinarsOfWorld = world.meetings.filter((m) => m.kind === 'webinar');
    expect(webinarsOfWorld.length).toBeGreaterThan(2);
    const webinars = new Set(webinarsOfWorld.map((m) => m.facts.uuid));
    const onlyWebinars = (all: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(all).filter(([uuid]) => webinars.has(uuid)));
    const truth = onlyWebinars(truthOf(world));
    expect(Object.keys(truth).length).toBeGreaterThan(1);
    expect(onlyWebinars(shownOf(server.application.live, world))).not.toEqual(truth);

    await runRepair(server, clock, 5 * MINUTE);
    expect(onlyWebinars(shownOf(server.application.live, world))).toEqual(truth);
    expect(fake.callsTo(/^\/v2\/metrics\/webinars$/).length).toBeGreaterThan(1);
    expect(fake.callsTo(/^\/v2\/metrics\/webinars\/[^/]+\/participants$/).length).toBeGreaterThan(0);
    await expectRebuildEqualsLive(server);
  }, 120_000);
});
