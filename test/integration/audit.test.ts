/** The audit log: what is recorded, by whom, how admins read and filter it, and how long it is kept. */
import { answerOf, getAnswer } from '../support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit';
import { Scenario } from '../../server/demo/simulator';
import { FakeClock } from '../support/fake-clock';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const clock = new FakeClock(Date.parse('2026-12-01T09:00:00Z'));
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startTestServer({ clock, retentionMs: 30 * DAY });
});
afterAll(() => server.close());

const audit = async (query = '') => {
  const response = await server.api(`/api/audit${query}`);
  expect(response.status).toBe(200);
  return answerOf('GET /api/audit', response);
};
const login = (username: string, password: string) =>
  fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
const shape = (e: AuditEntry) => [e.actor, e.action, e.target];

describe('what is recorded', () => {
  it('sign-ins, failed ones, sign-outs and user changes, with who did them', async () => {
    const users = server.application.auth.users;
    await users.add('kofi', 'kofi password 1', ['acc-1'], { role: 'operator', actor: 'admin' });
    expect((await login('kofi', 'wrong password')).status).toBe(401);
    expect((await login('nobody', 'wrong password')).status).toBe(401);
    const signedIn = await login('kofi', 'kofi password 1');
    const cookie = /^[^;]+/.exec(signedIn.headers.get('set-cookie')!)![0];
    await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie } });
    users.setRole('kofi', 'viewer', 'admin');
    users.setRole('kofi', 'viewer', 'admin'); // no change: nothing recorded
    users.setAccounts('kofi', null, 'admin');
    await users.setPassword('kofi', 'kofi password 2', 'admin');
    users.remove('kofi', 'admin');

    const { entries } = await audit(
      '?action=sign_in,sign_in_failed,sign_out,user_added,user_removed,user_role_changed,user_accounts_changed,user_password_changed',
    );
    const kofi = entries.filter((e) => e.actor === 'kofi' || e.target === 'kofi' || e.actor === 'nobody').reverse();
    expect(kofi.map(shape)).toEqual([
      ['admin', 'user_added', 'kofi'],
      ['kofi', 'sign_in_failed', null],
      ['nobody', 'sign_in_failed', null],
      ['kofi', 'sign_in', null],
      ['kofi', 'sign_out', null],
      ['admin', 'user_role_changed', 'kofi'],
      ['admin', 'user_accounts_changed', 'kofi'],
      ['admin', 'user_password_changed', 'kofi'],
      ['admin', 'user_removed', 'kofi'],
    ]);
    expect(kofi[0]!.details).toEqual({ role: 'operator', accountIds: ['acc-1'], sso: false });
    expect(kofi[3]!.details).toEqual({ method: 'password', ip: '127.0.0.1' });
    expect(kofi[5]!.details).toEqual({ from: 'operator', to: 'viewer' });
    expect(kofi[6]!.details).toEqual({ from: ['acc-1'], to: null });
    expect(kofi[0]!.at).toBe(new Date(clock.now()).toISOString());
    expect(JSON.stringify(entries)).not.toMatch(/password [12]|wrong password/);
  });

  it('acknowledgements, once, with the alert and its meeting', async () => {
    const story = new Scenario({ seed: 7, start: clock.now(), exactTimes: true });
    const meeting = story.meeting({ topic: 'Audit review' });
    meeting.alert(['High CPU occupation']);
    for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
    const { alerts } = await getAnswer(server.api, 'GET /api/alerts');
    const alert = alerts.find((a) => a.meetingTopic === 'Audit review')!;
    for (let i = 0; i < 2; i++) {
      expect((await server.api(`/api/alerts/${alert.id}/ack`, { method: 'POST' })).status).toBe(200);
    }
    const { entries } = await audit('?action=alert_acknowledged');
    expect(entries).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        actor: 'admin',
        action: 'alert_acknowledged',
        target: String(alert.id),
        details: { meetingUuid: meeting.facts.uuid, kind: 'quality_issue', meetingTopic: 'Audit review' },
      },
    ]);
  });
});

describe('GET /api/audit', () => {
  it('filters by actor and time, pages newest first, and names a bad parameter', async () => {
    const log = server.application.audit;
    const start = clock.now();
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      log.record({ actor: 'pager', action: 'repair_run', target: `run ${i}` });
    }
    const first = await audit('?actor=pager&limit=2');
    expect(first.entries.map((e) => e.target)).toEqual(['run 4', 'run 3']);
    const second = await audit(`?actor=pager&limit=2&cursor=${first.nextCursor}`);
    expect(second.entries.map((e) => e.target)).toEqual(['run 2', 'run 1']);
    const last = await audit(`?actor=pager&limit=2&cursor=${second.nextCursor}`);
    expect(last).toEqual({ entries: [expect.objectContaining({ target: 'run 0' })], nextCursor: null });
    const since = new Date(start + 2 * 60_000).toISOString();
    const until = new Date(start + 4 * 60_000).toISOString();
    expect((await audit(`?actor=pager&since=${since}&until=${until}`)).entries.map((e) => e.target)).toEqual([
      'run 3',
      'run 2',
      'run 1',
    ]);
    for (const [query, message] of [
      ['action=deleted_everything', /action must be one of/],
      ['since=yesterday', /since must be an ISO 8601 date-time/],
      ['limit=0', /limit must be at least 1/],
      ['cursor=-1', /cursor must be a whole number/],
    ] as const) {
      const response = await server.api(`/api/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(JSON.stringify(await response.json()), query).toMatch(message);
    }
  });

  it('keeps entries for the retention setting', async () => {
    server.application.audit.record({ actor: 'old.timer', action: 'backfill' });
    // the hourly retention runs as the clock passes
    clock.advance(31 * DAY);
    server.application.audit.record({ actor: 'new.comer', action: 'backfill' });
    // the admin's first session expired meanwhile
    const cookie = await server.login();
    const response = await fetch(`${server.url}/api/audit?action=backfill`, { headers: { cookie } });
    const { entries } = await answerOf('GET /api/audit', response);
    expect(entries.map((e) => e.actor)).toEqual(['new.comer']);
  });
});
