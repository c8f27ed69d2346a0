import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open';
import { checkpointOffThread, type WalCheckpointResult } from '../../server/db/wal-checkpoints';
import { eventually } from '../support/eventually';

let dir: string;
let db: Db;
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('WAL checkpoints off the event loop', () => {
  it('copies what the main connection commits into the database file from a worker thread, and hands back on stop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roomwatch-checkpoints-'));
    const path = join(dir, 'roomwatch.db');
    db = openDatabase(path);
    const results: WalCheckpointResult[] = [];
    const stop = checkpointOffThread(db, { intervalMs: 20, onCheckpoint: (result) => results.push(result) });
    const sqlite = db.$client;
    // the main connection no longer checkpoints in its commits
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
    const insert = sqlite.prepare('INSERT INTO filler (text) VALUES (?)');
    const before = statSync(path).size;
    // 3,000 pages: three times what the automatic checkpoint would have taken on
    for (let i = 0; i < 30; i++)
      sqlite.transaction(() => Array.from({ length: 100 }, () => insert.run('x'.repeat(4000))))();
    const done = await eventually(async () => results.find((r) => r.log >= 3000 && r.checkpointed === r.log));
    expect(done.busy).toBe(0);
    expect(statSync(path).size).toBeGreaterThan(before + 3000 * 4000);
    await stop();
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('has nothing to do for an in-memory database', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roomwatch-checkpoints-'));
    db = openDatabase(':memory:');
    const stop = checkpointOffThread(db, { intervalMs: 20 });
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await stop();
  });
});
