/**
 * Repair's figures in GET /metrics, after a few minutes of repair against the fake Zoom: checks,
 * corrections, calls and answers as the fake counted them, the day's budget, the last backfill.
 */
import { afterEach, expect, it } from 'vitest';
import { Scenario } from '../../../server/demo/simulator';
import { eventually } from '../../support/eventually';
import { FakeClock } from '../../support/fake-clock';
import { TEST_APP_ID, connectionTo, startFakeZoom } from '../../support/fake-zoom';
import { parsePrometheus, sampleValue, scrape, scrapeSamples } from '../../support/prometheus';
import { startTestServer } from '../../support/server';

const MINUTE = 60_000;
const TOKEN = 'metrics-token-0123456789abcdef';
let closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing) await close().catch(() => undefined);
  closing = [];
});

it('counts what repair did, spent and found, per account, as GET /api/repair and the fake Zoom say', async () => {
  const clock = new FakeClock();
  const story = new Scenario({ seed: 4, start: clock.now() - 20 * MINUTE, exactTimes: true, accounts: 1 });
  const meeting = story.meeting({ topic: 'Design review' });
  meeting.join('Ana Lima');
  meeting.join('Bo Chen').drop();
  const fake = await startFakeZoom({ world: story.world, clock });
  const server = await startTestServer({
    clock,
    metricsToken: TOKEN,
    zoom: connectionTo(fake, story.world, { meetingsIntervalMs: MINUTE }),
  });
  closing.push(
    () => server.close(),
    () => fake.close(),
  );
  const repairer = server.application.repairer!;
  await eventually(async () => repairer.status().accounts[0]!.backfill !== null);
  for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
  // Cy's join never arrived: Zoom's live list and its webhook log have it
  meeting.join('Cy Diaz');
  for (const { body, at } of story.take()) fake.logDelivery(TEST_APP_ID, JSON.stringify(body), 'failed', at);
  // one 429 and one failure among the per-meeting calls
  fake.script(
    /\/participants$/,
    { status: 429, body: { code: 429, message: 'Too many requests' }, headers: { 'retry-after': '2' } },
    { status: 500, body: { message: 'Internal error' } },
  );
  for (let t = 0; t < 5 * MINUTE; t += 1000) {
    clock.advance(1000);
    await repairer.tick();
  }
  await repairer.backfill();

  const [status] = repairer.status().accounts;
  const account = { account: status!.accountId };
  const response = await scrape(server.url, `Bearer ${TOKEN}`);
  const { types } = parsePrometheus(await response.text());
  for (const name of [
    'roomwatch_repair_checks_total',
    'roomwatch_repair_looks_unused_total',
    'roomwatch_repair_corrections_total',
    'roomwatch_repair_zoom_calls_total',
    'roomwatch_repair_zoom_answers_total',
  ])
    expect(types.get(name), name).toBe('counter');
  const all = await scrapeSamples(server.url, TOKEN);
  const value = (name: string, labels: Record<string, string> = {}) =>
    sampleValue(all, `roomwatch_repair_${name}`, { ...account, ...labels });

  expect(value('checks_total', { check: 'participants' })).toBe(status!.checks.participants);
  expect(value('checks_total', { check: 'participants' })).toBeGreaterThanOrEqual(2);
  expect(value('checks_total', { check: 'meetings' })).toBe(status!.checks.meetings);
  expect(value('looks_unused_total', { reason: 'failed' })).toBe(2);
  expect(value('looks_unused_total', { reason: 'ignored' })).toBe(0);
  expect(value('corrections_total', { event: 'roomwatch.repair.participant_left' })).toBe(1);
  expect(value('corrections_total', { event: 'roomwatch.repair.participant_joined' })).toBe(1);
  expect(value('corrections_total', { event: 'roomwatch.repair.meeting_ended' })).toBe(0);

  // every call as the fake Zoom answered it
  const calls = fake.calls;
  expect(calls).toHaveLength(fake.callCount);
  expect(value('zoom_calls_total', { class: 'list' })).toBe(calls.filter((c) => c.class === 'list').length);
  expect(value('zoom_calls_total', { class: 'heavy' })).toBe(calls.filter((c) => c.class === 'heavy').length);
  expect(value('zoom_answers_total', { outcome: 'ok' })).toBe(calls.filter((c) => c.status === 200).length);
  expect(value('zoom_answers_total', { outcome: 'rate_limited' })).toBe(1);
  expect(value('zoom_answers_total', { outcome: 'error' })).toBe(1);
  expect(value('zoom_daily_budget_calls')).toBe(30_000);
  expect(value('zoom_daily_budget_remaining_calls')).toBe(30_000 - fake.callCount);
  expect(value('zoom_paused_until_timestamp_seconds')).toBe(0);
  expect(value('dashboard_available')).toBe(1);
  expect(value('last_check_timestamp_seconds')).toBe(Date.parse(status!.lastCheckAt!) / 1000);
  expect(value('last_error_timestamp_seconds')).toBe(Date.parse(status!.lastError!.at) / 1000);

  // the backfill on demand found Cy's join, which repair had already made up for
  expect(value('backfill_last_timestamp_seconds')).toBe(clock.now() / 1000);
  expect(value('backfill_last_success')).toBe(1);
  expect(value('backfill_last_deliveries', { outcome: 'accepted' })).toBe(1);
  expect(value('backfill_last_deliveries', { outcome: 'duplicate' })).toBe(0);
}, 60_000);

it('has no repair series without a Zoom connection', async () => {
  const server = await startTestServer({ metricsToken: TOKEN });
  closing.push(() => server.close());
  const { types } = parsePrometheus(await (await scrape(server.url, `Bearer ${TOKEN}`)).text());
  expect([...types.keys()].filter((name) => name.startsWith('roomwatch_repair_'))).toEqual([]);
  expect(types.get('roomwatch_webhooks_total')).toBe('counter');
});

it('counts "meeting not found" for a meeting whose end Zoom lost apart from errors, and the meeting ends', async () => {
  const clock = new FakeClock();
  const story = new Scenario({ seed: 5, start: clock.now() - 20 * MINUTE, exactTimes: true, accounts: 1 });
  const meeting = story.meeting({ topic: 'Lost end' });
  meeting.join('Ana Lima');
  const fake = await startFakeZoom({ world: story.world, clock });
  const server = await startTestServer({
    clock,
    metricsToken: TOKEN,
    zoom: connectionTo(fake, story.world, { meetingsIntervalMs: 3 * MINUTE, participantsIntervalMs: MINUTE }),
  });
  closing.push(
    () => server.close(),
    () => fake.close(),
  );
  const repairer = server.application.repairer!;
  for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
  // the meeting ends, but Zoom never delivers meeting.ended
  meeting.end();
  story.take();
  for (let t = 0; t < 6 * MINUTE; t += 1000) {
    clock.advance(1000);
    await repairer.tick();
  }

  const [status] = repairer.status().accounts;
  const notFound = fake.callsTo(/\/participants$/).filter((c) => c.status === 404);
  expect(notFound.length).toBeGreaterThan(0);
  expect(status!.calls.notFound).toBe(notFound.length);
  expect(status!.calls.failed).toBe(0);
  expect(status!.checks.failed).toBe(0);
  expect(status!.lastError).toBeNull();
  expect(status!.corrections['roomwatch.repair.meeting_ended']).toBe(1);
  expect(server.application.live.get(meeting.facts.uuid)?.meeting.ended).not.toBeNull();
  const all = await scrapeSamples(server.url, TOKEN);
  const answers = (outcome: string) =>
    sampleValue(all, 'roomwatch_repair_zoom_answers_total', { account: status!.accountId, outcome });
  expect(answers('not_found')).toBe(notFound.length);
  expect(answers('error')).toBe(0);
}, 60_000);
