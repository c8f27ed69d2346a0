/**
 * What each role sees in the dashboard, in a real Chromium: a viewer has no Acknowledge button and
 * no audit log, an operator acknowledges, an admin reads the audit log, filtered; and a role changed
 * while the page is open shows at once. Each test has its own server and database; the browser is shared.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Role } from '../../shared/auth';
import { Scenario } from '../../server/demo/simulator';
import { answerOf, getAnswer } from '../support/api';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

beforeEach(async () => {
  server = await startTestServer();
  const story = new Scenario({ seed: 5, start: Date.now() - 60_000, exactTimes: true });
  story.meeting({ topic: 'Board review' }).alert(['High CPU occupation']);
  for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
  for (const role of ['viewer', 'operator'] as const) {
    await server.application.auth.users.add(`the.${role}`, `${role} password 1`, null, { role });
  }
});

afterEach(async () => {
  await server?.close();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/#/alerts`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, errors };
}

const as = (role: Exclude<Role, 'admin'>) => signedIn(`the.${role}`, `${role} password 1`);

it('a viewer sees alerts but no Acknowledge button and no audit log, until made an operator', async () => {
  const { page, errors } = await as('viewer');
  await page.getByText('High CPU occupation').first().waitFor();
  expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
  await page.goto(`${server.url}/#/audit`);
  await page.getByText('Only admins can read the audit log.').waitFor();
  // promoted while the page is open: the socket says so, and the button appears
  server.application.auth.users.setRole('the.viewer', 'operator', TEST_ADMIN.username);
  await page.goto(`${server.url}/#/alerts`);
  await page.getByRole('button', { name: 'Acknowledge' }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});

it('an operator acknowledges', async () => {
  const { page, errors } = await as('operator');
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  // it moves from the open alerts to the acknowledged ones
  await page.goto(`${server.url}/#/alerts?status=acknowledged`);
  await page.getByText('Acknowledged by the.operator').waitFor();
  expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

it('an admin reads the audit log and filters it', async () => {
  // what the audit log is to show: a role changed, an alert acknowledged, the operator signed in
  server.application.auth.users.setRole('the.viewer', 'operator', TEST_ADMIN.username);
  const operator = await server.login('the.operator', 'operator password 1');
  const [alert] = (await getAnswer(server.api, 'GET /api/alerts', { query: { status: 'open' } })).alerts;
  const acked = await fetch(`${server.url}/api/alerts/${alert!.id}/ack`, {
    method: 'POST',
    headers: { cookie: operator },
  });
  await answerOf('POST /api/alerts/:id/ack', acked);
  const { page, errors } = await signedIn(TEST_ADMIN.username, TEST_ADMIN.password);
  await page.getByRole('link', { name: 'Audit' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  const entries = page.getByRole('list', { name: 'Audit entries, newest first' }).getByRole('listitem');
  await entries.filter({ hasText: 'Acknowledged an alert' }).waitFor();
  await entries.filter({ hasText: 'Changed a role' }).filter({ hasText: 'the.viewer' }).waitFor();
  await screenshot(page, 'audit-log', { viewport: true });
  await page.getByLabel('What').selectOption('sign_in');
  await page.waitForURL(/#\/audit\?action=sign_in$/);
  await expect.poll(async () => (await entries.allTextContents()).every((t) => t.includes('Signed in'))).toBe(true);
  expect(await entries.count()).toBeGreaterThanOrEqual(3);
  await page.getByLabel('Who').fill('the.operator');
  await page.getByLabel('Who').press('Enter');
  await expect.poll(() => entries.count()).toBe(1);
  expect(errors).toEqual([]);
  await page.close();
});
