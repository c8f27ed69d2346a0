/** What the event log holds, in numbers: for the status page and for repair's downtime backfill. */
import { count, max, notLike } from 'drizzle-orm';
import type { Db } from '../db/open';
import { events } from '../db/schema';

export function loggedEventCount(db: Db): number {
  return db.select({ n: count() }).from(events).get()!.n;
}

/** When the last webhook from Zoom was received (Roomwatch's own repair events aside); null if none. */
export function lastWebhookAt(db: Db): number | null {
  return db
    .select({ at: max(events.receivedAt) })
    .from(events)
    .where(notLike(events.event, 'roomwatch.%'))
    .get()!.at;
}
