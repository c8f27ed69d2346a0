/**
 * Time travel and the meeting report in a real Chromium: the server's answers about the past, shown
 * in the meeting view's panels, picked with the slider or from the timeline.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { MeetingScript } from '../support/meeting-script';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

const UUID = 'h1St/oRyQm2+Kd9aB3cYwA==';
const ROOM = 'Rm1aQx7sR5ycnpK0+Vh1Tg==';
const TOPIC = 'Incident review';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
const script = new MeetingScript({ uuid: UUID, topic: TOPIC, start: Date.now() - 30 * 60_000 });
const host = script.person('Ana Lima', { email: 'ana.lima@example.com', host: true });
const priya = script.person('Priya Raman', { email: 'priya.raman@example.in', signedIn: true });
const ken = script.person('Ken Watanabe');

const panel = (name: string): Locator => page.getByRole('region', { name, exact: true });
const names = async (region: Locator): Promise<string[]> =>
  (await region.locator('.person .name').allTextContents()).map((n) => n.trim());

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
  errors = collectPageErrors(page);
  for (const body of [
    script.started(0),
    script.join(host, 5),
    script.join(priya, 60),
    script.join(ken, 120),
    script.moveToBreakout(priya, ROOM, 300),
    script.returnToMain(priya, ROOM, 600),
    script.leave(ken, 700),
  ].flat()) {
    expect((await server.post(body)).status).toBe(200);
  }
  await page.goto(server.url);
  await page.getByLabel('Username').fill(TEST_ADMIN.username);
  await page.getByLabel('Password').fill(TEST_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: TOPIC }).click();
  await page.getByRole('heading', { name: TOPIC, level: 1 }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the past of a meeting in the dashboard', () => {
  it('scrubs back to when a person was in a breakout room, and returns to live', async () => {
    await expect.poll(() => names(panel('Main room'))).toEqual(['Ana Lima', 'Priya Raman']);
    const slider = page.getByRole('slider', { name: 'Moment of the meeting shown' });
    await slider.evaluate((input: HTMLInputElement, value) => {
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, script.at(400));
    await expect.poll(() => names(panel('Room 1'))).toEqual(['Priya Raman']);
    await expect.poll(() => names(panel('Main room'))).toEqual(['Ana Lima', 'Ken Watanabe']);
    expect(page.url()).toContain('?at=');
    await screenshot(page, 'history-scrubbed', { viewport: true });

    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => names(panel('Main room'))).toEqual(['Ana Lima', 'Priya Raman']);
    await expect.poll(() => names(panel('Room 1'))).toEqual([]);
  });

  it('shows the room at the moment of a timeline entry, with the entry marked', async () => {
    const timeline = page.getByRole('list', { name: /^Timeline of .*newest first$/ });
    const entry = timeline.getByRole('listitem').filter({ hasText: 'Priya Raman moved to breakout room 1' });
    await entry.getByRole('button', { name: /./ }).click();
    await expect.poll(() => names(panel('Room 1'))).toEqual(['Priya Raman']);
    await expect.poll(() => entry.getAttribute('aria-current')).toBe('true');
    // the moment of Ken's arrival: Priya still in the main room
    await timeline
      .getByRole('listitem')
      .filter({ hasText: 'Ken Watanabe joined' })
      .getByRole('button', { name: /./ })
      .click();
    await expect.poll(() => names(panel('Main room'))).toEqual(['Ana Lima', 'Ken Watanabe', 'Priya Raman']);
    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => names(panel('Main room'))).toEqual(['Ana Lima', 'Priya Raman']);
    expect(errors).toEqual([]);
  });

  it('reaches the report from search while the meeting runs, and from the ended list once it ended', async () => {
    await page.getByRole('combobox').fill('Priya');
    await page.getByRole('link', { name: `Report of ${TOPIC}` }).click();
    await page.getByRole('heading', { name: `Report: ${TOPIC}`, level: 1 }).waitFor();
    expect(page.url()).toContain(`#/meetings/${encodeURIComponent(UUID)}/report`);

    expect((await server.post(script.ended(900))).status).toBe(200);
    await page.goto(`${server.url}/#/`);
    await page.getByRole('link', { name: `Report of ${TOPIC}` }).click();
    await page.getByRole('heading', { name: `Report: ${TOPIC}`, level: 1 }).waitFor();
    // Ana, Priya and Ken from Ken's arrival on (Priya's breakout room counts as in the meeting)
    const peak = page.getByLabel('Peak attendance').locator('strong');
    await expect.poll(() => peak.textContent()).toBe('3');
    const rows = page.getByRole('table', { name: /Attendance/ }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    const ken = await rows.filter({ hasText: 'Ken Watanabe' }).textContent();
    expect(ken).toContain('9 min');
    await expect
      .poll(() => page.getByRole('region', { name: 'Breakout rooms' }).textContent())
      .toContain('Priya Raman');
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/api/meetings/${encodeURIComponent(UUID)}/attendance.csv`,
    );
    await screenshot(page, 'history-report');
    expect(errors).toEqual([]);
  });
});
