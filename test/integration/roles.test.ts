/** Roles on every route that needs more than viewing: viewer sees, operator also acknowledges, admin also administers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/auth';
import type { Sync } from '../../shared/realtime/protocol';
import { eventually, testSocket } from '../support/live-clients';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ROLES) {
    await server.application.auth.users.add(`the.${role}`, `${role} password 1`, null, { role });
    cookies[role] = await server.login(`the.${role}`, `${role} password 1`);
  }
});
afterAll(() => server.close());

const request = (role: Role, path: string, method = 'GET') =>
  fetch(`${server.url}${path}`, { method, headers: { cookie: cookies[role] } });

/** Each route with what answers when the role may use it (no alert 1 exists, so acknowledging it is 404). */
const ROUTES: { method: string; path: string; least: Role; allowed: number }[] = [
  { method: 'GET', path: '/api/session', least: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/meetings', least: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/alerts', least: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/events', least: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/search?q=ana', least: 'viewer', allowed: 200 },
  { method: 'POST', path: '/api/alerts/1/ack', least: 'operator', allowed: 404 },
  { method: 'GET', path: '/api/status', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/api/quarantine', least: 'admin', allowed: 200 },
  { method: 'GET', path: '/api/quarantine/1/body', least: 'admin', allowed: 404 },
  { method: 'GET', path: '/api/audit', least: 'admin', allowed: 200 },
];

describe.each(ROLES)('the %s role', (role) => {
  it.each(ROUTES)('$method $path', async ({ method, path, least, allowed }) => {
    const response = await request(role, path, method);
    if (ROLES.indexOf(role) >= ROLES.indexOf(least)) {
      expect(response.status).toBe(allowed);
    } else {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: 'forbidden', message: `this needs the ${least} role (you are ${role})` },
      });
    }
  });

  it('receives live data and may subscribe on the socket', async () => {
    const socket = testSocket(server.url, cookies[role]);
    try {
      await eventually(() => expect(socket.connected).toBe(true));
      const reply = (await socket.emitWithAck('subscribe', { channel: 'overview' })) as Sync;
      expect(reply).toMatchObject({ channel: 'overview', type: 'snapshot' });
      expect(await socket.emitWithAck('unsubscribe', { channel: 'overview' })).toEqual({ ok: true });
    } finally {
      socket.disconnect();
    }
  });
});

it('answers who is signed in with the role', async () => {
  expect(await (await request('operator', '/api/session')).json()).toEqual({
    username: 'the.operator',
    accountIds: null,
    role: 'operator',
  });
});
