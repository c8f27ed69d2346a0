import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectRoot } from '../paths';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = join(projectRoot, 'drizzle');

export class DatabaseOpenError extends Error {}

/** mkdir -p, one level at a time: Node 20's recursive mkdirSync never returns for paths under /proc. */
function makeDirectories(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirectories(parent);
  mkdirSync(dir);
}

/**
 * Opens (creating if needed) and migrates the SQLite file. WAL lets readers run beside the writer;
 * synchronous=FULL because an event acknowledged to Zoom is never redelivered, so it must survive
 * a power cut, not only a crash.
 */
export function openDatabase(path: string): Db {
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') makeDirectories(dirname(resolve(path)));
    sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw new DatabaseOpenError(`DATABASE_PATH "${path}" cannot be opened: ${(error as Error).message}`);
  }
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}

/** The schema's tables over a connection opened elsewhere (read-only, a backup's copy): not migrated. */
export function withSchema(sqlite: Database.Database): Db {
  return drizzle(sqlite, { schema });
}

/** Throws unless the database answers (GET /healthz). */
export function ping(db: Db): void {
  db.get(sql`SELECT 1`);
}
