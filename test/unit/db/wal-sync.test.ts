import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from '../../../server/db/wal-sync';
import { eventually } from '../../support/eventually';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database path whose WAL file exists, and syncs that wait until released, counted. */
function gatedSyncs() {
  dir = mkdtempSync(join(tmpdir(), 'roomwatch-walsync-'));
  const path = join(dir, 'roomwatch.db');
  writeFileSync(`${path}-wal`, 'frames');
  const gates: { release: () => void; fail: (error: Error) => void }[] = [];
  const sync = (handle: FileHandle) =>
    new Promise<void>((resolve, reject) => {
      expect(handle.fd).toBeGreaterThan(0);
      gates.push({ release: resolve, fail: reject });
    });
  return { path, gates, sync };
}

/** whether the promise has settled, read at any later moment */
function tracked(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

describe('WalSync', () => {
  it('settles a call only with a sync that began after it, and shares one sync among the calls that wait', async () => {
    const { path, gates, sync } = gatedSyncs();
    const wal = new WalSync(path, sync);
    const first = wal.durable();
    const firstSettled = tracked(first);
    await eventually(async () => gates.length === 1);
    expect(firstSettled()).toBe(false);
    // committed while the first sync runs: the first sync may not cover them, the next one does
    const second = wal.durable();
    const third = wal.durable();
    expect(gates).toHaveLength(1);
    gates[0]!.release();
    const secondSettled = tracked(second);
    await first;
    await eventually(async () => gates.length === 2);
    expect(secondSettled()).toBe(false);
    gates[1]!.release();
    await Promise.all([second, third]);
    expect(gates).toHaveLength(2);
    await wal.close();
  });

  it('rejects the calls a failed sync covered, and syncs again for the next ones', async () => {
    const { path, gates, sync } = gatedSyncs();
    const wal = new WalSync(path, sync);
    const failed = wal.durable();
    await eventually(async () => gates.length === 1);
    gates[0]!.fail(new Error('EIO: i/o error, fdatasync'));
    await expect(failed).rejects.toThrow('EIO');
    const next = wal.durable();
    await eventually(async () => gates.length === 2);
    gates[1]!.release();
    await expect(next).resolves.toBeUndefined();
    await wal.close();
  });

  it('has nothing to sync for an in-memory database', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roomwatch-walsync-'));
    const wal = new WalSync(null, () => Promise.reject(new Error('never called')));
    await expect(wal.durable()).resolves.toBeUndefined();
  });
});
