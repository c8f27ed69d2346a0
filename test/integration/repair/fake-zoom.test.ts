/**
 * The fake Zoom's own promises, which the demo and the repair tests lean on: its call log keeps
 * the newest calls and counts the rest, however long it runs, and its rate limits count every call
 * Zoom would, whether or not the log still holds it; its webhook delivery log keeps the newest
 * deliveries of Zoom's 7 days and counts the rest.
 */
import { afterEach, expect, it } from 'vitest';
import type { FakeZoom } from '../../../server/demo/fake-zoom/server';
import { Scenario } from '../../../server/demo/simulator';
import { FakeClock } from '../../support/fake-clock';
import { TEST_APP_ID, startFakeZoom } from '../../support/fake-zoom';

let fake: FakeZoom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function tokenOf(zoom: FakeZoom, accountId: string): Promise<string> {
  const url = `${zoom.oauthUrl}?grant_type=account_credentials&account_id=${encodeURIComponent(accountId)}`;
  const basic = Buffer.from('client-0:secret-0').toString('base64');
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

it('keeps the newest calls in its log and counts the others, while its rate limits still count them all', async () => {
  const clock = new FakeClock();
  const story = new Scenario({ seed: 3, start: clock.now(), exactTimes: true, accounts: 1 });
  story.meeting({ topic: 'Standup' });
  const accountId = story.world.accounts[0]!.id;
  fake = await startFakeZoom({
    world: story.world,
    clock,
    keptCalls: 4,
    limits: { listPerMinute: 6, heavyPerSecond: 40, perDay: 60_000 },
  });
  const token = await tokenOf(fake, accountId);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    clock.advance(1000);
    const response = await fetch(`${fake.apiUrl}/metrics/meetings?type=live`, {
      headers: { authorization: `Bearer ${token}` },
    });
    statuses.push(response.status);
  }
  // six list calls a minute, counted while the log held only four of them
  expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  expect(fake.callCount).toBe(7);
  expect(fake.calls.map((c) => [c.at, c.status])).toEqual([
    [clock.now() - 3000, 200],
    [clock.now() - 2000, 200],
    [clock.now() - 1000, 200],
    [clock.now(), 429],
  ]);
  expect(fake.callsTo(/^\/v2\/metrics\/meetings$/)).toHaveLength(4);
});

it("keeps the newest deliveries of Zoom's last 7 days in its webhook log, answers from them, and counts the others", async () => {
  const clock = new FakeClock();
  const story = new Scenario({ seed: 3, start: clock.now(), exactTimes: true, accounts: 1 });
  const accountId = story.world.accounts[0]!.id;
  fake = await startFakeZoom({ world: story.world, clock, keptDeliveries: 3 });
  const DAY = 86_400_000;
  const body = (n: number) => JSON.stringify({ event: 'meeting.started', event_ts: n, payload: {} });
  // Zoom has forgotten a delivery 8 days old; of the five of today the log keeps the newest three
  fake.logDelivery(TEST_APP_ID, body(0), 'failed', clock.now() - 8 * DAY);
  for (let n = 1; n <= 5; n++) fake.logDelivery(TEST_APP_ID, body(n), 'success', clock.now() - (6 - n) * 1000);
  expect(fake.deliveryCount).toBe(6);
  expect(fake.webhookLog.get(TEST_APP_ID)).toHaveLength(3);

  const token = await tokenOf(fake, accountId);
  const from = new Date(clock.now() - 9 * DAY).toISOString();
  const to = new Date(clock.now()).toISOString();
  const response = await fetch(
    `${fake.apiUrl}/marketplace/apps/${TEST_APP_ID}/webhook_logs?from=${from}&to=${to}&page_size=300`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(response.status).toBe(200);
  const { webhook_logs } = (await response.json()) as { webhook_logs: { request_body: string }[] };
  expect(webhook_logs.map((entry) => (JSON.parse(entry.request_body) as { event_ts: number }).event_ts)).toEqual([
    3, 4, 5,
  ]);
});
