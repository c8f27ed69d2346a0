/**
 * The Notifications page in a real Chromium: an admin adds a webhook channel pointing at a real
 * local receiver, sees its signing secret once, tests it, watches an alert arrive in the delivery
 * log, edits and deletes the channel; a user limited to some accounts is not offered the page.
 * Each test has its own server, database and page (the browser and the receiver are shared).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Scenario } from '../../server/demo/simulator';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { eventually } from '../support/eventually';
import { startHttpReceiver, verifyStandardWebhook, type HttpReceiver } from '../support/receivers';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let receiver: HttpReceiver;
let browser: Browser;
let page: Page;
let errors: string[];

/** the form that adds or edits a channel */
const form = () => page.getByRole('form');

async function signIn(username: string, password: string): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

beforeAll(async () => {
  receiver = await startHttpReceiver();
  browser = await launchBrowser();
});

beforeEach(async () => {
  server = await startTestServer({ notify: { retry: { firstMs: 50, maxMs: 200 }, attemptTimeoutMs: 5_000 } });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = collectPageErrors(page);
});

afterEach(async () => {
  await page?.close();
  await server?.close();
});

afterAll(async () => {
  await browser?.close();
  await receiver?.stop();
});

describe('the Notifications page', () => {
  it('adds a webhook channel, shows its secret once, tests it and logs an alert delivered to it', async () => {
    await signIn(TEST_ADMIN.username, TEST_ADMIN.password);
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText('No channel yet').waitFor();

    await form().getByLabel('Type').selectOption('webhook');
    await form().getByLabel('Name').fill('Ops bridge');
    await form().getByLabel('URL', { exact: true }).fill(`${receiver.url}/roomwatch`);
    await form().getByLabel('At least').selectOption('info');
    await page.getByRole('button', { name: 'Add channel' }).click();

    const secret = (await page.getByTestId('channel-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const channels = page.getByRole('region', { name: /^Channels/ });
    await channels.getByText('Ops bridge', { exact: true }).waitFor();
    await channels.getByText(receiver.url).waitFor();
    await screenshot(page, 'notifications-created');

    await channels.getByRole('button', { name: 'Send a test' }).click();
    await channels.getByText('Test message delivered.').waitFor();
    expect(verifyStandardWebhook(secret, receiver.requests[0]!)).toBe(true);

    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await channels.getByText('Ops bridge', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret.slice(6));

    const story = new Scenario({ seed: 5, start: Date.now() - 60_000, exactTimes: true });
    story.meeting({ topic: 'Board meeting' }).riskAlert({ post_platform: 'Facebook' });
    story.waitUntil(Date.now());
    for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);

    const log = page.getByRole('region', { name: 'Delivery log' });
    const row = log.getByRole('row').filter({ hasText: 'Meeting link posted on Facebook' });
    await row.getByText('delivered').waitFor();
    expect(await row.textContent()).toContain('Board meeting');
    await eventually(async () => receiver.requests.length === 2);
    expect(verifyStandardWebhook(secret, receiver.requests[1]!)).toBe(true);
    await screenshot(page, 'notifications-log');
  });

  it('edits and deletes a channel, and says what is wrong with a bad one', async () => {
    const created = await server.api('/api/notification-channels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'webhook',
        name: 'Ops bridge',
        url: `${receiver.url}/roomwatch`,
        minSeverity: 'info',
      }),
    });
    expect(created.status).toBe(201);
    await signIn(TEST_ADMIN.username, TEST_ADMIN.password);
    await page.goto(`${server.url}/#/notifications`);
    const channels = page.getByRole('region', { name: /^Channels/ });
    await channels.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit "Ops bridge"' }).waitFor();
    await form().getByLabel('At least').selectOption('critical');
    await form().getByLabel('Every kind').uncheck();
    await form().getByLabel('at risk meeting').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await channels.getByText('critical and above · at risk meeting').waitFor();

    await form().getByLabel('Type').selectOption('slack');
    await form().getByLabel('Name').fill('Broken');
    await form().getByLabel('Slack webhook URL').fill('https://hooks.slack.com/services/x');
    await form().getByLabel('Every kind').uncheck();
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByRole('alert').filter({ hasText: 'kinds: must name at least one kind' }).waitFor();
    expect(await channels.getByRole('listitem').count()).toBe(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await channels.getByRole('button', { name: 'Delete' }).click();
    await channels.getByText('No channel yet').waitFor();
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('is not offered to an operator', async () => {
    await server.application.auth.users.add('mina', 'mina-password-1', null, { role: 'operator' });
    await signIn('mina', 'mina-password-1');
    expect(await page.getByRole('link', { name: 'Notifications' }).count()).toBe(0);
    await page.goto(`${server.url}/#/notifications`);
    await page.getByText('Only admins manage notifications.').waitFor();
  });
});
