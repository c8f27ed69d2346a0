/**
 * A socket lives no longer than its session, and sees no more than its user may: for each way a
 * session ends or a user's scope narrows, the open socket stops receiving within a second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../shared/auth';
import type { Sync } from '../../../shared/realtime/protocol';
import { runCli, spawnCli } from '../../support/cli';
import { FakeClock } from '../../support/fake-clock';
import { connectClient, eventually, testSocket, type TestClient } from '../../support/live-clients';
import { meetingEvent } from '../../support/meetings';
import { startTestServer, type TestServer } from '../../support/server';

const ACCOUNT_A = 'AccountA000000000000001';
const ACCOUNT_B = 'AccountB000000000000001';
const MEETING_A = 'revocationMeetingA+0000==';
const MEETING_B = 'revocationMeetingB+0000==';
const PASSWORD = 'revocation password 1';

/** The longest a socket may go on after its session ended or narrowed. */
const LIMIT_MS = 1000;

/** Waits on observable state until check() holds, and requires that it took no longer than LIMIT_MS from `since`. */
async function withinLimit(since: number, check: () => void): Promise<void> {
  await eventually(check);
  expect(Date.now() - since).toBeLessThan(LIMIT_MS);
}

async function started(server: TestServer, uuid: string, accountId: string): Promise<void> {
  const response = await server.post(meetingEvent('meeting.started', { uuid, accountId, at: new Date() }));
  expect(response.status).toBe(200);
}

async function joined(server: TestServer, uuid: string, accountId: string, name: string): Promise<void> {
  const response = await server.post(
    meetingEvent('meeting.participant_joined', { uuid, accountId, at: new Date(), name, seed: name.length }),
  );
  expect(response.status).toBe(200);
}

const clients: TestClient[] = [];
let server: TestServer;
let users = 0;

/** A new user of every account (unless told) with an open, synced dashboard socket. */
async function watcher(options: { role?: SessionInfo['role']; accountIds?: string[] | null } = {}) {
  const name = `watcher${++users}`;
  const principal = { username: name, accountIds: options.accountIds ?? null, role: options.role ?? 'viewer' };
  await server.application.auth.users.add(name, PASSWORD, principal.accountIds, { role: principal.role });
  const cookie = await server.login(name, PASSWORD);
  const client = connectClient(server.url, { principal, cookie });
  clients.push(client);
  await eventually(() => expect(client.store.meetings.size).toBeGreaterThan(0));
  return { name, cookie, client };
}

function expectSessionEnded(client: TestClient): void {
  expect(client.store.problem?.code).toBe('unauthorized');
  expect(client.socket.connected).toBe(false);
}

beforeAll(async () => {
  server = await startTestServer();
  await started(server, MEETING_A, ACCOUNT_A);
  await started(server, MEETING_B, ACCOUNT_B);
});

afterAll(async () => {
  for (const client of clients) client.store.close();
  await server.close();
});

describe('a session that ends disconnects its sockets within a second', () => {
  it('on sign-out', async () => {
    const { cookie, client } = await watcher();
    const since = Date.now();
    expect((await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    await withinLimit(since, () => expectSessionEnded(client));
  });

  it('when the user is removed by the server', async () => {
    const { name, client } = await watcher();
    const since = Date.now();
    server.application.auth.users.remove(name);
    await withinLimit(since, () => expectSessionEnded(client));
  });

  it('when the user is removed with npm run user (another process)', async () => {
    const { name, client } = await watcher();
    const result = await runCli('user', ['remove', name], { env: { DATABASE_PATH: server.dbPath } });
    const since = Date.now();
    expect(result.code).toBe(0);
    await withinLimit(since, () => expectSessionEnded(client));
  });

  it('when the password is changed with npm run user', async () => {
    const { name, client } = await watcher();
    const child = spawnCli('user', ['passwd', name, '--password-stdin'], { env: { DATABASE_PATH: server.dbPath } });
    child.stdin.end('a new password for this user\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    const since = Date.now();
    expect(code).toBe(0);
    await withinLimit(since, () => expectSessionEnded(client));
  });

  it('when the session expires, also while the socket is the only thing in use', async () => {
    const clock = new FakeClock();
    const expiring = await startTestServer({ clock, sessionIdleMs: 3_600_000, sessionMaxMs: 7_200_000 });
    try {
      const cookie = await expiring.login();
      const client = connectClient(expiring.url, {
        principal: { username: 'admin', accountIds: null, role: 'admin' },
        cookie,
      });
      clients.push(client);
      await eventually(() => expect(client.store.connection).toBe('live'));
      clock.advance(3_600_000 - 1);
      const since = Date.now();
      clock.advance(1);
      await withinLimit(since, () => expectSessionEnded(client));
    } finally {
      await expiring.close();
    }
  });
});

describe('a narrowed scope re-scopes the open socket within a second', () => {
  it('when the accounts narrow: the other account stops reaching it', async () => {
    const { name, client } = await watcher();
    const control = await watcher();
    expect([...client.store.meetings.keys()].sort()).toEqual([MEETING_A, MEETING_B]);
    const since = Date.now();
    server.application.auth.users.setAccounts(name, [ACCOUNT_A]);
    await withinLimit(since, () => expect([...client.store.meetings.keys()]).toEqual([MEETING_A]));
    const before = client.diffs.length;
    await joined(server, MEETING_B, ACCOUNT_B, 'Noor Haddad');
    await joined(server, MEETING_A, ACCOUNT_A, 'Ines Duarte');
    // the control sees both; once the narrowed one has A's change, B's would have come before it
    await eventually(() => expect(control.client.store.meetings.get(MEETING_B)?.counts.main).toBeGreaterThan(0));
    await eventually(() => expect(client.store.meetings.get(MEETING_A)?.counts.main).toBeGreaterThan(0));
    const after = JSON.stringify(client.diffs.slice(before));
    expect(after).toContain(MEETING_A);
    expect(after).not.toContain(MEETING_B);
    expect(client.store.connection).toBe('live');
  });

  it('when the accounts narrow with npm run user, and when the role changes: the dashboard is told', async () => {
    const { name, client } = await watcher({ role: 'operator' });
    const told: SessionInfo[] = [];
    client.store.onSessionChange((info) => told.push(info));
    const env = { DATABASE_PATH: server.dbPath };
    expect((await runCli('user', ['accounts', name, '--accounts', ACCOUNT_B], { env })).code).toBe(0);
    let since = Date.now();
    await withinLimit(since, () => expect([...client.store.meetings.keys()]).toEqual([MEETING_B]));
    expect(told.at(-1)).toEqual({ username: name, accountIds: [ACCOUNT_B], role: 'operator' });
    since = Date.now();
    server.application.auth.users.setRole(name, 'viewer');
    await withinLimit(since, () => expect(told.at(-1)?.role).toBe('viewer'));
    expect(client.store.connection).toBe('live');
  });
});

it("a removed user's socket cannot subscribe to anything, even before the periodic check", async () => {
  const slow = await startTestServer({ realtime: { sessionCheckMs: 3_600_000 } });
  try {
    await slow.application.auth.users.add('leaving', PASSWORD);
    const socket = testSocket(slow.url, await slow.login('leaving', PASSWORD));
    try {
      await eventually(() => expect(socket.connected).toBe(true));
      // as another process would: no notice reaches this server
      slow.db.$client.prepare("DELETE FROM users WHERE username = 'leaving'").run();
      await started(slow, 'createdAfterwards==', ACCOUNT_B);
      const reply = (await socket.emitWithAck('subscribe', { channel: 'meeting', key: 'createdAfterwards==' })) as Sync;
      expect(reply).toMatchObject({ error: { code: 'unauthorized' } });
      await eventually(() => expect(socket.connected).toBe(false));
    } finally {
      socket.disconnect();
    }
  } finally {
    await slow.close();
  }
});
