import { answerOf, errorOf } from '../support/api';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { FakeClock } from '../support/fake-clock';
import { meetingEvent } from '../support/meetings';
import { TEST_ADMIN, startTestServer, type TestServer, type TestServerOptions } from '../support/server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

const loginRequest = (server: TestServer, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const withCookie = (server: TestServer, path: string, cookie: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });

const errorCode = async (response: Response) => (await errorOf(response)).code;

const sql = <T>(server: TestServer, query: string, ...params: unknown[]) =>
  server.db.$client.prepare(query).all(...params) as T[];

describe('sign-in', () => {
  it('answers who signed in and sets an HttpOnly, SameSite=Strict session cookie on path /', async () => {
    const server = await start();
    const response = await loginRequest(server, TEST_ADMIN);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ username: 'admin', accountIds: null, role: 'admin' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${7 * 24 * 3600}`);
    expect(cookie).not.toContain('Secure');
  });

  it('stores only a hash of the token', async () => {
    const server = await start();
    const cookie = await server.login();
    const token = cookie.split('=')[1]!;
    const rows = sql<Record<string, unknown>>(server, 'SELECT * FROM sessions');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const server = await start();
    const unknown = await loginRequest(server, { username: 'mallory', password: TEST_ADMIN.password });
    const wrong = await loginRequest(server, { username: 'admin', password: 'not the password' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('accepts the username in any case', async () => {
    const server = await start();
    expect((await loginRequest(server, { username: 'Admin', password: TEST_ADMIN.password })).status).toBe(200);
  });

  it('refuses malformed sign-in requests with 4xx', async () => {
    const server = await start();
    const cases: [unknown, Record<string, string>, number][] = [
      ['{"username": "admin", "password": ', {}, 400],
      [{ username: 'admin' }, {}, 400],
      [{ username: 42, password: ['x'] }, {}, 400],
      [{ username: '', password: '' }, {}, 400],
      [{ username: 'admin', password: 'x'.repeat(2000) }, {}, 400],
      [
        `username=admin&password=${encodeURIComponent(TEST_ADMIN.password)}`,
        { 'content-type': 'application/x-www-form-urlencoded' },
        415,
      ],
      [{ username: 'admin', password: 'y'.repeat(20_000) }, {}, 413],
    ];
    for (const [body, headers, status] of cases) {
      const response = await loginRequest(server, body, headers);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
    }
  });

  it('marks the cookie Secure when a trusted proxy says the browser used HTTPS, and only then', async () => {
    const trusting = await start({ trustProxy: true });
    const secure = await loginRequest(trusting, TEST_ADMIN, { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('set-cookie')).toContain('Secure');
    const plain = await loginRequest(trusting, TEST_ADMIN, { 'x-forwarded-proto': 'http' });
    expect(plain.headers.get('set-cookie')).not.toContain('Secure');

    const untrusting = await start();
    const ignored = await loginRequest(untrusting, TEST_ADMIN, { 'x-forwarded-proto': 'https' });
    expect(ignored.headers.get('set-cookie')).not.toContain('Secure');
  });
});

describe('sessions', () => {
  it('requires a session on every /api route but login, also on routes that do not exist', async () => {
    const server = await start();
    const attempts: [string, string][] = [
      ['GET', '/api/session'],
      ['GET', '/api/meetings'],
      ['GET', '/api/meetings/abc%3D%3D'],
      ['GET', '/api/events'],
      ['GET', '/api/nothing'],
      ['POST', '/api/logout'],
      ['GET', '/api/login'],
      ['DELETE', '/api/meetings'],
    ];
    for (const [method, path] of attempts) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await errorCode(response)).toBe('unauthenticated');
    }
    for (const cookie of [
      `${SESSION_COOKIE}=`,
      `${SESSION_COOKIE}=${'A'.repeat(43)}`,
      `${SESSION_COOKIE}=%ff`,
      'x=y',
    ]) {
      expect((await withCookie(server, '/api/meetings', cookie)).status).toBe(401);
    }
  });

  it('leaves the webhook, /healthz and the dashboard shell open', async () => {
    const server = await start();
    const body = meetingEvent('meeting.started', {
      uuid: 'Dk3/kq+wQe2N7Hd1vRjT0A==',
      accountId: 'acc-a',
      at: new Date(),
    });
    expect((await server.post(body)).status).toBe(200);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/`)).status).toBeLessThan(500);
  });

  it('answers who am I, and logout ends the session server-side', async () => {
    const server = await start();
    const cookie = await server.login();
    const me = await withCookie(server, '/api/session', cookie);
    expect(await me.json()).toEqual({ username: 'admin', accountIds: null, role: 'admin' });

    const logout = await withCookie(server, '/api/logout', cookie, { method: 'POST' });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect(sql(server, 'SELECT * FROM sessions')).toHaveLength(0);
    // the old cookie is worthless even if the browser kept it
    expect((await withCookie(server, '/api/session', cookie)).status).toBe(401);
    expect((await withCookie(server, '/api/logout', cookie, { method: 'POST' })).status).toBe(401);
  });

  it('ends a session after the idle time, sliding with use, and after the absolute lifetime in any case', async () => {
    const clock = new FakeClock();
    const hour = 3_600_000;
    const server = await start({ clock, sessionIdleMs: 2 * hour, sessionMaxMs: 5 * hour });
    const cookie = await server.login();
    for (let i = 0; i < 4; i++) {
      clock.advance(1.5 * hour);
      const response = await withCookie(server, '/api/session', cookie);
      // 1.5 h, 3 h, 4.5 h after sign-in: used within the idle time each time; 6 h: past the lifetime
      expect(response.status, `after ${(i + 1) * 1.5} h`).toBe(i < 3 ? 200 : 401);
    }
    const idle = await server.login();
    clock.advance(2 * hour);
    expect((await withCookie(server, '/api/session', idle)).status).toBe(401);
  });

  it('prunes expired session rows with the retention job', async () => {
    const clock = new FakeClock();
    const server = await start({ clock, sessionIdleMs: 3_600_000 });
    await server.login();
    await server.login();
    expect(sql(server, 'SELECT * FROM sessions')).toHaveLength(2);
    clock.advance(2 * 3_600_000);
    expect(sql(server, 'SELECT * FROM sessions')).toHaveLength(0);
  });

  it('ends every session of a user whose password changes or who is removed', async () => {
    const server = await start();
    const users = server.application.auth.users;
    await users.add('noor', 'first password 1');
    const first = await server.login('noor', 'first password 1');
    await users.setPassword('noor', 'second password 2');
    expect((await withCookie(server, '/api/session', first)).status).toBe(401);
    const second = await server.login('noor', 'second password 2');
    expect((await withCookie(server, '/api/session', second)).status).toBe(200);
    users.remove('noor');
    expect((await withCookie(server, '/api/session', second)).status).toBe(401);
    expect(sql(server, 'SELECT * FROM sessions WHERE user_id NOT IN (SELECT id FROM users)')).toHaveLength(0);
  });

  it('authenticates a plain Node request (the Socket.IO handshake) by its cookie header', async () => {
    const server = await start();
    const cookie = await server.login();
    const { authenticate: authenticateRequest } = server.application.auth;
    expect(authenticateRequest({ headers: { cookie: `theme=dark; ${cookie}; lang=ko` } })).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      principal: { username: 'admin', accountIds: null, role: 'admin' },
    });
    expect(authenticateRequest({ headers: {} })).toBeNull();
    expect(authenticateRequest({ headers: { cookie: `${SESSION_COOKIE}=${'B'.repeat(43)}` } })).toBeNull();
    await withCookie(server, '/api/logout', cookie, { method: 'POST' });
    expect(authenticateRequest({ headers: { cookie } })).toBeNull();
  });
});

describe('sign-in rate limits', () => {
  it('answers 429 with Retry-After after 10 failures for one username, until the window passes', async () => {
    const clock = new FakeClock();
    const server = await start({ clock, trustProxy: true });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // from ever new addresses: the username limit alone must stop this
      const response = await loginRequest(
        server,
        { username: 'admin', password: `guess number ${i}` },
        { 'x-forwarded-for': `198.51.100.${i}` },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBe(15 * 60);
        expect(await errorCode(response)).toBe('too_many_attempts');
      }
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    // even the right password waits
    expect((await loginRequest(server, TEST_ADMIN)).status).toBe(429);
    // others are not locked out
    await server.application.auth.users.add('lena', 'lena password 1');
    expect((await loginRequest(server, { username: 'lena', password: 'lena password 1' })).status).toBe(200);

    clock.advance(15 * 60_000);
    expect((await loginRequest(server, TEST_ADMIN)).status).toBe(200);
  });

  it('answers 429 after 30 failures from one address, whatever the usernames', async () => {
    const server = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await loginRequest(server, { username: `user${i}`, password: 'wrong password' })).status);
    }
    expect(statuses).toEqual([...Array(30).fill(401), 429]);
    expect((await loginRequest(server, TEST_ADMIN)).status).toBe(429);
  });

  it('does not count successful sign-ins', async () => {
    const server = await start();
    for (let i = 0; i < 40; i++) expect((await loginRequest(server, TEST_ADMIN)).status).toBe(200);
  });
});

describe('account scoping', () => {
  const at = new Date();
  const own = 'Rk9vQmFyQmF6UXV4MTIzNA==';
  const other = 'T3RoZXJBY2NvdW50TWVldA==';
  const ownEnded = 'RW5kZWRPd25NZWV0aW5nMQ==';
  const otherEnded = 'RW5kZWRPdGhlck1lZXRpbmc=';

  async function seeded(): Promise<{ server: TestServer; scoped: string }> {
    const server = await start();
    const events = [
      meetingEvent('meeting.started', { uuid: own, accountId: 'acc-own', at }),
      meetingEvent('meeting.participant_joined', { uuid: own, accountId: 'acc-own', at, name: '김민준' }),
      meetingEvent('meeting.started', { uuid: other, accountId: 'acc-other', at }),
      meetingEvent('meeting.participant_joined', { uuid: other, accountId: 'acc-other', at, name: 'Zoë Müller' }),
      meetingEvent('meeting.started', { uuid: ownEnded, accountId: 'acc-own', at }),
      meetingEvent('meeting.ended', { uuid: ownEnded, accountId: 'acc-own', at }),
      meetingEvent('meeting.started', { uuid: otherEnded, accountId: 'acc-other', at }),
      meetingEvent('meeting.ended', { uuid: otherEnded, accountId: 'acc-other', at }),
    ];
    for (const event of events)
      expect((await answerOf('POST /webhooks/zoom', await server.post(event))).status).toBe('accepted');
    await server.application.auth.users.add('scoped', 'scoped password', ['acc-own', 'acc-third']);
    return { server, scoped: await server.login('scoped', 'scoped password') };
  }

  const uuids = async (response: Response) =>
    (await answerOf('GET /api/meetings', response)).meetings.map((m) => m.uuid).sort();

  it('lists only the meetings of the accounts a user may see, live and ended', async () => {
    const { server, scoped } = await seeded();
    const path = '/api/meetings?status=live,ended';
    expect(await uuids(await withCookie(server, path, scoped))).toEqual([ownEnded, own].sort());
    expect(await uuids(await server.api(path))).toEqual([own, other, ownEnded, otherEnded].sort());
    expect(await (await withCookie(server, '/api/session', scoped)).json()).toEqual({
      username: 'scoped',
      accountIds: ['acc-own', 'acc-third'],
      role: 'viewer',
    });
  });

  it("answers 404, exactly as for a meeting that does not exist, for another account's meeting", async () => {
    const { server, scoped } = await seeded();
    const mine = await withCookie(server, `/api/meetings/${encodeURIComponent(own)}`, scoped);
    expect(mine.status).toBe(200);
    expect((await answerOf('GET /api/meetings/:uuid', mine)).participants.map((p) => p.name)).toContain('김민준');
    for (const uuid of [other, otherEnded]) {
      const theirs = await withCookie(server, `/api/meetings/${encodeURIComponent(uuid)}`, scoped);
      const missing = await withCookie(server, `/api/meetings/${encodeURIComponent(uuid.replace('=', 'x'))}`, scoped);
      expect([theirs.status, missing.status]).toEqual([404, 404]);
      const [a, b] = [await theirs.json(), await missing.json()];
      expect(JSON.stringify(a).replace(uuid, '?')).toBe(JSON.stringify(b).replace(uuid.replace('=', 'x'), '?'));
    }
    expect((await server.api(`/api/meetings/${encodeURIComponent(other)}`)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a strict CSP, frame-ancestors none, nosniff and no-referrer on every kind of response', async () => {
    const server = await start();
    const responses = [
      await fetch(`${server.url}/`),
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/api/meetings`),
      await server.api('/api/meetings'),
      await fetch(`${server.url}/webhooks/zoom`, { method: 'POST', body: '{}' }),
      await fetch(`${server.url}/no/such/page.php`),
    ];
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('forbids caching of API answers', async () => {
    const server = await start();
    expect((await server.api('/api/meetings')).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${server.url}/api/meetings`)).headers.get('cache-control')).toBe('no-store');
  });
});
