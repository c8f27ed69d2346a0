/**
 * Alerts people can live with, in a real Chromium against a real server: what pops up, how a burst
 * reads, and that a phone-sized window keeps the content readable. Each test has its own server,
 * database and signed-in page, with five meetings running; the browser is shared.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { MeetingScript } from '../support/meeting-script';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

const start = Date.now() - 30 * 60_000;
const meetingUuid = (i: number) => `Al${i}rtQx7sR5ycnpK0+Vh1Tg==`;
const meetings = Array.from(
  { length: 5 },
  (_, i) =>
    new MeetingScript({
      uuid: meetingUuid(i),
      topic: `Weekly review ${i + 1}`,
      id: `8574606543${i}`,
      start,
    }),
);

async function deliver(...bodies: (object | object[])[]): Promise<void> {
  for (const body of bodies.flat()) expect((await server.post(body)).status).toBe(200);
}

async function signIn(tab: Page): Promise<void> {
  await tab.goto(server.url);
  await tab.getByLabel('Username').fill(TEST_ADMIN.username);
  await tab.getByLabel('Password').fill(TEST_ADMIN.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await tab.getByRole('status', { name: 'Connection: Live' }).waitFor();
}

const notices = (tab: Page) => tab.getByRole('region', { name: 'New alerts' }).getByRole('article');

beforeAll(async () => {
  browser = await launchBrowser();
});

beforeEach(async () => {
  server = await startTestServer();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  errors = collectPageErrors(page);
  for (const [i, meeting] of meetings.entries()) {
    await deliver(meeting.started(0), meeting.join(meeting.person(`Host ${i + 1}`, { host: true }), 5));
  }
  await signIn(page);
});

// what the page logged as errors (CSP refusals, exceptions) fails the test during which it happened
afterEach(async () => {
  await page?.close();
  await server?.close();
  expect(errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

describe('alert pop-ups', () => {
  it('pops up a critical alert, and it stays', async () => {
    const [first] = meetings;
    await deliver(first!.riskAlert(600, 'Weekly review 1'));
    const notice = notices(page).filter({ hasText: 'Meeting link posted on Reddit' });
    await notice.waitFor();
    expect(await notice.getAttribute('aria-label')).toBe('critical alert in Weekly review 1');
  });

  it('makes 50 warnings within 10 seconds one grouped notice, not 50 toasts', async () => {
    const [first] = meetings;
    await deliver(first!.riskAlert(600, 'Weekly review 1'));
    await notices(page).filter({ hasText: 'Meeting link posted on Reddit' }).waitFor();
    const began = Date.now();
    for (const [m, meeting] of meetings.entries()) {
      for (let i = 1; i <= 10; i++) await deliver(meeting.alert([`Unstable audio in room ${m}-${i}`], 700 + i));
    }
    expect(Date.now() - began).toBeLessThan(10_000);
    const group = notices(page).filter({ hasText: '50 new warnings in 5 meetings' });
    await group.waitFor();
    // the critical alert and the group: nothing else
    expect(await notices(page).count()).toBe(2);
    await group.getByRole('button', { name: 'Show them' }).click();
    await expect.poll(() => group.getByRole('listitem').count()).toBe(50);
    await screenshot(page, 'alerts-grouped', { viewport: true });
    await group.getByRole('button', { name: 'Dismiss 50 new warnings in 5 meetings' }).click();
    await group.waitFor({ state: 'detached' });
  });

  it('keeps the meeting list readable on a 390 px wide window: the pop-ups collapse to a bar', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const phoneErrors = collectPageErrors(phone);
    try {
      await signIn(phone);
      await phone.getByRole('link', { name: 'Weekly review 5' }).waitFor();
      await deliver(meetings[1]!.riskAlert(900, 'Weekly review 2'));
      for (let i = 1; i <= 3; i++) await deliver(meetings[2]!.alert([`High CPU ${i}`], 900 + i));
      const bar = phone.getByRole('button', { name: /1 critical alert, 3 new warnings in 1 meeting/ });
      await bar.waitFor();
      await screenshot(phone, 'alerts-narrow', { viewport: true });
      // every meeting's link is what is on top at its own place: nothing covers it
      const covered = async () =>
        phone.evaluate(() =>
          [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="#/meetings/"]')]
            .filter((link) => {
              const box = link.getBoundingClientRect();
              if (box.bottom < 0 || box.top > innerHeight || box.width === 0) return false;
              const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              return !link.contains(top);
            })
            .map((link) => link.textContent),
        );
      expect(await covered()).toEqual([]);
      await bar.click();
      await notices(phone).filter({ hasText: 'Meeting link posted on Reddit' }).waitFor();
      expect(await covered()).toEqual([]);
      await screenshot(phone, 'alerts-narrow-open', { viewport: true });
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('snoozes one kind of alert for one meeting only, shown on the alert with who', async () => {
    const [, , third, fourth] = meetings;
    await deliver(third!.alert(['Unstable audio in room 2-1'], 701));
    await page.goto(`${server.url}/#/alerts`);
    const card = page.getByRole('article', { name: 'warning alert: Unstable audio in room 2-1', exact: true });
    await card.getByLabel('Snooze how long').selectOption({ label: 'for 1 hour' });
    await card.getByRole('button', { name: 'Snooze' }).click();
    await expect.poll(() => card.textContent()).toMatch(/Snoozed by admin at .* until /);
    await page.keyboard.press('Escape');
    await notices(page).first().waitFor({ state: 'detached' });

    await deliver(third!.alert(['Frozen video'], 950), fourth!.alert(['Frozen video'], 951));
    const frozen = notices(page).filter({ hasText: 'Frozen video' });
    await frozen.waitFor();
    expect(await frozen.getAttribute('aria-label')).toBe('warning alert in Weekly review 4');
    expect(await notices(page).count()).toBe(1);
    // the snoozed meeting's new alert is on the alerts page, marked, just not popped up
    const quiet = page
      .getByRole('article', { name: 'warning alert: Frozen video' })
      .filter({ hasText: 'Weekly review 3' });
    await expect.poll(() => quiet.textContent()).toContain('Snoozed by admin');
  });

  it("keeps the user's settings on the server: they survive a reload and decide what pops up", async () => {
    await page.goto(`${server.url}/#/alerts`);
    const form = page.getByRole('region', { name: 'What pops up for you' });
    await form.getByRole('checkbox', { name: 'Warnings' }).uncheck();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await form.getByRole('checkbox', { name: 'Infos' }).check();
    await form.getByRole('checkbox', { name: 'Recording' }).uncheck();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.reload();
    await expect.poll(() => form.getByRole('checkbox', { name: 'Warnings' }).isChecked()).toBe(false);
    expect(await form.getByRole('checkbox', { name: 'Infos' }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Recording' }).isChecked()).toBe(false);
    expect(await form.getByRole('checkbox', { name: 'Live streaming' }).isChecked()).toBe(true);
    await page.getByRole('status', { name: 'Connection: Live' }).waitFor();

    // a warning stays quiet, a recording (muted) too, a live stream (info) pops up
    const [, , , fourth] = meetings;
    await deliver(fourth!.alert(['Unstable video quality'], 1_000), fourth!.recording('started', 1_001));
    await deliver(fourth!.liveStreaming(true, 1_002));
    await notices(page).filter({ hasText: 'live streamed' }).waitFor();
    expect(await notices(page).count()).toBe(1);
  });

  it('passes axe-core (WCAG 2 A/AA) on every signed-in page, light and dark, pop-ups included', async () => {
    const [first, second] = meetings;
    await page.goto(`${server.url}/#/`);
    await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
    await deliver(second!.riskAlert(1_100, 'Weekly review 2'));
    for (let i = 1; i <= 3; i++) await deliver(first!.alert([`Unstable screen share ${i}`], 1_100 + i));
    await deliver(first!.share(first!.person('Olu Adeyemi'), true, 1_110));
    const pages = [
      '#/',
      `#/meetings/${encodeURIComponent(meetingUuid(0))}`,
      '#/alerts',
      '#/alerts?status=acknowledged',
      '#/alerts?status=resolved',
      '#/timeline',
    ];
    const found: Record<string, string[]> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const hash of pages) {
        await page.evaluate((h) => (location.hash = h), hash);
        await page.locator('main h1').first().waitFor();
        const expand = page.getByRole('button', { name: 'Show them' });
        if (await expand.isVisible()) await expand.click();
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[`${scheme} ${hash}`] = violations;
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(found).toEqual({});
  });
});
