/**
 * The dashboard in a real Chromium against a real server on a throwaway database: signed webhooks
 * go in, and the test watches the page change, waiting on the DOM (never on the clock). Each test
 * starts from its own server and database, with the meeting's story delivered up to the scene it
 * needs, so each stands alone; they share one browser, never a page or its state.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { MeetingScript } from '../support/meeting-script';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

// a UUID with the characters that need encoding in a URL
const UUID = 'e2Rw7x/QTm2+Kd9aB3cYwA==';
const ROOM_A = 'Rm1aQx7sR5ycnpK0+Vh1Tg==';
const ROOM_B = 'Rm2bW9xTfa4LmN0/pRs2Vg==';
const TOPIC = '분기 계획 회의 🚀 Quarterly planning';

let browser: Browser;
/** this test's server, page and what the page logged as errors */
let server: TestServer;
let page: Page;
let errors: string[];
/** what fresh() opened, for afterEach to close */
let opened: { server: TestServer; page: Page; errors: string[] } | null = null;
// the story happened over the last minutes, so durations read like a real meeting's
const script = new MeetingScript({ uuid: UUID, topic: TOPIC, id: '85746065432', start: Date.now() - 20 * 60_000 });
const host = script.person('Ana Lima', { email: 'ana.lima@example.com', host: true });
const minjun = script.person('김민준', { email: 'minjun.kim@example.kr', signedIn: true });
const priya = script.person('Priya Raman', { email: 'priya.raman@example.in', signedIn: true });
const ken = script.person('Ken Watanabe');
const caller = script.person('+1 415****0112', { phone: '14155550112' });

async function deliver(...bodies: (object | object[])[]): Promise<void> {
  for (const body of bodies.flat()) expect((await server.post(body)).status).toBe(200);
}

/** A panel of the meeting view by its heading ("Main room", "Room 2", "Waiting room"). */
const panel = (name: string): Locator => page.getByRole('region', { name, exact: true });

const names = async (region: Locator): Promise<string[]> =>
  (await region.locator('.person .name').allTextContents()).map((n) => n.trim());

/** Other meetings, so the overview looks like a working day (and shows several scripts and emoji). */
function backdrop(): object[] {
  const start = Date.now() - 45 * 60_000;
  const webinar = new MeetingScript({
    uuid: 'Wb4kLmN0pRs2VgZqK3bW9x==',
    topic: 'Product launch 2026 — live Q&A 🎤',
    id: '91234567890',
    kind: 'webinar',
    start,
  });
  const standup = new MeetingScript({
    uuid: 'St8aQx7sR5ycnpK0Vh1Tgw==',
    topic: 'Standup 🌱 주간 업무',
    id: '3474299049',
    start,
  });
  const retro = new MeetingScript({
    uuid: 'Rt3bW9xTfa4LmN0pRs2VgQ==',
    topic: 'Revue de sprint',
    id: '9630585408',
    start,
  });
  webinar.started(0);
  webinar.join(webinar.person('Mina Park', { host: true }), 5);
  for (const [i, name] of [
    'Sofía Pérez',
    '이서연',
    'Дмитрий Иванов',
    'Chloé Müller',
    '高橋 健',
    'Noah Dvořák',
  ].entries())
    webinar.join(webinar.person(name), 30 + i * 40);
  webinar.recording('started', 60);
  webinar.liveStreaming(true, 90);
  standup.started(600);
  standup.join(standup.person('박지훈', { host: true }), 605);
  standup.join(standup.person('Olu Adeyemi'), 620);
  standup.enterWaitingRoom(standup.person('Zoë Laurent'), 2_400);
  retro.started(900);
  retro.join(retro.person('Léa Martin'), 910);
  retro.alert(['High CPU occupation'], 1_500);
  return [...webinar.events, ...standup.events, ...retro.events];
}

/**
 * The meeting's story, scene by scene, made once (the script numbers its events as it goes): a test
 * delivers the scenes up to the one it is about.
 */
const scenes = {
  started: [script.started(0), script.join(host, 5), script.join(minjun, 60), script.join(caller, 70)],
  priyaInRoom1: [script.join(priya, 90), script.moveToBreakout(priya, ROOM_A, 300)],
  minjunInRoom2: [script.moveToBreakout(minjun, ROOM_B, 360)],
  kenWaiting: [script.enterWaitingRoom(ken, 400)],
  kenAdmitted: [script.admit(ken, 900)],
  sharing: [script.share(minjun, true, 950, 'whiteboard', ROOM_B)],
  recording: [script.recording('started', 1_000)],
  qualityAlert: [script.alert(['Unstable audio quality'], 1_100)],
};
type Scene = keyof typeof scenes;
const SCENES = Object.keys(scenes) as Scene[];

/** Delivers the story from the scene after `from` up to and including `to`. */
async function play(to: Scene, from?: Scene): Promise<void> {
  const first = from === undefined ? 0 : SCENES.indexOf(from) + 1;
  await deliver(SCENES.slice(first, SCENES.indexOf(to) + 1).flatMap((scene) => scenes[scene].flat()));
}

/**
 * A new server and database with the other meetings and the story up to `scene` (none: not yet
 * started), and a new page; signed in unless `signedIn` is false.
 */
async function fresh(scene: Scene | null, { signedIn = true } = {}): Promise<void> {
  server = await startTestServer();
  await deliver(backdrop());
  if (scene !== null) await play(scene);
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Asia/Seoul',
  });
  if (signedIn) {
    const [name, value] = (await server.login()).split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  page = await context.newPage();
  errors = collectPageErrors(page);
  opened = { server, page, errors };
}

/** Opens the meeting's view and waits for it. */
async function openMeeting(): Promise<void> {
  await page.goto(`${server.url}/#/meetings/${encodeURIComponent(UUID)}`);
  await page.getByRole('heading', { name: TOPIC, level: 1 }).waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  if (opened === null) return;
  const { server, page, errors } = opened;
  opened = null;
  await page.context().close();
  await server.close();
  // no CSP refusal, no exception, in any test
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

describe('the dashboard, driven by signed webhooks', () => {
  it('signs in through the sign-in page and shows the live overview', async () => {
    await fresh(null, { signedIn: false });
    await page.goto(server.url);
    await page.getByLabel('Username').fill(TEST_ADMIN.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
    await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
    await page.getByRole('link', { name: 'Product launch 2026 — live Q&A 🎤' }).waitFor();
  });

  it('shows a meeting as it starts, and a participant in its main room', async () => {
    await fresh(null);
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
    await play('started');
    await page.getByRole('link', { name: TOPIC }).click();
    expect(page.url()).toContain(`#/meetings/${encodeURIComponent(UUID)}`);
    await page.getByRole('heading', { name: TOPIC, level: 1 }).waitFor();
    await expect.poll(() => names(panel('Main room'))).toEqual(['Ana Lima', '+1 415****0112', '김민준']);
    await expect
      .poll(() => panel('Main room').locator('.person', { hasText: 'Ana Lima' }).textContent())
      .toContain('Host');
    await expect
      .poll(() => panel('Main room').locator('.person', { hasText: '+1 415' }).textContent())
      .toContain('Phone');
  });

  it('moves a participant to the right breakout room, live', async () => {
    await fresh('started');
    await openMeeting();
    await play('priyaInRoom1', 'started');
    await expect.poll(() => names(panel('Room 1'))).toEqual(['Priya Raman']);
    await play('minjunInRoom2', 'priyaInRoom1');
    await expect.poll(() => names(panel('Room 2'))).toEqual(['김민준']);
    expect(await names(panel('Main room'))).not.toContain('김민준');
    expect(await names(panel('Room 1'))).toEqual(['Priya Raman']);
  });

  it('queues a participant in the waiting room with a ticking wait, then admits them', async () => {
    await fresh('minjunInRoom2');
    await openMeeting();
    await play('kenWaiting', 'minjunInRoom2');
    const waiting = panel('Waiting room');
    await expect.poll(() => names(waiting)).toEqual(['Ken Watanabe']);
    // entered at t=400 s of a meeting that started 20 minutes ago: about 13 minutes of waiting
    await expect.poll(() => waiting.locator('.waited').textContent()).toMatch(/1[23] min/);
    await play('kenAdmitted', 'kenWaiting');
    await expect.poll(() => names(panel('Main room'))).toContain('Ken Watanabe');
    await waiting.waitFor({ state: 'detached' });
  });

  it('marks who shares what, also inside a breakout room, and the recording', async () => {
    await fresh('kenAdmitted');
    await openMeeting();
    await play('sharing', 'kenAdmitted');
    const row = panel('Room 2').locator('.person', { hasText: '김민준' });
    await expect.poll(() => row.textContent()).toContain('Sharing a whiteboard');
    await expect.poll(() => panel('Room 2').textContent()).toContain('김민준 is sharing a whiteboard');
    await play('recording', 'sharing');
    await page.locator('.head').getByText('Recording', { exact: true }).waitFor();
  });

  it('tells the meeting in words in its timeline, newest first', async () => {
    await fresh('recording');
    await openMeeting();
    const timeline = page.getByRole('list', { name: /^Timeline of .*newest first$/ });
    await expect.poll(() => timeline.locator('.sentence').allTextContents()).toContain('Cloud recording started');
    const sentences = await timeline.locator('.sentence').allTextContents();
    expect(sentences).toEqual(
      expect.arrayContaining([
        '김민준 started sharing a whiteboard in breakout room 2',
        'Host admitted Ken Watanabe from the waiting room',
        '김민준 moved to breakout room 2',
        'Priya Raman moved to breakout room 1',
        'Ana Lima joined',
      ]),
    );
    expect(sentences.indexOf('Ana Lima joined')).toBeGreaterThan(sentences.indexOf('김민준 moved to breakout room 2'));
  });

  it('shows a quality alert as a toast that links to the meeting, and in the alerts panel', async () => {
    await fresh('recording');
    await page.goto(`${server.url}/#/`);
    await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
    // earlier warnings (the unexpected share) would make this one part of a group notice
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'New alerts' }).getByRole('article').first().waitFor({ state: 'detached' });
    await play('qualityAlert', 'recording');
    const toast = page
      .getByRole('region', { name: 'New alerts' })
      .getByRole('article')
      .filter({ hasText: 'Unstable audio quality' });
    await toast.waitFor();
    expect(await toast.textContent()).toContain(TOPIC);
    expect(await toast.getByRole('link', { name: 'Open the meeting' }).getAttribute('href')).toBe(
      `#/meetings/${encodeURIComponent(UUID)}`,
    );
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: /Alerts/ })
      .click();
    const card = page.getByRole('article', { name: 'warning alert: Unstable audio quality' });
    await card.waitFor();
    expect(await card.textContent()).toContain(TOPIC);
  });

  it('acknowledges the alert, and the acknowledgement sticks after a reload', async () => {
    await fresh('qualityAlert');
    await page.goto(`${server.url}/#/alerts`);
    const card = page.getByRole('article', { name: 'warning alert: Unstable audio quality' });
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    // it leaves the open alerts when the change comes back over the socket
    await card.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('link', { name: /^Acknowledged/ }).click();
    const acknowledged = page.getByRole('article', { name: 'warning alert: Unstable audio quality' });
    await expect.poll(() => acknowledged.textContent()).toContain('Acknowledged by admin');
    expect(await acknowledged.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
  });

  it('finds where a person is right now, and points at them in their meeting', async () => {
    await fresh('minjunInRoom2');
    await page.goto(`${server.url}/#/`);
    await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('민준');
    const result = page.getByRole('list', { name: 'People found' }).getByRole('link').first();
    await expect.poll(() => result.textContent()).toMatch(/김민준.*in Room 2 of\s+분기 계획 회의/s);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: TOPIC, level: 1 }).waitFor();
    await panel('Room 2').locator('.person.pointed', { hasText: '김민준' }).waitFor();
  });

  it('filters the global timeline by kind of event', async () => {
    await fresh('recording');
    await page.goto(`${server.url}/#/timeline`);
    await page.getByLabel('Kind of event').selectOption('recording');
    expect(page.url()).toContain('#/timeline?type=recording');
    const list = page.getByRole('list', { name: 'Events, newest first' });
    await expect
      .poll(async () => new Set(await list.locator('.sentence').allTextContents()))
      .toEqual(new Set(['Cloud recording started']));
    expect(await list.locator('li').count()).toBe(2);
  });

  it('writes screenshots of the overview and a meeting view, light and dark, which pass axe-core', async () => {
    await fresh('qualityAlert');
    const violations: Record<string, string[]> = {};
    const shoot = async (name: string) => {
      await screenshot(page, name);
      violations[name] = await seriousViolations(page);
    };
    await page.goto(`${server.url}/#/`);
    await page.getByRole('link', { name: TOPIC }).waitFor();
    await shoot('overview');
    await page.goto(`${server.url}/#/meetings/${encodeURIComponent(UUID)}`);
    await expect.poll(() => names(panel('Room 2'))).toEqual(['김민준']);
    await shoot('meeting');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('meeting-dark');
    await page.goto(`${server.url}/#/`);
    await page.getByRole('link', { name: TOPIC }).waitFor();
    await shoot('overview-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(violations).toEqual({ overview: [], meeting: [], 'meeting-dark': [], 'overview-dark': [] });
  });

  it('goes back to sign-in when the session ends, and signs out', async () => {
    await fresh('started');
    await page.goto(`${server.url}/#/`);
    await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
    // the session ends elsewhere: the next REST call answers 401
    await page.evaluate(() => fetch('/api/logout', { method: 'POST' }));
    await page.goto(`${server.url}/#/timeline`);
    await page.getByText('Your session ended. Sign in again to continue.').waitFor();
    await page.getByLabel('Username').fill(TEST_ADMIN.username);
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // the cookie went with the session: a reload stays signed out
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});

describe('the connection state', () => {
  it('says when the server is gone and that the data may be stale', async () => {
    const alone = await startTestServer();
    const tab = await browser.newPage();
    try {
      await tab.goto(alone.url);
      await tab.getByLabel('Username').fill(TEST_ADMIN.username);
      await tab.getByLabel('Password').fill(TEST_ADMIN.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('status', { name: 'Connection: Live' }).waitFor();
      await alone.close();
      // a closed transport, not a goodbye: the page keeps trying, to reach the server's next run
      await tab.getByRole('status', { name: 'Connection: Reconnecting…' }).waitFor();
      const banner = tab.getByRole('alert').filter({ hasText: 'the data shown may be stale' });
      expect(await banner.textContent()).toMatch(/^Connection lost since \d{1,2}:\d{2}/);
    } finally {
      await tab.close();
    }
  });
});
