/**
 * Makes committed transactions durable off the event loop. Ingest commits with synchronous=NORMAL
 * (in WAL mode the commit then only write()s its frames: a crash of the process cannot lose them,
 * the kernel holds them) and calls `durable()` before it answers: an fdatasync of the WAL file,
 * run on libuv's thread pool, after which a power cut cannot lose them either. Calls made while a
 * sync runs share the next one, so one sync serves every batch committed in the meantime.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** fdatasync of an open file: what WalSync runs (tests give one that fails). */
export type DataSync = (handle: FileHandle) => Promise<void>;

const datasync: DataSync = (handle) => handle.datasync();

export class WalSync {
  private handle: Promise<FileHandle> | null = null;
  /** the sync under way, and the one that waits for it (covering what was committed since it began) */
  private running: Promise<void> | null = null;
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
    if (!this.running) return this.start();
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
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
    this.running = run;
    const done = () => {
      if (this.running === run) this.running = null;
    };
    run.then(done, () => {
      done();
      // the next sync starts from a fresh handle
      const failed = this.handle;
      this.handle = null;
      void failed?.then((handle) => handle.close()).catch(() => undefined);
    });
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.next?.catch(() => undefined);
    await this.running?.catch(() => undefined);
    const handle = this.handle;
    this.handle = null;
    await (await handle?.catch(() => null))?.close();
  }
}
