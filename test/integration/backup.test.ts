import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Traffic } from '../../server/demo/simulator';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { FakeClock } from '../support/fake-clock';
import { persistedState, replayLog } from '../support/replay';
import { startTestServer, type TestServer } from '../support/server';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const logOf = (sqlite: Database.Database) =>
  sqlite.prepare('SELECT seq, dedup_key FROM events ORDER BY seq').all() as { seq: number; dedup_key: string }[];

describe('npm run backup', () => {
  it('copies the database during ingest, consistently: the copy restores to a database whose rebuild equals its state', async () => {
    const events = new Traffic({ seed: 53, meetings: 6, webinars: 1, redeliveryRate: 0 }).take(20_000);
    const clock = () => new FakeClock(events.at(-1)!.at);
    const server = await startTestServer({ clock: clock() });
    servers.push(server);
    let posted = 0;
    let stopped = false;
    const posting = (async () => {
      for (const { body } of events) {
        if (stopped) return;
        expect((await server.post(body)).status).toBe(200);
        posted++;
      }
    })();
    await eventually(async () => posted >= 300, 20);
    const target = join(server.dir, 'backup.db');
    const before = posted;
    const backup = await runCli('backup', [target], { env: { DATABASE_PATH: server.dbPath } });
    const during = posted - before;
    stopped = true;
    await posting;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`^backed up .* to ${target}: \\d+ events, [\\d.]+ MB, in [\\d.]+ s\\n$`));
    // ingest went on while the copy was taken
    expect(during).toBeGreaterThan(0);

    const copy = new Database(target, { readonly: true });
    let copied;
    try {
      copied = logOf(copy);
      // one moment of the log: a prefix of what the server holds, each event whole with its state
      expect(copied.length).toBeGreaterThanOrEqual(before);
      expect(copied).toEqual(logOf(server.db.$client).slice(0, copied.length));
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(persistedState(copy)).toEqual(replayLog(copy));
    } finally {
      copy.close();
    }

    // restore: the file alone, as DATABASE_PATH of a server
    const restoredDir = mkdtempSync(join(tmpdir(), 'roomwatch-restore-'));
    dirs.push(restoredDir);
    copyFileSync(target, join(restoredDir, 'roomwatch.db'));
    const restored = await startTestServer({ dir: restoredDir, clock: clock() });
    servers.push(restored);
    expect(logOf(restored.db.$client)).toEqual(copied);
    expect(persistedState(restored.db.$client)).toEqual(replayLog(restored.db.$client));
    expect((await restored.api('/api/meetings?status=live,stale,ended')).status).toBe(200);
  });

  it('never overwrites a file, and says what is wrong in one line', async () => {
    const server = await startTestServer();
    servers.push(server);
    const target = join(server.dir, 'backup.db');
    const env = { DATABASE_PATH: server.dbPath };
    expect((await runCli('backup', [target], { env })).code).toBe(0);
    const first = readFileSync(target);
    const again = await runCli('backup', [target], { env });
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toBe(`backup: ${target} already exists; not overwritten (choose another file)\n`);
    expect(readFileSync(target).equals(first)).toBe(true);

    const missing = await runCli('backup', [join(server.dir, 'other.db')], {
      env: { DATABASE_PATH: join(server.dir, 'none.db') },
    });
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toBe(`backup: no database at ${join(server.dir, 'none.db')} (set DATABASE_PATH)\n`);
    const noFolder = await runCli('backup', [join(server.dir, 'no', 'such.db')], { env });
    expect(noFolder.stderr).toContain('its folder does not exist');
    const usage = await runCli('backup', [], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('give exactly one FILE');
  });
});
