/**
 * Text people choose, as the dashboard shows it: no name or topic reorders the words around it
 * with bidi controls, and a link Zoom passes on becomes an href only when it is a web page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { MeetingScript } from '../support/meeting-script';
import { startTestServer, type TestServer } from '../support/server';

const RLO = String.fromCharCode(0x202e);
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const UUID = 'dXNlci10ZXh0LW1lZXRpbmc=';

let server: TestServer;
let browser: Browser;
let page: Page;
const script = new MeetingScript({
  uuid: UUID,
  topic: `Board ${RLO}gnp.exe`,
  id: '84561234567',
  start: Date.now() - 10 * 60_000,
});
const host = script.person('Ana Lima', { host: true });
const eve = script.person(`Eve ${RLO}fdp.exe`);

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const cookie = await server.login();
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  page = await context.newPage();
  for (const body of [
    script.started(0),
    script.join(host, 5),
    script.join(eve, 10),
    script.share(eve, true, 20),
    script.riskAlert(30, `Board ${RLO}gnp.exe`, {
      social_link: 'javascript:alert(document.cookie)',
      post_user: `@x${RLO}`,
    }),
  ]) {
    expect((await server.post(body)).status).toBe(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('user text in the dashboard', () => {
  it('shows names and topics without their bidi controls: sharing banner, people, header', async () => {
    await page.goto(`${server.url}/#/meetings/${encodeURIComponent(UUID)}`);
    await page.getByRole('heading', { name: 'Board gnp.exe', level: 1 }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain('Eve fdp.exe is sharing');
    expect(await page.locator('body').innerText()).not.toMatch(BIDI);
  });

  it('shows an at-risk alert without a link to a javascript: URL, and without bidi controls', async () => {
    await page.goto(`${server.url}/#/alerts`);
    const card = page.getByRole('article').filter({ hasText: 'Meeting link posted on Reddit' });
    await card.waitFor();
    expect(await card.innerText()).toContain('Zoom recommends');
    expect(await card.getByRole('link', { name: /See the post/ }).count()).toBe(0);
    expect(await card.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(BIDI);
  });
});
