/**
 * A consistent copy of the live database while the server keeps writing: SQLite's online backup
 * API, reading every page in one step, so that the copy is one snapshot (one read transaction; in
 * WAL mode the writer never waits for it) instead of a copy restarted by each commit. The copy is
 * written beside the target and linked into place only once complete and checked: the target is
 * never overwritten, and never half-written.
 */
import { existsSync, linkSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { withSchema } from '../db/open';
import { EventLog } from '../events/event-log';

export class BackupError extends Error {}

export interface BackupReport {
  /** events in the copy's log */
  events: number;
  bytes: number;
}

export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupReport> {
  const target = resolve(targetPath);
  if (existsSync(target)) throw new BackupError(`${targetPath} already exists; not overwritten (choose another file)`);
  if (!existsSync(dirname(target))) throw new BackupError(`cannot write ${targetPath}: its folder does not exist`);
  if (!existsSync(sourcePath)) throw new BackupError(`no database at ${sourcePath} (set DATABASE_PATH)`);
  let source: Database.Database;
  try {
    source = new Database(sourcePath, { readonly: true, fileMustExist: true });
    new EventLog(withSchema(source)).count();
  } catch (error) {
    throw new BackupError(`${sourcePath} is not a Roomwatch database: ${(error as Error).message}`);
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    // every remaining page in one step: a single snapshot
    await source.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial);
    let events: number;
    try {
      // one self-contained file, restorable by copying it alone
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`the copy failed its integrity check: ${String(check)}`);
      events = new EventLog(withSchema(copy)).count();
    } finally {
      copy.close();
    }
    try {
      // fails if the target appeared meanwhile, where a rename would replace it
      linkSync(partial, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new BackupError(`${targetPath} already exists; not overwritten (choose another file)`);
      throw new BackupError(`cannot write ${targetPath}: ${(error as Error).message}`);
    }
    return { events, bytes: statSync(target).size };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`cannot write ${targetPath}: ${(error as Error).message}`);
  } finally {
    source.close();
    rmSync(partial, { force: true });
  }
}
