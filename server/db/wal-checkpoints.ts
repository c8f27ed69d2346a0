/**
 * Checkpoints the WAL on a worker thread, so that the main thread's commits never copy pages into
 * the database file nor wait for its fsync (SQLite's automatic checkpoint runs inside the commit
 * that crosses 1,000 pages: a stall of the event loop every few thousand webhooks). The worker has
 * a connection of its own and runs a PASSIVE checkpoint every `intervalMs`, which never blocks the
 * writer. If the worker fails, the main connection checkpoints automatically again, as before.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open';
import { log } from '../ops/log';

/** SQLite's default: the main connection's automatic checkpoint, when the worker is gone */
const AUTOCHECKPOINT_PAGES = 1000;

// a worker of its own source, so that the bundled server (esbuild) needs no second entry point
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  const [result] = checkpoint.all();
  parentPort.postMessage(result);
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointResult {
  /** 1 when another connection held a lock the checkpoint needed */
  busy: number;
  /** frames in the WAL, and how many of them are now in the database file */
  log: number;
  checkpointed: number;
}

/**
 * Starts checkpointing the database's WAL on a worker thread (nothing for an in-memory database);
 * `onCheckpoint` hears of each one. Returns what stops it.
 */
export function checkpointOffThread(
  db: Db,
  options: { intervalMs: number; onCheckpoint?: (result: WalCheckpointResult) => void },
): () => Promise<void> {
  const sqlite = db.$client;
  if (sqlite.memory) return async () => undefined;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path: sqlite.name, intervalMs: options.intervalMs },
  });
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  worker.on('message', (result: WalCheckpointResult) => options.onCheckpoint?.(result));
  worker.on('error', (error) => log.error({ err: error }, 'WAL checkpoints failed; the main thread checkpoints again'));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      resolve();
    }),
  );
  // the server's process may end while it runs: it holds nothing that must finish
  worker.unref();
  return async () => {
    stopping = true;
    // until it has closed its connection, the process must not end for want of anything to do
    worker.ref();
    worker.postMessage('stop');
    await exited;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
}
