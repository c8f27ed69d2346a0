import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Traffic } from '../../../server/demo/simulator';
import { spawnServer, type ChildServer } from '../../support/child-server';
import { connectClient, eventually, expectConverged, type Dashboard } from '../../support/live-clients';
import { loginCookie } from '../../support/server';
import { signedHeaders } from '../../support/signing';

const dir = mkdtempSync(join(tmpdir(), 'roomwatch-killed-'));
const dbPath = join(dir, 'roomwatch.db');
const PASSWORD = 'killed-test correct horse';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function deliver(server: ChildServer, traffic: Traffic, count: number): Promise<void> {
  for (const { body } of traffic.take(count)) {
    const raw = JSON.stringify(body);
    const response = await fetch(`${server.url}/webhooks/zoom`, {
      method: 'POST',
      body: raw,
      headers: signedHeaders(raw),
    });
    expect(response.status).toBe(200);
  }
}

it(
  'dashboards reconnect to a server killed with SIGKILL and started again, and converge',
  { timeout: 120_000 },
  async () => {
    const env = { DATABASE_PATH: dbPath, ROOMWATCH_ADMIN_PASSWORD: PASSWORD };
    let server = await spawnServer(env);
    const traffic = new Traffic({ seed: 11, start: Date.now() - 600_000, rate: 4 });
    const dashboard: Dashboard = {
      principal: { username: 'admin', accountIds: null, role: 'viewer' },
      cookie: await loginCookie(server.url, 'admin', PASSWORD),
    };
    const clients = [connectClient(server.url, dashboard), connectClient(server.url, dashboard)];
    try {
      await deliver(server, traffic, 300);
      const first = [...clients[0]!.store.meetings.keys()].sort()[0]!;
      clients[0]!.store.select(first);
      for (const client of clients) await expectConverged(server.url, client);
      const epoch = clients[0]!.syncs.at(-1)!.epoch;

      server.process.kill('SIGKILL');
      expect(await server.exited).toMatchObject({ signal: 'SIGKILL' });
      await eventually(() => expect(clients.every((c) => c.store.connection === 'reconnecting')).toBe(true));
      expect(clients.every((c) => c.store.staleSince !== null)).toBe(true);

      // same port and database: the session and everything acknowledged survived the kill
      server = await spawnServer({ ...env, PORT: String(server.port) });
      await deliver(server, traffic, 300);
      for (const client of clients) await expectConverged(server.url, client);
      expect(clients[0]!.syncs.at(-1)!.epoch).not.toBe(epoch);
      expect(clients[0]!.store.meeting!.toDetail()!.uuid).toBe(first);
    } finally {
      for (const client of clients) client.store.close();
      server.process.kill('SIGTERM');
      await server.exited;
    }
  },
);
