import { answerOf } from '../support/api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { DEMO_ADMIN_PASSWORD, startDemo } from '../../server/demo/demo';
import { spawnCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { loginCookie } from '../support/server';

const dir = mkdtempSync(join(tmpdir(), 'roomwatch-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meetingsOf = async (url: string) => {
  const cookie = await loginCookie(url, 'admin', DEMO_ADMIN_PASSWORD);
  const response = await fetch(`${url}/api/meetings`, { headers: { cookie } });
  return (await answerOf('GET /api/meetings', response)).meetings;
};

const config = (dbPath: string) =>
  loadConfig({
    ZOOM_WEBHOOK_SECRET_TOKEN: 'demo-test-secret',
    ROOMWATCH_ADMIN_PASSWORD: DEMO_ADMIN_PASSWORD,
    DATABASE_PATH: dbPath,
    PORT: '0',
  });

describe('the demo', () => {
  it('posts simulated traffic through the signed webhook endpoint until meetings are live and busy', async () => {
    const dbPath = join(dir, 'demo.db');
    writeFileSync(dbPath, 'left over from a previous demo');
    const demo = await startDemo({ config: config(dbPath), seed: 5, rate: 5, warmupMs: 5 * 60_000 });
    try {
      const meetings = await eventually(async () => {
        const live = await meetingsOf(demo.url);
        const busy = live.filter((m) => m.counts.main + m.counts.breakout > 0);
        return busy.length >= 3 && live.some((m) => m.kind === 'webinar') && live;
      });
      expect(meetings.every((m) => m.status === 'live')).toBe(true);
      // the traffic goes on in real time after the warm-up
      const sent = demo.driver.stats.sent;
      await eventually(async () => demo.driver.stats.sent > sent + 5);
      await demo.driver.stop();
      const { accepted, duplicates, failed, quarantined } = demo.driver.stats;
      expect({ failed, quarantined }).toEqual({ failed: 0, quarantined: 0 });
      const stored = demo.db.$client.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
      // besides the webhooks: what repair added from the fake Zoom, if it had the time to
      const { corrections, backfilled } = demo.application.metrics.repair;
      expect(stored.n).toBe(accepted + corrections + backfilled.accepted);
      expect(demo.application.metrics.accepted).toBe(accepted);
      expect(demo.application.metrics.duplicates).toBe(duplicates);
      // a user of each role to try the dashboard with
      for (const role of ['operator', 'viewer']) {
        const cookie = await loginCookie(demo.url, role, DEMO_ADMIN_PASSWORD);
        const session = await fetch(`${demo.url}/api/session`, { headers: { cookie } });
        expect(await session.json()).toMatchObject({ username: role, role });
      }
      // the demo's channels send the alerts of the simulated meetings to its local receivers
      await eventually(async () => (demo.receivers.received.get('/slack/services/T0/B0/demo') ?? 0) > 0);
      const log = await fetch(`${demo.url}/api/notification-deliveries`, {
        headers: { cookie: await loginCookie(demo.url, 'admin', DEMO_ADMIN_PASSWORD) },
      });
      const { deliveries } = await answerOf('GET /api/notification-deliveries', log);
      expect(deliveries.some((d) => d.channelName === 'Ops on Slack (demo receiver)' && d.status === 'delivered')).toBe(
        true,
      );
      expect(deliveries.every((d) => d.status !== 'failed')).toBe(true);
    } finally {
      await demo.close();
    }
  });

  it('starts from an empty database every time', async () => {
    const dbPath = join(dir, 'again.db');
    const first = await startDemo({ config: config(dbPath), seed: 6, rate: 5, warmupMs: 60_000 });
    const firstMeetings = await eventually(async () => {
      const live = await meetingsOf(first.url);
      return live.length > 0 && live;
    });
    await first.close();
    const second = await startDemo({ config: config(dbPath), seed: 7, rate: 5, warmupMs: 0 });
    try {
      const uuids = new Set((await meetingsOf(second.url)).map((m) => m.uuid));
      for (const meeting of firstMeetings) expect(uuids.has(meeting.uuid)).toBe(false);
    } finally {
      await second.close();
    }
  });
});

describe('npm run demo', () => {
  it('prints the URL and the login, serves live meetings, and stops cleanly on Ctrl-C', async () => {
    const child = spawnCli('demo', ['--port', '0', '--seed', '3', '--rate', '5'], {
      cwd: dir,
      env: { ZOOM_WEBHOOK_SECRET_TOKEN: undefined, ROOMWATCH_ADMIN_PASSWORD: undefined, PORT: undefined },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await eventually(async () => /Roomwatch demo on (http:\/\/\S+)/.exec(stdout)?.[1]);
    expect(stdout).toContain('login:     admin / roomwatch-demo');
    expect(stdout).toContain('traffic:   seed 3, rate 5 (npm run demo -- --seed 3 --rate 5 gives the same traffic)');
    expect(stdout).toContain('secret "roomwatch-demo-secret"');
    await eventually(async () => (await meetingsOf(url)).some((m) => m.counts.main > 0));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('stopping the demo');
  });

  it('refuses a bad flag with one clear line', async () => {
    const child = spawnCli('demo', ['--rate', 'fast'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2);
    expect(stderr).toContain('demo: --rate must be a positive number (got "fast")');
  });
});
