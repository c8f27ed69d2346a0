/**
 * Makes committed transactions durable off the event loop. Ingest commits with synchronous=NORMAL
 * (in WAL mode the commit then only write()s its frames: a crash of the process cannot lose them,
 * the kernel holds them) and calls `durable()` before it answers: an fdatasync of the WAL file,
 * run on libuv's thread pool, after which a power cut cannot lose them either. Up to MAX_SYNCS run
 * at once, so that a batch committed while one runs need not wait for it to end before its own
 * begins; calls made while all run share the next one, which serves every batch committed meanwhile.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** fdatasync of an open file: what WalSync runs (tests give one that fails). */
export type DataSync = (handle: FileHandle) => Promise<void>;

const datasync: DataSync = (handle) => handle.datasync();

/** syncs under way at most (libuv's thread pool has 4 threads, which file and DNS work share) */
export const MAX_SYNCS = 2;

export class WalSync {
  private handle: Promise<FileHandle> | null = null;
  /** the syncs under way */
  private readonly running = new Set<Promise<void>>();
  /** the sync that starts once one under way ends (covering what was committed until it starts) */
  private next: Promise<void> | null = null;
  private closed = false;

  /** `databasePath` null (an in-memory database): nothing to sync. */
  constructor(
    private readonly databasePath: string | null,
    private readonly sync: DataSync = datasync,
  ) {}

  /** Settles once everything committed before the call is on disk; rejects when the sync failed. */
  durable(): Promise<void> {
    if (this.databasePath === null || this.closed) return Promise.resolve();
    if (this.running.size < MAX_SYNCS) return this.start();
    this.next ??= Promise.race([...this.running].map((run) => run.catch(() => undefined))).then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<void> {
    const run = (async () => {
      // opened once the WAL file exists: SQLite creates it with the first write
      this.handle ??= open(`${this.databasePath}-wal`, 'r');
      await this.sync(await this.handle);
    })();
    this.running.add(run);
    run.then(
      () => this.running.delete(run),
      () => {
        this.running.delete(run);
        // the next sync starts from a fresh handle
        const failed = this.handle;
        this.handle = null;
        void failed?.then((handle) => handle.close()).catch(() => undefined);
      },
    );
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.next?.catch(() => undefined);
    await Promise.allSettled(this.running);
    const handle = this.handle;
    this.handle = null;
    await (await handle?.catch(() => null))?.close();
  }
}
