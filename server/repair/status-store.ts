/**
 * What repair did lately, kept in the database for `npm run zoom:check` (a process of its own):
 * written once per turn of the schedule, and only when it changed.
 */
import type Database from 'better-sqlite3';
import type { AccountRepairStatus } from '../../shared/repair/status';
import type { Db } from '../db/open';
import { log } from '../ops/log';

export class RepairStatusStore {
  private readonly upsert;
  private readonly written = new Map<string, string>();

  constructor(db: Db) {
    this.upsert = db.$client.prepare(
      `INSERT INTO repair_status (account_id, status, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(account_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    );
  }

  save(status: AccountRepairStatus, now: number): void {
    const json = JSON.stringify(status);
    if (this.written.get(status.accountId) === json) return;
    try {
      this.upsert.run(status.accountId, json, now);
      this.written.set(status.accountId, json);
    } catch (error) {
      // only zoom:check reads it: repair goes on, and the next turn tries again
      log.warn({ err: error }, 'the repair status could not be saved');
    }
  }
}

export interface SavedRepairStatus {
  status: AccountRepairStatus;
  updatedAt: number;
}

/** The saved status of every account, from a database opened read-only; empty before repair ever ran. */
export function readRepairStatus(sqlite: Database.Database): SavedRepairStatus[] {
  const rows = sqlite.prepare('SELECT status, updated_at FROM repair_status ORDER BY account_id').all() as {
    status: string;
    updated_at: number;
  }[];
  return rows.map((row) => ({ status: JSON.parse(row.status) as AccountRepairStatus, updatedAt: row.updated_at }));
}
