/**
 * A busy event day in the browser: 1,000 live meetings and a 1,000-person webinar. The page must
 * render only what is in view (virtualised lists), stay live, and scroll to the end of either list.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crowd, webinarStorm, type SimEvent } from '../../server/demo/simulator';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

const MEETINGS = 1_000;
const ATTENDEES = 1_000;
/** a generous bound on rendered rows: a screenful plus overscan, far below the list's length */
const RENDERED_AT_MOST = 60;

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let webinarUuid: string;
/** a join of the webinar, to make more from */
let joinTemplate: SimEvent['body'];

/** Someone new joining the webinar now: the template's body with a new connection and name. */
function lateJoin(i: number): object {
  const body = structuredClone(joinTemplate) as unknown as {
    event_ts: number;
    payload: { object: { participant: object } };
  };
  const hex = (0xa000 + i).toString(16).toUpperCase();
  body.event_ts = Date.now();
  body.payload.object.participant = {
    ...body.payload.object.participant,
    user_id: String(26_000_000 + i * 1024),
    user_name: `Late attendee ${i}`,
    // a guest: not the host, nobody known by account or email
    id: '',
    participant_user_id: '',
    email: '',
    participant_uuid: `0000${hex}-5A7E-4C1D-9E2B-6F3A8D1C0B${hex}`,
    join_time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  return body;
}

/** Posts deliveries a few at a time (the server takes them in any order). */
async function deliver(bodies: object[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      expect((await server.post(body)).status).toBe(200);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

beforeAll(async () => {
  server = await startTestServer();
  const start = Date.now() - 30 * 60_000;
  const meetings = crowd({ seed: 5, start, meetings: MEETINGS, participants: MEETINGS * 2 });
  const storm = webinarStorm({ seed: 6, start, attendees: ATTENDEES });
  webinarUuid = storm.expected[0]!.uuid;
  joinTemplate = storm.events.find((e) => e.body.event === 'webinar.participant_joined')!.body;
  await deliver([...meetings.events, ...storm.events].map((e) => e.body));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  errors = collectPageErrors(page);
  await page.goto(server.url);
  await page.getByLabel('Username').fill(TEST_ADMIN.username);
  await page.getByLabel('Password').fill(TEST_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}, 180_000);

// what the page logged as errors (CSP refusals, exceptions) fails the test during which it happened
afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rendered = (listName: RegExp) => page.getByRole('list', { name: listName }).locator(':scope > li');

describe('a busy day', () => {
  it(`lists ${MEETINGS + 1} live meetings but renders only those in view`, async () => {
    const rows = rendered(/^Live meetings, /);
    await expect.poll(() => rows.first().getAttribute('aria-setsize')).toBe(String(MEETINGS + 1));
    expect(await rows.count()).toBeLessThanOrEqual(RENDERED_AT_MOST);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => rows.last().getAttribute('aria-posinset')).toBe(String(MEETINGS + 1));
    expect(await rows.count()).toBeLessThanOrEqual(RENDERED_AT_MOST);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'overview-1000-meetings', { viewport: true });
  });

  it(`shows a ${ATTENDEES}-person webinar, rendering a screenful, and follows joins live`, async () => {
    await page.goto(`${server.url}/#/meetings/${encodeURIComponent(webinarUuid)}`);
    const main = page.getByRole('region', { name: 'Main room', exact: true });
    const rows = rendered(/^People in Main room$/);
    await expect.poll(() => rows.first().getAttribute('aria-setsize')).toBe(String(ATTENDEES + 1));
    expect(await rows.count()).toBeLessThanOrEqual(RENDERED_AT_MOST);
    // the list scrolls inside its panel to the last person
    await main.locator('.viewport').evaluate((viewport) => viewport.scrollTo(0, viewport.scrollHeight));
    await expect.poll(() => rows.last().getAttribute('aria-posinset')).toBe(String(ATTENDEES + 1));
    await deliver(Array.from({ length: 20 }, (_, i) => lateJoin(i)));
    await expect.poll(() => rows.first().getAttribute('aria-setsize')).toBe(String(ATTENDEES + 21));
    await screenshot(page, 'webinar-1000', { viewport: true });
  });
});
