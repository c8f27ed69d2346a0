/**
 * The fake Zoom's own promises, which the demo and the repair tests lean on: its call log keeps
 * the newest calls and counts the rest, however long it runs, and its rate limits count every call
 * Zoom would, whether or not the log still holds it.
 */
import { afterEach, expect, it } from 'vitest';
import type { FakeZoom } from '../../../server/demo/fake-zoom/server';
import { Scenario } from '../../../server/demo/simulator';
import { FakeClock } from '../../support/fake-clock';
import { startFakeZoom } from '../../support/fake-zoom';

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
