/**
 * Writes the event log (the `events` table, in seq order) as NDJSON that replay reads back, each
 * line keeping the exact raw body. The database is opened read-only, so a running server can keep
 * writing to it meanwhile (WAL).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { withSchema } from '../db/open';
import { EventLog } from '../events/event-log';
import { exportLine } from './ndjson';

export interface ExportOptions {
  dbPath: string;
  /** received at or after (ms since epoch); null: from the first event */
  since: number | null;
  /** received before (ms since epoch); null: up to the last event */
  until: number | null;
  out: Writable;
}

export interface ExportSummary {
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

export class ExportError extends Error {}

function openReadOnly(path: string): { sqlite: Database.Database; log: EventLog } {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ExportError(`cannot open the database ${path}: ${(error as Error).message}`);
  }
  try {
    return { sqlite, log: new EventLog(withSchema(sqlite)) };
  } catch {
    sqlite.close();
    throw new ExportError(`${path} is not a Roomwatch database (it has no events table)`);
  }
}

export async function exportEvents(options: ExportOptions): Promise<ExportSummary> {
  const { sqlite, log } = openReadOnly(options.dbPath);
  const summary: ExportSummary = { events: 0, firstSeq: null, lastSeq: null };
  try {
    const rows = log.receivedBetween(options.since ?? 0, options.until ?? Number.MAX_SAFE_INTEGER);
    for (const row of rows) {
      if (!options.out.write(`${exportLine(row)}\n`)) await once(options.out, 'drain');
      summary.events++;
      summary.firstSeq ??= row.seq;
      summary.lastSeq = row.seq;
    }
  } finally {
    sqlite.close();
  }
  return summary;
}
