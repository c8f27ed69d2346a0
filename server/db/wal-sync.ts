/**
 * Durable commits without blocking the event loop. With synchronous=FULL every COMMIT waits for an
 * fsync of the WAL on the event loop, which then serves nobody. This turns the connection to
 * synchronous=NORMAL (a commit only writes the WAL) and makes the commits durable by fsyncing the
 * WAL file on libuv's thread pool: `synced()` settles once everything committed before the call is
 * on disk, and every commit made while one fsync runs shares the next (group commit). A checkpoint
 * fsyncs the WAL itself before copying it into the database, so nothing synced is lost to one.
 */
import { close, fsync, open } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './open';

export type Fsync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

interface Waiters {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

export class WalSync {
  /** the WAL file; null for an in-memory database, which has nothing to make durable */
  private readonly walPath: string | null;
  private fd: Promise<number | null> | null = null;
  /** the fsync running now, whoever asked before it began */
  private running: Promise<void> | null = null;
  /** those who asked while it ran: their commits may be newer than it, so they wait for the next */
  private next: Waiters | null = null;

  constructor(
    db: Db,
    /** fs.fsync; tests hold it to see who waits for it */
    private readonly fsyncFile: Fsync = fsync,
  ) {
    const path = db.$client.name;
    this.walPath = db.$client.memory ? null : `${path}-wal`;
    db.$client.pragma('synchronous = NORMAL');
  }

  /** Settles once every transaction committed before this call is on disk; rejects if the disk says no. */
  synced(): Promise<void> {
    if (this.walPath === null) return Promise.resolve();
    if (this.running === null) {
      this.running = this.sync();
      return this.running;
    }
    this.next ??= waiters();
    return this.next.promise;
  }

  /** Waits for the fsync in progress, then closes the file. */
  async close(): Promise<void> {
    await Promise.allSettled([this.running, this.next?.promise]);
    const fd = await this.fd?.catch(() => null);
    if (fd !== null && fd !== undefined) await new Promise((resolve) => close(fd, resolve));
    this.fd = null;
  }

  private async sync(): Promise<void> {
    try {
      const fd = await (this.fd ??= this.openWal());
      if (fd !== null) {
        await new Promise<void>((resolve, reject) =>
          this.fsyncFile(fd, (error) => (error ? reject(error) : resolve())),
        );
      }
    } finally {
      const next = this.next;
      this.next = null;
      this.running = null;
      if (next) {
        this.running = this.sync();
        this.running.then(next.resolve, next.reject);
      }
    }
  }

  /**
   * Opens the WAL (read-only: fsync needs no more) and, once, fsyncs its folder so that the file
   * itself is sure to exist after a power cut. SQLite keeps the same file while a connection is
   * open; a missing one has nothing to sync yet (no commit happened), so the next call retries.
   */
  private async openWal(): Promise<number | null> {
    const walPath = this.walPath!;
    const fd = await new Promise<number | null>((resolve, reject) =>
      open(walPath, 'r', (error, fd) =>
        error?.code === 'ENOENT' ? resolve(null) : error ? reject(error) : resolve(fd),
      ),
    );
    if (fd === null) {
      this.fd = null;
      return null;
    }
    await this.syncFolder(dirname(walPath));
    return fd;
  }

  /** best effort: some platforms cannot open a folder, and the WAL's own fsync is what matters */
  private syncFolder(folder: string): Promise<void> {
    return new Promise((resolve) =>
      open(folder, 'r', (error, fd) => {
        if (error) return resolve();
        fsync(fd, () => close(fd, () => resolve()));
      }),
    );
  }
}
