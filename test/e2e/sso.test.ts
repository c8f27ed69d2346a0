/**
 * Single sign-on in a real Chromium, against a real OpenID provider (oidc-provider) on another site:
 * sign-in creates the user with the role and accounts its groups map to, sign-out ends both
 * sessions, tampering with state or nonce is refused, and local passwords can be turned off.
 * Each test has its own server and database (on the one address the provider knows) and its own
 * browser context; the browser and the provider are shared.
 */
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAnswer } from '../../shared/api/contract';
import type { OidcSettings } from '../../server/auth/oidc-settings';
import { getAnswer } from '../support/api';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';
import { meetingEvent } from '../support/meetings';
import { startTestProvider, type TestProvider } from '../../server/demo/oidc-provider';
import { startTestServer, type TestServer } from '../support/server';

const EMEA = 'EmeaAccount000000000001';
const APAC = 'ApacAccount000000000001';
const PEOPLE = {
  'ana.lima': { email: 'ana.lima@example.com', groups: ['staff', 'roomwatch-emea-ops'] },
  'kenji.sato': { email: 'kenji.sato@example.jp', groups: ['roomwatch-viewers', 'roomwatch-admins'] },
  'eve.stranger': { email: 'eve@example.org', groups: ['staff'] },
};
const GROUPS: OidcSettings['groups'] = {
  'roomwatch-emea-ops': { role: 'operator', accounts: [EMEA] },
  'roomwatch-viewers': { role: 'viewer' },
  'roomwatch-admins': { role: 'admin' },
};

let browser: Browser;
let provider: TestProvider;
let port: number;
/** this test's server, started by fresh(), for afterEach to close */
let running: TestServer | null = null;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A Roomwatch whose single sign-on is the test provider (passwords on unless told), with a meeting
 * running in each of two accounts.
 */
async function roomwatch(passwordLogin: boolean): Promise<TestServer> {
  const publicUrl = `http://127.0.0.1:${port}`;
  const started = await startTestServer({
    port,
    passwordLogin,
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      publicUrl,
      claim: 'groups',
      groups: GROUPS,
    },
  });
  for (const [uuid, accountId] of [
    ['EmeaMeeting+0000000001==', EMEA],
    ['ApacMeeting+0000000001==', APAC],
  ] as const) {
    const meeting = meetingEvent('meeting.started', { uuid, accountId, at: new Date() });
    (meeting.payload as { object: { topic: string } }).object.topic = `Meeting of ${accountId.slice(0, 4)}`;
    expect((await started.post(meeting)).status).toBe(200);
  }
  return started;
}

/** This test's own Roomwatch, and a new browser context on it. */
async function fresh({ passwordLogin = true } = {}): Promise<{
  server: TestServer;
  context: BrowserContext;
  page: Page;
  errors: string[];
}> {
  const server = await roomwatch(passwordLogin);
  running = server;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  return { server, context, page, errors: collectPageErrors(page, server.url) };
}

/** Clicks through the provider's development sign-in and consent pages as `login`. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Changes the authorization request Roomwatch sends the browser to, as an attacker in the middle
 * would (Playwright routes only the first request of a redirect chain, so the redirect is rewritten).
 */
async function tamperAuthorizationRequest(page: Page, change: (url: URL) => void): Promise<void> {
  await page.route(
    (url) => url.pathname === '/auth/oidc/login',
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers().location!);
      change(location);
      await route.fulfill({ response, headers: { ...response.headers(), location: location.toString() } });
    },
  );
}

const sessionOf = async (page: Page) =>
  parseAnswer('GET /api/session', await page.evaluate(async () => (await fetch('/api/session')).json()));

beforeAll(async () => {
  port = await freePort();
  provider = await startTestProvider({ publicUrl: `http://127.0.0.1:${port}`, people: PEOPLE });
  browser = await launchBrowser();
});

// the next test's server listens on the same address
afterEach(async () => {
  await running?.close();
  running = null;
});

afterAll(async () => {
  await browser?.close();
  await provider?.close();
});

describe('single sign-on', () => {
  it('signs in a new user with the role and accounts their groups map to, and signs out of both', async () => {
    const { server, context, page, errors } = await fresh();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    await signInAtProvider(page, 'ana.lima');
    await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
    await page.getByRole('link', { name: 'Meeting of Emea' }).waitFor();
    expect(await page.getByRole('link', { name: 'Meeting of Apac' }).count()).toBe(0);
    expect(await sessionOf(page)).toEqual({ username: 'ana.lima', accountIds: [EMEA], role: 'operator' });
    await screenshot(page, 'sso-signed-in', { viewport: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    // the provider asks before ending its own session, then sends the browser back
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('link', { name: 'Sign in with SSO' }).waitFor();
    expect(await page.evaluate(() => fetch('/api/session').then((r) => r.status))).toBe(401);
    // the provider's session is over too: it asks who you are again
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    await page.locator('input[name="login"]').waitFor();

    const audit = await getAnswer(server.api, 'GET /api/audit', { query: { actor: 'ana.lima' } });
    expect(audit.entries.map((e) => [e.action, e.details?.method])).toEqual([
      ['sign_out', undefined],
      ['sign_in', 'sso'],
    ]);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('takes the highest role of several groups, and all accounts when a group names none', async () => {
    const { server, context, page } = await fresh();
    await page.goto(`${server.url}/auth/oidc/login`);
    await signInAtProvider(page, 'kenji.sato');
    await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
    expect(await sessionOf(page)).toEqual({ username: 'kenji.sato', accountIds: null, role: 'admin' });
    await page.getByRole('link', { name: 'Meeting of Apac' }).waitFor();
    await context.close();
  });

  it('refuses people whose groups map to nothing', async () => {
    const { server, context, page } = await fresh();
    await page.goto(`${server.url}/auth/oidc/login`);
    await signInAtProvider(page, 'eve.stranger');
    await page.getByText('Your account is not allowed to use Roomwatch.').waitFor();
    expect(await page.evaluate(() => fetch('/api/session').then((r) => r.status))).toBe(401);
    expect(server.application.auth.users.list().map((u) => u.username)).not.toContain('eve.stranger');
    await context.close();
  });

  it('refuses a sign-in whose state was tampered with', async () => {
    const { server, context, page } = await fresh();
    await tamperAuthorizationRequest(page, (url) => url.searchParams.set('state', 'forged-state-of-an-attacker'));
    await page.goto(`${server.url}/auth/oidc/login`);
    await signInAtProvider(page, 'ana.lima');
    await page.getByText('The identity provider did not confirm who you are.').waitFor();
    expect(await page.evaluate(() => fetch('/api/session').then((r) => r.status))).toBe(401);
    await context.close();
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const { server, context, page } = await fresh();
    await tamperAuthorizationRequest(page, (url) => url.searchParams.set('nonce', 'a nonce of another sign-in'));
    await page.goto(`${server.url}/auth/oidc/login`);
    await signInAtProvider(page, 'ana.lima');
    await page.getByText('The identity provider did not confirm who you are.').waitFor();
    expect(await page.evaluate(() => fetch('/api/session').then((r) => r.status))).toBe(401);
    const failures = await getAnswer(server.api, 'GET /api/audit', { query: { action: 'sign_in_failed' } });
    expect(failures.entries[0]!.details).toMatchObject({ method: 'sso', reason: expect.any(String) });
    await context.close();
  });

  it('refuses a callback this browser did not start', async () => {
    const { server, context, page } = await fresh();
    await page.goto(`${server.url}/auth/oidc/callback?code=stolen&state=whatever`);
    await page.getByText('Single sign-on took too long or was started in another browser.').waitFor();
    await context.close();
  });
});

it('with local passwords turned off, offers only single sign-on and refuses a password', async () => {
  const { server, context, page } = await fresh({ passwordLogin: false });
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Sign in with SSO' }).waitFor();
  expect(await page.getByLabel('Password').count()).toBe(0);
  await screenshot(page, 'sso-only-sign-in', { viewport: true });
  const refused = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'correct horse battery staple' }),
  });
  expect(refused.status).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: 'password_sign_in_disabled' } });
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await signInAtProvider(page, 'kenji.sato');
  await page.getByRole('heading', { name: 'Live meetings' }).waitFor();
  await context.close();
});
