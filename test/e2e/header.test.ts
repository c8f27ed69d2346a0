/**
 * The dashboard's header in a real Chromium, for an admin (who has the most links) with open
 * alerts (a badge on Alerts): at 1280 px everything sits on one row, light and dark; narrower, it
 * may wrap, but nothing leaves the window and every page stays one click away.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Scenario } from '../../server/demo/simulator';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

const PAGES = ['Overview', 'Alerts', 'Timeline', 'Audit', 'Notifications', 'Repair'];
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const story = new Scenario({ seed: 7, start: Date.now() - 60_000, exactTimes: true });
  story.meeting({ topic: 'Board review' }).alert(['High CPU occupation']);
  for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB' });
  const [name, value] = (await server.login()).split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/#/`);
  await page.getByRole('link', { name: 'Repair' }).waitFor();
  // the badge is part of the width the header must hold
  await page.getByRole('navigation', { name: 'Pages' }).getByLabel('1 open').waitFor();
  return { page, errors };
}

interface Box {
  what: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where the header's parts and each page link are, in the window's coordinates. */
function layout(page: Page): Promise<{ parts: Box[]; links: Box[]; windowWidth: number }> {
  return page.locator('header.top').evaluate((header) => {
    const box = (element: Element): Box => {
      const { top, bottom, left, right } = element.getBoundingClientRect();
      const what = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName;
      return { what, top, bottom, left, right };
    };
    return {
      parts: [...header.children].map(box),
      links: [...header.querySelectorAll('nav a')].map(box),
      windowWidth: document.documentElement.clientWidth,
    };
  });
}

/** The boxes that do not share a row with the first one (share: overlap vertically). */
const offTheFirstRow = (boxes: Box[]): string[] =>
  boxes.filter((b) => b.top >= boxes[0]!.bottom || b.bottom <= boxes[0]!.top).map((b) => b.what);

it('at 1280 px an admin sees the whole header on one row, light and dark', async () => {
  const { page, errors } = await signedIn(1280);
  const links = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
  expect(links.map((l) => l.replace(/\d+$/, '').trim())).toEqual(PAGES);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { parts, links: boxes, windowWidth } = await layout(page);
    expect(offTheFirstRow([...parts, ...boxes])).toEqual([]);
    expect(Math.max(...parts.map((p) => p.right))).toBeLessThanOrEqual(windowWidth);
    // the user's name is not cut short to make room
    expect(
      await page.getByTitle(`Signed in as ${TEST_ADMIN.username}`).evaluate((e) => e.scrollWidth <= e.clientWidth),
    ).toBe(true);
    await screenshot(page, `header-admin-1280-${scheme}`, { viewport: true });
  }
  expect(errors).toEqual([]);
  await page.context().close();
});

it('narrower, the header wraps inside the window, and every page is still a click away', async () => {
  for (const width of [900, 600, 390]) {
    const { page, errors } = await signedIn(width);
    const { parts, links, windowWidth } = await layout(page);
    for (const box of [...parts, ...links]) {
      expect.soft(box.left, `${box.what} at ${width} px`).toBeGreaterThanOrEqual(0);
      expect.soft(box.right, `${box.what} at ${width} px`).toBeLessThanOrEqual(windowWidth);
    }
    await screenshot(page, `header-admin-${width}`, { viewport: true });
    for (const name of PAGES.slice(1)) {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name }).click();
      await page.waitForURL(`**/#/${name.toLowerCase()}*`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  }
});
