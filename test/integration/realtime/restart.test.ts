import { expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal';
import { Traffic } from '../../../server/demo/simulator';
import { connectClient, eventually, expectConverged, signIn } from '../../support/live-clients';
import { startTestServer, type TestServer } from '../../support/server';

// meetings of two Zoom accounts, over the last half hour
const traffic = new Traffic({ seed: 77, start: Date.now() - 30 * 60_000, rate: 3, meetings: 8 });
const OPS: Principal = { username: 'ops', accountIds: null, role: 'viewer' };
const ACME: Principal = { username: 'acme', accountIds: [traffic.world.accounts[0]!.id], role: 'viewer' };

async function postMany(server: TestServer, count: number): Promise<void> {
  for (const { body } of traffic.take(count)) expect((await server.post(body)).status).toBe(200);
}

it('dashboards reconnect to a server restarted on the same database, and converge', { timeout: 120_000 }, async () => {
  let server = await startTestServer();
  const port = Number(new URL(server.url).port);
  const [ops, acme] = [await signIn(server, OPS), await signIn(server, ACME)];
  const clients = [connectClient(server.url, ops), connectClient(server.url, ops), connectClient(server.url, acme)];
  try {
    await postMany(server, 300);
    const first = [...clients[0]!.store.meetings.keys()].sort()[0]!;
    clients[0]!.store.select(first);
    for (const client of clients) await expectConverged(server.url, client);
    const before = clients.map((c) => c.syncs.at(-1)!.epoch);

    await server.stop();
    await eventually(() => expect(clients.every((c) => c.store.connection === 'reconnecting')).toBe(true));
    expect(clients.every((c) => c.store.staleSince !== null)).toBe(true);

    // the users and their sessions live in the database, so the same cookies still work
    server = await startTestServer({ dir: server.dir, port });
    await postMany(server, 300);
    for (const client of clients) await expectConverged(server.url, client);
    // a new run: its seqs start again, and every client started again from a snapshot of it
    for (const [i, client] of clients.entries()) {
      expect(client.syncs.at(-1)).toMatchObject({ type: 'snapshot' });
      expect(client.syncs.at(-1)!.epoch).not.toBe(before[i]);
    }
    expect(clients[0]!.subscribes.at(-1)).toEqual({ channel: 'meeting', key: first, from: expect.anything() });
    expect(clients[0]!.store.meeting!.toDetail()!.uuid).toBe(first);
  } finally {
    for (const client of clients) client.store.close();
    await server.close();
  }
});
