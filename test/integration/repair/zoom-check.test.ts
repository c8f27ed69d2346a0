/** npm run zoom:check against the fake Zoom, in each situation it has to tell apart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../../server/demo/simulator';
import type { FakeZoom, FakeZoomAccount } from '../../../server/demo/fake-zoom/server';
import { openDatabase } from '../../../server/db/open';
import { zoomDay } from '../../../server/repair/budget';
import { runCli } from '../../support/cli';
import { FakeClock } from '../../support/fake-clock';
import { TEST_APP_ID, connectionTo, startFakeZoom } from '../../support/fake-zoom';
import { startTestServer } from '../../support/server';

const MINUTE = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'roomwatch-zoom-check-'));
const fakes: FakeZoom[] = [];
afterAll(async () => {
  for (const f of fakes) await f.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A world of one account with a ghost (Bo dropped without a leave), and its fake Zoom. */
async function fakeFor(account: Partial<FakeZoomAccount> = {}) {
  const clock = new FakeClock();
  const story = new Scenario({ seed: 4, start: clock.now() - 20 * MINUTE, exactTimes: true, accounts: 1 });
  const meeting = story.meeting({ topic: 'Design review' });
  meeting.join('Ana Lima');
  meeting.join('Bo Chen').drop();
  const fake = await startFakeZoom({ world: story.world, clock, account });
  fakes.push(fake);
  const accountId = story.world.accounts[0]!.id;
  const env = {
    ZOOM_ACCOUNT_ID: accountId,
    ZOOM_CLIENT_ID: 'client-0',
    ZOOM_CLIENT_SECRET: 'secret-0',
    ZOOM_APP_ID: TEST_APP_ID,
    ZOOM_API_URL: fake.apiUrl,
    ZOOM_OAUTH_URL: fake.oauthUrl,
    DATABASE_PATH: join(dir, `none-${fakes.length}.db`),
  };
  return { clock, story, fake, env, accountId };
}

const zoomCheck = (env: NodeJS.ProcessEnv, args: string[] = []) => runCli('zoom-check', args, { env });
const findings = (stdout: string) => stdout.trim().split('\n');

describe('npm run zoom:check', () => {
  it('says the token works, no scope is missing and the Dashboard answers, and that repair has not run yet: exit 0', async () => {
    const { env, accountId } = await fakeFor();
    const { code, stdout } = await zoomCheck(env);
    expect(code).toBe(0);
    const lines = findings(stdout);
    for (const line of lines) expect(line).toMatch(new RegExp(`^(ok|info|problem) +account ${accountId}: `));
    expect(lines.filter((l) => l.startsWith('ok'))).toHaveLength(4);
    expect(stdout).toMatch(/the token works \(scopes: dashboard_meetings:read:admin/);
    expect(stdout).toMatch(/the Dashboard answers/);
    expect(stdout).toMatch(/repair has not run yet/);
    expect(stdout).not.toMatch(/^problem/m);
  });

  it('says when the credentials are refused, without showing the secret: exit 1', async () => {
    const { env } = await fakeFor();
    const { code, stdout } = await zoomCheck({ ...env, ZOOM_CLIENT_SECRET: 'wrong-secret-value' });
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^problem +account \S+: No token: check ZOOM_ACCOUNT_ID.*refused the token request \(400\)/m,
    );
    expect(stdout).not.toContain('wrong-secret-value');
  });

  it('names the missing scopes when Zoom answers code 4711: exit 1', async () => {
    const { env } = await fakeFor({ scopes: ['meeting:read:admin'] });
    const { code, stdout } = await zoomCheck(env);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^problem +account \S+: Add the scopes dashboard:read:list_meetings:admin, dashboard:read:list_meeting_participants:admin/m,
    );
  });

  it('says when the plan has no Dashboard (HTTP 400, code 200): exit 1', async () => {
    const { env } = await fakeFor({ dashboard: false });
    const { code, stdout } = await zoomCheck(env);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^problem +account \S+: The account's plan has no Dashboard/m);
  });

  it('tells what repair did lately, as the running server saved it in DATABASE_PATH', async () => {
    const { clock, story, fake, env } = await fakeFor();
    const server = await startTestServer({
      clock,
      zoom: connectionTo(fake, story.world, { meetingsIntervalMs: MINUTE }),
    });
    try {
      for (const { body } of story.events()) expect((await server.post(body)).status).toBe(200);
      fake.script(/\/participants$/, { status: 500, body: { message: 'Internal error' } });
      for (let t = 0; t < 4 * MINUTE; t += 1000) {
        clock.advance(1000);
        await server.application.repairer!.tick();
      }
      const { code, stdout } = await zoomCheck({ ...env, DATABASE_PATH: server.dbPath });
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^info +account \S+: repair lately \(saved .*\): [1-9]\d* checks of participants, [1-9]\d* of live meetings, 1 failed/m,
      );
      expect(stdout).toMatch(/^info +account \S+: corrections: 1 participant_left$/m);
      expect(stdout).toMatch(
        /^info +account \S+: calls: [1-9]\d* list, [1-9]\d* per-meeting \(at most 30000 a day\), 0 answered 429, 0 "meeting not found" \(meetings that had ended\)$/m,
      );
      expect(stdout).toMatch(
        /^info +account \S+: last error: \S+: Zoom answered 500 for \/metrics\/meetings\/.*participants: Internal error$/m,
      );
      expect(stdout).toMatch(/^info +account \S+: last backfill .*: 0 logged deliveries/m);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("counts its calls in the day's repair budget kept in DATABASE_PATH, and makes none once it is spent: exit 1", async () => {
    const { env, fake, accountId } = await fakeFor();
    const budgetRow = () => {
      const db = openDatabase(env.DATABASE_PATH);
      try {
        return db.$client.prepare('SELECT day, calls FROM repair_budget WHERE account_id = ?').get(accountId);
      } finally {
        db.$client.close();
      }
    };
    expect((await zoomCheck(env)).code).toBe(0);
    const today = zoomDay(Date.now());
    expect(fake.callCount).toBeGreaterThan(0);
    expect(budgetRow()).toEqual({ day: today, calls: fake.callCount });

    // the server spent all but one call of today's 30,000 (half of Zoom's 60,000)
    const db = openDatabase(env.DATABASE_PATH);
    db.$client.prepare('UPDATE repair_budget SET calls = 29999 WHERE account_id = ?').run(accountId);
    db.$client.close();
    const calls = fake.callCount;
    expect((await zoomCheck(env)).code).toBe(0);
    expect(fake.callCount).toBe(calls + 1);
    expect(budgetRow()).toEqual({ day: today, calls: 30_000 });

    const spent = await zoomCheck(env);
    expect(spent.code).toBe(1);
    expect(spent.stdout).toMatch(
      /^problem +account \S+: repair's budget for today \(30000 calls\) is spent: no call made; Zoom's day starts again at 00:00 UTC$/m,
    );
    expect(fake.callCount).toBe(calls + 1);
    expect(budgetRow()).toEqual({ day: today, calls: 30_000 });
  }, 60_000);

  it('refuses a bad setting or flag with one line', async () => {
    const { env } = await fakeFor();
    const badUrl = await zoomCheck({ ...env, ZOOM_API_URL: 'ftp://zoom' });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr.trim()).toBe('zoom:check: ZOOM_API_URL must be an http(s) URL (got "ftp://zoom")');
    const halfConfigured = await zoomCheck({ ...env, ZOOM_CLIENT_SECRET: '' });
    expect(halfConfigured.code).toBe(1);
    expect(halfConfigured.stderr).toMatch(/^zoom:check: ZOOM_CLIENT_SECRET is required with the other/);
    const none = await zoomCheck({
      ...env,
      ZOOM_ACCOUNT_ID: '',
      ZOOM_CLIENT_ID: '',
      ZOOM_CLIENT_SECRET: '',
      ZOOM_APP_ID: '',
    });
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/^problem no Zoom connection is configured/);
    const flag = await zoomCheck(env, ['--verbose']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^zoom:check: Unknown option '--verbose'/);
  }, 60_000);
});
