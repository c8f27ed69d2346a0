/**
 * What each account's budget spent on Zoom's day, in the database: one more call added with every
 * call (one small row, no fsync of its own), read on start, so that a server that restarts, or
 * crashes in a loop, cannot spend the day's share again. Adding rather than overwriting lets
 * `npm run zoom:check`, a process of its own, spend from the same day's figure.
 */
import type { Db } from '../db/open';
import { log } from '../ops/log';
import type { DaySpent } from './budget';

export class RepairBudgetStore {
  private readonly upsert;
  private readonly select;

  constructor(db: Db) {
    this.upsert = db.$client.prepare(
      `INSERT INTO repair_budget (account_id, day, calls) VALUES (?, ?, 1)
       ON CONFLICT(account_id) DO UPDATE SET
         calls = CASE WHEN day = excluded.day AND typeof(calls) = 'integer' AND calls >= 0 THEN calls + 1 ELSE 1 END,
         day = excluded.day`,
    );
    this.select = db.$client.prepare('SELECT day, calls FROM repair_budget WHERE account_id = ?');
  }

  /** What the account spent on its last Zoom day with calls; null if never, or if the row makes no sense. */
  read(accountId: string): DaySpent | null {
    const row = this.select.get(accountId) as { day: unknown; calls: unknown } | undefined;
    if (row === undefined) return null;
    const { day, calls } = row;
    if (
      typeof day !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(day) ||
      !Number.isSafeInteger(calls) ||
      (calls as number) < 0
    ) {
      log.warn({ accountId, day, calls }, "the repair budget's saved day is not understood: counting from 0");
      return null;
    }
    return { day, calls: calls as number };
  }

  /** One call made on Zoom's day `day` (another day's count starts again). */
  spend(accountId: string, day: string): void {
    try {
      this.upsert.run(accountId, day);
    } catch (error) {
      // the call is made all the same: only a restart today would count from an older figure
      log.warn({ err: error, accountId }, "the repair budget's spending could not be saved");
    }
  }
}
