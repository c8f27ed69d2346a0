import { fstatSync, fsync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/db/open';
import { WalSync, type Fsync } from '../../../server/db/wal-sync';
import { eventually } from '../../support/eventually';

/** an fsync that waits to be released (or failed) by the test, noting the file of each call */
function heldFsync() {
  const calls: { fd: number; done: (error: NodeJS.ErrnoException | null) => void }[] = [];
  const fsyncFile: Fsync = (fd, done) => calls.push({ fd, done });
  return { fsyncFile, calls };
}

let db: Db;
let walSync: WalSync;
afterEach(async () => {
  await walSync.close();
  db.$client.close();
});

function commit(): void {
  db.$client
    .prepare('INSERT INTO quarantine (received_at, event, reason, dedup_key, body) VALUES (1, ?, ?, ?, ?)')
    .run('meeting.started', 'test', `key-${Math.random()}`, Buffer.from('{}'));
}

/** records the order in which promises settle */
function settled(promise: Promise<void>, log: string[], name: string): void {
  promise.then(
    () => log.push(name),
    (error: Error) => log.push(`${name}: ${error.message}`),
  );
}

describe('WAL sync', () => {
  it('commits without waiting for the disk, and fsyncs the WAL file of the database when asked', async () => {
    db = openDatabase(join(mkdtempSync(join(tmpdir(), 'wal-sync-')), 'db.sqlite'));
    const held = heldFsync();
    walSync = new WalSync(db, held.fsyncFile);
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    commit();
    const log: string[] = [];
    settled(walSync.synced(), log, 'first');
    await eventually(async () => held.calls.length === 1);
    expect(fstatSync(held.calls[0]!.fd).ino).toBe(statSync(`${db.$client.name}-wal`).ino);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual([]);
    held.calls[0]!.done(null);
    await eventually(async () => log.length === 1);
    expect(log).toEqual(['first']);
  });

  it('makes those who ask during an fsync wait for the next one, which they share', async () => {
    db = openDatabase(join(mkdtempSync(join(tmpdir(), 'wal-sync-')), 'db.sqlite'));
    const held = heldFsync();
    walSync = new WalSync(db, held.fsyncFile);
    const log: string[] = [];
    commit();
    settled(walSync.synced(), log, 'a');
    await eventually(async () => held.calls.length === 1);
    // committed after the running fsync began: it may not cover them
    commit();
    settled(walSync.synced(), log, 'b');
    commit();
    settled(walSync.synced(), log, 'c');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.calls).toHaveLength(1);
    held.calls[0]!.done(null);
    await eventually(async () => held.calls.length === 2);
    expect(log).toEqual(['a']);
    held.calls[1]!.done(null);
    await eventually(async () => log.length === 3);
    expect(log).toEqual(['a', 'b', 'c']);
    expect(held.calls).toHaveLength(2);
  });

  it('passes a failed fsync on to those waiting for it, and syncs again on the next call', async () => {
    db = openDatabase(join(mkdtempSync(join(tmpdir(), 'wal-sync-')), 'db.sqlite'));
    let failures = 1;
    walSync = new WalSync(db, (fd, done) => {
      if (failures-- > 0) done(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      else fsync(fd, done);
    });
    commit();
    await expect(walSync.synced()).rejects.toThrow('EIO');
    commit();
    await expect(walSync.synced()).resolves.toBeUndefined();
  });

  it('has nothing to sync for an in-memory database', async () => {
    db = openDatabase(':memory:');
    const held = heldFsync();
    walSync = new WalSync(db, held.fsyncFile);
    commit();
    await expect(walSync.synced()).resolves.toBeUndefined();
    expect(held.calls).toEqual([]);
  });
});
