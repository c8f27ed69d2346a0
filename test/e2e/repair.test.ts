/**
 * Repair's status page in a real Chromium: an admin sees the setup check, what repair did, the
 * calls spent against the budget, and runs a backfill; a viewer has no such page. axe-core's WCAG
 * rules pass, light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeZoom } from '../../server/demo/fake-zoom/server';
import type { RepairCalls } from '../../shared/repair/status';
import { Scenario } from '../../server/demo/simulator';
import { seriousViolations } from '../support/axe';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { eventually } from '../support/eventually';
import { FakeClock } from '../support/fake-clock';
import { TEST_APP_ID, connectionTo, startFakeZoom } from '../support/fake-zoom';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

const MINUTE = 60_000;
let server: TestServer;
let fake: FakeZoom;
let browser: Browser;

beforeAll(async () => {
  // the server's clock starts at the real time, so that the browser's session cookie is current
  const clock = new FakeClock(Date.now());
  const story = new Scenario({ seed: 4, start: clock.now() - 20 * MINUTE, exactTimes: true, accounts: 1 });
  const meeting = story.meeting({ topic: 'Design review' });
  meeting.join('Ana Lima');
  meeting.join('Bo Chen').drop();
  fake = await startFakeZoom({ world: story.world, clock });
  server = await startTestServer({ clock, zoom: connectionTo(fake, story.world, { meetingsIntervalMs: MINUTE }) });
  // the start-up backfill finds Zoom's log empty
  await eventually(async () => server.application.repairer!.status().accounts[0]!.backfill !== null);
  for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
  // Cy's join never arrived: only Zoom's webhook log has it
  meeting.join('Cy Diaz');
  for (const { body, at } of story.take()) fake.logDelivery(TEST_APP_ID, JSON.stringify(body), 'failed', at);
  // three minutes of repair: the ghost is gone, and Cy is there
  for (let t = 0; t < 3 * MINUTE; t += 1000) {
    clock.advance(1000);
    await server.application.repairer!.tick();
  }
  expect(server.application.repairer!.status().accounts[0]!.corrections['roomwatch.repair.participant_left']).toBe(1);
  await server.application.auth.users.add('the.viewer', 'viewer password 1', null, { role: 'viewer' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
});

async function signedIn(username: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/#/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, errors };
}

it('an admin sees the setup check, what repair did and spent, runs a backfill, and the page passes axe-core', async () => {
  const { page, errors } = await signedIn(TEST_ADMIN.username, TEST_ADMIN.password);
  const callsNow = () => server.application.repairer!.status().accounts[0]!.calls;
  const before = callsNow();
  await page.getByRole('link', { name: 'Repair' }).click();
  await page.getByRole('heading', { name: 'Repair from Zoom', level: 1 }).waitFor();
  const setup = page.getByRole('list', { name: 'Setup check' });
  await setup.getByText('The token works').waitFor();
  await setup.getByText('No scope is missing').waitFor();
  await setup.getByText('The Dashboard answers').waitFor();
  await setup.getByText('The downtime backfill is set up').waitFor();
  const lately = page.getByRole('definition').filter({ hasText: 'departures' });
  expect(await lately.textContent()).toMatch(/departures: 1, arrivals: 1\b/);
  // the page read the calls before or after the setup check's own call to Zoom
  const spentText = (calls: RepairCalls) =>
    `${calls.list + calls.heavy} (${calls.list} live lists, ${calls.heavy} per meeting) ` +
    `Budget ${calls.today} today of at most 30,000 a day`;
  const spent = (await page.getByLabel('Calls spent against the budget').textContent())!.replace(/\s+/g, ' ');
  expect([before, callsNow()].map((c) => spent.includes(spentText(c)))).toContain(true);

  const found: Record<string, string[]> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `repair-${scheme}`);
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[scheme] = violations;
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual({});

  await page.getByRole('button', { name: 'Run a backfill now' }).click();
  await page.getByRole('status').filter({ hasText: 'Backfill done: 1 logged deliveries: 1 new' }).waitFor();
  expect(server.application.repairer!.status().accounts[0]!.backfill).toMatchObject({ accepted: 1 });
  expect(errors).toEqual([]);
  await page.close();
});

it('a viewer has no Repair link, and the page tells them it is for admins', async () => {
  const { page, errors } = await signedIn('the.viewer', 'viewer password 1');
  expect(await page.getByRole('link', { name: 'Repair' }).count()).toBe(0);
  await page.goto(`${server.url}/#/repair`);
  await page.getByText("Only admins can see repair's status.").waitFor();
  expect(errors).toEqual([]);
  await page.close();
});
