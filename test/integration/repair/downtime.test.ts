import type { BackfillReport } from '../../../shared/repair/status';
import { answerOf, getAnswer } from '../../support/api';
import { describe, expect, it } from 'vitest';
import { Traffic, type SimEvent } from '../../../server/demo/simulator';
import { detailView } from '../../../server/state/views';
import { FakeClock } from '../../support/fake-clock';
import { eventually } from '../../support/eventually';
import { expectedStateOf, shownState } from '../../support/expected-state';
import { TEST_APP_ID, connectionTo, startFakeZoom } from '../../support/fake-zoom';
import type { TestServer } from '../../support/server';
import { serversPerTest } from '../../support/test-servers';

const MINUTE = 60_000;
const DAY = 86_400_000;
const servers = serversPerTest();

const eventCount = (server: TestServer) =>
  (server.db.$client.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

/** The backfill's pages wait for the budget on the server's (fake) clock: time moves on while the test waits. */
function advancingUntil<T>(clock: FakeClock, done: () => T | null | undefined | false): Promise<T> {
  return eventually(async () => {
    clock.advance(100);
    return done();
  }, 10);
}

/** The start-up backfill's reports, once every account has one. */
const startupReports = (server: TestServer) => {
  const reports = server.application.repairer!.status().accounts.map((a) => a.backfill);
  return reports.every((r) => r !== null) && (reports as BackfillReport[]);
};

/** A request answered while the test moves the server's clock on. */
async function whileAdvancing(clock: FakeClock, request: Promise<Response>): Promise<Response> {
  let answer: Response | null = null;
  void request.then((r) => (answer = r));
  return advancingUntil(clock, () => answer);
}

describe('repair: downtime backfill', () => {
  it('feeds the deliveries Zoom logged while Roomwatch was down through ingest: the state equals the truth, nothing twice', async () => {
    const clock = new FakeClock();
    const traffic = new Traffic({
      seed: 9,
      start: clock.now(),
      rate: 2,
      meetings: 3,
      webinars: 1,
      redeliveryRate: 0.05,
      accounts: 1,
    });
    const fake = await startFakeZoom({ world: traffic.world, clock, maxPageSize: 20 });
    servers.keep(fake);
    // only the backfill: the other layers' first looks would come after a day
    const zoom = connectionTo(fake, traffic.world, { participantsIntervalMs: DAY, meetingsIntervalMs: DAY });
    const log = (events: readonly SimEvent[], status: 'success' | 'failed') => {
      for (const e of events) fake.logDelivery(TEST_APP_ID, JSON.stringify(e.body), status, e.at);
    };

    clock.advance(6 * MINUTE);
    const before = traffic.advanceTo(clock.now());
    const first = await servers.start({ clock, zoom });
    // the first start's backfill (of an empty log) is over before the traffic comes
    await advancingUntil(clock, () => startupReports(first));
    for (const { body } of before) expect((await first.post(body)).status).toBe(200);
    const lastReceivedAt = clock.now();
    log(before, 'success');
    const storedBefore = eventCount(first);
    await servers.stop(first);

    // Roomwatch is down for six minutes: every delivery fails, and Zoom logs it
    clock.advance(6 * MINUTE);
    const during = [...traffic.advanceTo(clock.now()), ...traffic.flush()];
    log(during, 'failed');
    clock.advance(MINUTE);
    const distinct = new Set([...before, ...during].map((e) => JSON.stringify(e.body))).size;

    const second = await servers.start({ clock, zoom, dir: first.dir });
    const [report] = await advancingUntil(clock, () => startupReports(second));
    expect(report!.error).toBeNull();
    // from the last webhook before the stop
    expect(report!.from).toBe(new Date(lastReceivedAt).toISOString());
    // more pages than the budget allows at once: the backfill waited for it rather than giving up
    expect(fake.callsTo(/webhook_logs$/).length).toBeGreaterThan(20);
    expect(report!.accepted).toBeGreaterThan(0);
    expect(report!.duplicates).toBeGreaterThan(0);
    expect(eventCount(second)).toBe(distinct);
    expect(eventCount(second)).toBeGreaterThan(storedBefore);

    // GET /api/status: no webhook came to the endpoint; what the backfill added is counted apart
    const served = await getAnswer(second.api, 'GET /api/status');
    expect(served.webhooks).toMatchObject({ accepted: 0, duplicates: 0, quarantined: 0 });
    expect(served.repair.backfilled).toEqual({
      accepted: report!.accepted,
      duplicates: report!.duplicates,
      quarantined: report!.quarantined,
    });

    const expected = traffic.expected();
    expect(expected.filter((m) => m.status === 'live').length).toBeGreaterThan(0);
    for (const meeting of expected) {
      const state = second.application.live.get(meeting.uuid)!;
      const shown = shownState(detailView(state, state.meeting.ended ? 'ended' : 'live'));
      expect(shown, `"${meeting.topic}"`).toEqual(expectedStateOf(meeting));
    }

    // on demand from the admin status page: everything is a duplicate now, and the audit log says who asked
    const again = await whileAdvancing(clock, second.api('/api/repair/backfill', { method: 'POST' }));
    expect(again.status).toBe(200);
    const [onDemand] = await answerOf('POST /api/repair/backfill', again);
    expect(onDemand).toMatchObject({ accepted: 0, quarantined: 0, duplicates: report!.entries, error: null });
    expect(eventCount(second)).toBe(distinct);
    const { entries } = await getAnswer(second.api, 'GET /api/audit', { query: { action: 'backfill' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'admin',
      action: 'backfill',
      details: { reports: [{ from: onDemand!.from, to: onDemand!.to, accepted: 0, duplicates: onDemand!.duplicates }] },
    });
  }, 60_000);

  it('reads at most the 7 days Zoom keeps, and a stop ends a backfill that waits for the budget', async () => {
    const clock = new FakeClock();
    const traffic = new Traffic({ seed: 3, start: clock.now(), rate: 2, meetings: 2, webinars: 0, accounts: 1 });
    const fake = await startFakeZoom({ world: traffic.world, clock, maxPageSize: 1 });
    servers.keep(fake);
    const zoom = connectionTo(fake, traffic.world, { participantsIntervalMs: DAY, meetingsIntervalMs: DAY });
    clock.advance(2 * MINUTE);
    const first = await servers.start({ clock, zoom });
    await advancingUntil(clock, () => startupReports(first));
    for (const { body } of traffic.advanceTo(clock.now())) expect((await first.post(body)).status).toBe(200);
    await servers.stop(first);

    // ten days away, with more logged deliveries than the budget allows pages at once
    clock.advance(10 * DAY);
    for (let i = 0; i < 40; i++) {
      const body = JSON.stringify({ event: 'meeting.started', event_ts: clock.now() - i, payload: {} });
      fake.logDelivery(TEST_APP_ID, body, 'failed', clock.now() - i * 1000);
    }
    const second = await servers.start({ clock, zoom, dir: first.dir });
    // the clock stands still: after the 20 pages the budget allows at once (the first start read
    // one), the backfill waits for it, and the stop ends that wait
    await eventually(async () => fake.callsTo(/webhook_logs$/).length === 21);
    await servers.stop(second);
    const report = second.application.repairer!.status().accounts[0]!.backfill!;
    expect(report.error).toMatch(/stopping/);
    expect(report.from).toBe(new Date(clock.now() - 7 * DAY).toISOString());
  }, 60_000);
});
