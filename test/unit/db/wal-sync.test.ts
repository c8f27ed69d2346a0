import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SYNCS, WalSync } from '../../../server/db/wal-sync';
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
  it('settles a call only with a sync that began after it; calls made while MAX_SYNCS run share the next one', async () => {
    const { path, gates, sync } = gatedSyncs();
    const wal = new WalSync(path, sync);
    expect(MAX_SYNCS).toBe(2);
    const first = wal.durable();
    const firstSettled = tracked(first);
    await eventually(async () => gates.length === 1);
    expect(firstSettled()).toBe(false);
    // committed while the first sync runs: it may not cover them, so a second starts at once...
    const second = wal.durable();
    await eventually(async () => gates.length === 2);
    // ...and with two under way, the next calls wait for one to end and share the sync after it
    const third = wal.durable();
    const fourth = wal.durable();
    const thirdSettled = tracked(third);
    gates[1]!.release();
    await second;
    await eventually(async () => gates.length === 3);
    expect(firstSettled()).toBe(false);
    expect(thirdSettled()).toBe(false);
    gates[2]!.release();
    await Promise.all([third, fourth]);
    gates[0]!.release();
    await first;
    expect(gates).toHaveLength(3);
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
