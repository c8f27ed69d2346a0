/**
 * The call budget against Zoom's rate limits, counted by the fake Zoom per rate-limit class (the
 * lists of live meetings a minute, per-meeting calls a second, all of them a day).
 */
import { getAnswer } from '../../support/api';
import { afterAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../../server/demo/simulator';
import type { FakeCall, FakeZoom } from '../../../server/demo/fake-zoom/server';
import { meetingPathSegment } from '../../../server/repair/zoom-client';
import { FakeClock } from '../../support/fake-clock';
import { connectionTo, startFakeZoom } from '../../support/fake-zoom';
import { shownOf, truthOf } from '../../support/repair-truth';
import { startTestServer, type TestServer } from '../../support/server';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** a Business plan's limits (Zoom's documentation): repair may spend the configured share of each */
const ZOOM = { listPerMinute: 20, heavyPerSecond: 40, perDay: 60_000 };

const servers: TestServer[] = [];
const fakes: FakeZoom[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  for (const f of fakes) await f.close();
});

/** The most calls in any window of `windowMs` (each window starting at a call). */
function busiestWindow(calls: readonly FakeCall[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < calls.length; end++) {
    while (calls[end]!.at - calls[start]!.at >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** `meetings` live meetings of one account, each with three people; in `ghosts` of them one dropped without a leave. */
async function busyAccount(meetings: number, ghosts: number, fakeLimits?: typeof ZOOM, budgetShare = 0.5) {
  const clock = new FakeClock();
  const story = new Scenario({ seed: 11, start: clock.now() - 30 * MINUTE, exactTimes: true, accounts: 1 });
  for (let i = 0; i < meetings; i++) {
    const meeting = story.meeting({ topic: `Meeting ${i}` });
    meeting.join(`Ana ${i}`);
    const bo = meeting.join(`Bo ${i}`);
    if (i < ghosts) bo.drop();
  }
  // the log keeps a day's worth of calls at Zoom's full limit: the tests read every call repair made
  const fake = await startFakeZoom({ world: story.world, clock, limits: fakeLimits, keptCalls: ZOOM.perDay });
  fakes.push(fake);
  const zoom = connectionTo(fake, story.world, { appId: null, budgetShare });
  let server = await startTestServer({ clock, zoom });
  servers.push(server);
  const events = story.events();
  for (let i = 0; i < events.length; i += 32) {
    const answers = await Promise.all(events.slice(i, i + 32).map(({ body }) => server.post(body)));
    for (const answer of answers) expect(answer.status).toBe(200);
  }
  const startedAt = clock.now();
  /** simulated time passes second by second, each second's turn of repair finished before the next */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += SECOND) {
      clock.advance(SECOND);
      await server.application.repairer!.tick();
    }
  };
  /** stops the server and starts another on its database; `run` then runs the new one's repair */
  const restart = async () => {
    await server.stop();
    server = await startTestServer({ clock, zoom, dir: server.dir });
    servers.push(server);
    return server;
  };
  return { clock, story, fake, server, run, restart, startedAt };
}

describe('repair: the call budget', () => {
  it('over a simulated hour of 200 live meetings spends at most half of each limit, and still repairs every ghost', async () => {
    const { story, fake, server, run, startedAt } = await busyAccount(200, 20);
    const truth = truthOf(story.world);
    expect(Object.keys(truth)).toHaveLength(200);
    expect(shownOf(server.application.live, story.world)).not.toEqual(truth);

    await run(HOUR);
    const calls = fake.calls;
    expect(calls).toHaveLength(fake.callCount);
    const list = calls.filter((c) => c.class === 'list');
    const heavy = calls.filter((c) => c.class === 'heavy');
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    expect(busiestWindow(list, MINUTE)).toBeLessThanOrEqual(ZOOM.listPerMinute / 2);
    expect(busiestWindow(heavy, SECOND)).toBeLessThanOrEqual(ZOOM.heavyPerSecond / 2);
    // at the pace of the last 50 minutes, a day stays within half of the daily limit
    const steady = calls.filter((c) => c.at > startedAt + 10 * MINUTE);
    expect(steady.length).toBeGreaterThan(0);
    expect(steady.length).toBeLessThanOrEqual(((ZOOM.perDay / 2) * 50 * MINUTE) / DAY);
    expect(calls.length).toBeLessThanOrEqual(ZOOM.perDay / 2);

    // within that budget, every meeting was checked twice or more, and the ghosts have left
    for (const uuid of Object.keys(truth)) {
      const checks = heavy.filter((c) => c.path.includes(meetingPathSegment(uuid)));
      expect(checks.length, uuid).toBeGreaterThanOrEqual(2);
    }
    expect(shownOf(server.application.live, story.world)).toEqual(truth);

    // GET /api/repair shows what was spent, as Zoom counted it
    const view = await getAnswer(server.api, 'GET /api/repair');
    expect(view.accounts[0]!.calls).toMatchObject({
      list: list.length,
      heavy: heavy.length,
      dailyLimit: ZOOM.perDay / 2,
      rateLimited: 0,
      pausedUntil: null,
    });
    expect(view.accounts[0]!.corrections['roomwatch.repair.participant_left']).toBe(20);
  }, 240_000);

  it("carries what the day's budget spent over a restart the same Zoom day, and starts afresh on the next", async () => {
    const { clock, fake, server, run, restart } = await busyAccount(30, 0);
    await run(5 * MINUTE);
    const spent = (await getAnswer(server.api, 'GET /api/repair')).accounts[0]!.calls;
    expect(spent.today).toBe(fake.callCount);
    expect(spent.today).toBeGreaterThan(30);

    const again = await restart();
    expect((await getAnswer(again.api, 'GET /api/repair')).accounts[0]!.calls).toMatchObject({
      today: spent.today,
      list: 0,
      heavy: 0,
    });
    await run(2 * MINUTE);
    expect((await getAnswer(again.api, 'GET /api/repair')).accounts[0]!.calls.today).toBe(fake.callCount);

    // Zoom's day ends at 00:00 UTC (the clock starts at 09:00): a start on the next day counts from 0
    clock.advance(15 * HOUR);
    const tomorrow = await restart();
    expect((await getAnswer(tomorrow.api, 'GET /api/repair')).accounts[0]!.calls.today).toBe(0);
  }, 120_000);

  it('counts the day from 0 when what the database says it spent makes no sense, and repairs on', async () => {
    const { fake, server, run, restart } = await busyAccount(3, 0);
    await run(2 * MINUTE);
    expect(fake.callCount).toBeGreaterThan(0);
    server.db.$client.prepare("UPDATE repair_budget SET calls = 'many', day = 'today'").run();
    const again = await restart();
    expect((await getAnswer(again.api, 'GET /api/repair')).accounts[0]!.calls.today).toBe(0);
    const before = fake.callCount;
    await run(2 * MINUTE);
    expect((await getAnswer(again.api, 'GET /api/repair')).accounts[0]!.calls.today).toBe(fake.callCount - before);
    expect(fake.callCount).toBeGreaterThan(before);
  }, 120_000);

  it("restarting in a loop does not spend more than the day's share", async () => {
    // a share that makes the day's budget 60 calls, less than a life of the server would spend
    const { clock, fake, run, restart } = await busyAccount(30, 0, undefined, 0.001);
    const perDay = Math.floor(ZOOM.perDay * 0.001);
    for (let life = 0; life < 4; life++) {
      await run(20 * MINUTE);
      await restart();
    }
    expect(fake.callCount).toBe(perDay);
    // the next day, repair calls again
    clock.advance(15 * HOUR);
    const tomorrow = await restart();
    await run(2 * MINUTE);
    expect(fake.callCount).toBeGreaterThan(perDay);
    expect((await getAnswer(tomorrow.api, 'GET /api/repair')).accounts[0]!.calls.today).toBe(fake.callCount - perDay);
  }, 120_000);

  it('where other apps leave less than its share, honours every Retry-After of Zoom’s 429s and backs off', async () => {
    // the account's other apps leave one list call a minute and two per-meeting calls a second
    const { fake, server, run } = await busyAccount(30, 0, { listPerMinute: 1, heavyPerSecond: 2, perDay: 60_000 }, 1);
    await run(10 * MINUTE);
    const calls = fake.calls;
    expect(calls).toHaveLength(fake.callCount);
    const limited = calls.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    calls.forEach((refused, i) => {
      if (refused.status !== 429) return;
      const until = refused.at + refused.retryAfter! * SECOND;
      const during = calls.slice(i + 1).filter((c) => c.at < until);
      expect(during, `calls within the Retry-After of the 429 at ${refused.at}`).toEqual([]);
    });
    // it still gets its work done in between
    expect(calls.filter((c) => c.status === 200).length).toBeGreaterThan(limited.length);
    const view = await getAnswer(server.api, 'GET /api/repair');
    expect(view.accounts[0]!.calls.rateLimited).toBe(limited.length);
  }, 120_000);
});
