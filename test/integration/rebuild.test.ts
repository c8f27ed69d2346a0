import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { CheckpointStore } from '../../server/history/checkpoints';
import { rebuildState } from '../../server/state/rebuild';
import { Traffic } from '../../server/demo/simulator';
import { startTestServer, type TestServer } from '../support/server';
import { stateTables } from '../support/state-tables';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

describe('npm run rebuild', () => {
  it('rebuilds from the event log exactly the state that ingest built incrementally', async () => {
    const server = await startTestServer();
    servers.push(server);
    // meetings that end and others that do not, a webinar, a few redeliveries; then the real captures
    const traffic = new Traffic({ seed: 21, meetings: 3, webinars: 1 });
    const stream = [...traffic.take(1_200), ...traffic.flush()];
    const bodies = stream.map((e) => e.body);
    const distinct = stream.filter((e) => !e.redelivery).length;
    expect(distinct).toBeLessThan(bodies.length);
    const simulated = traffic.expected();
    expect(simulated.filter((m) => m.status === 'ended').length).toBeGreaterThan(0);
    expect(simulated.filter((m) => m.status === 'live').length).toBeGreaterThan(0);
    const captures = readFileSync(new URL('../fixtures/zoom-captures-2026-04.ndjson', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { raw: unknown }).raw);
    const meetings = simulated.length + 4;
    for (const body of [...bodies, ...captures]) expect((await server.post(body)).status).toBe(200);
    const api = await (await server.api('/api/meetings?status=live,stale,ended')).json();
    const incremental = stateTables(server.db);
    expect(incremental.meetings).toHaveLength(meetings);
    await server.stop();

    const db = openDatabase(server.dbPath);
    const report = rebuildState(db, [new CheckpointStore(db)]);
    expect(report).toMatchObject({ meetings, events: distinct + captures.length });
    expect(stateTables(db)).toEqual(incremental);
    db.$client.close();

    const output = execFileSync('npx', ['tsx', 'server/cli/rebuild.ts'], {
      env: { ...process.env, DATABASE_PATH: server.dbPath },
      encoding: 'utf8',
    });
    expect(output).toContain(`rebuilt ${meetings} meetings from ${distinct + captures.length} logged events`);
    const again = openDatabase(server.dbPath);
    expect(stateTables(again)).toEqual(incremental);
    again.$client.close();

    const restarted = await startTestServer({ dir: server.dir });
    servers.push(restarted);
    expect(await (await restarted.api('/api/meetings?status=live,stale,ended')).json()).toEqual(api);
  });

  it('reports a bad DATABASE_PATH in one line', () => {
    let message = '';
    try {
      execFileSync('npx', ['tsx', 'server/cli/rebuild.ts'], {
        env: { ...process.env, DATABASE_PATH: '/proc/no-such-dir/x.db' },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      message = String((error as { stderr: string }).stderr);
    }
    expect(message).toMatch(/^rebuild: DATABASE_PATH "\/proc\/no-such-dir\/x.db" cannot be opened/m);
  });
});
