/**
 * The quarantine: signed deliveries that are not valid events, kept with the reason (ingest.ts
 * adds them, in the transaction that refuses them). The only code that touches its table.
 */
import { count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { quarantine } from '../db/schema';

/** What a listing shows of a delivery's body: its first bytes. */
export const PREVIEW_BYTES = 2048;

export interface QuarantinedDelivery {
  id: number;
  receivedAt: number;
  event: string | null;
  reason: string;
  bytes: number;
  head: Buffer;
}

export class QuarantineStore {
  // raw and prepared once: a flood of bad deliveries each adds one (ingest's hot path)
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.$client.prepare<[number, string | null, string, string, Buffer]>(
      `INSERT INTO quarantine (received_at, event, reason, dedup_key, body)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT(dedup_key) DO NOTHING`,
    );
  }

  /** Keeps a delivery with why it was refused; a redelivery of one kept already is not kept twice. */
  add(receivedAt: number, event: string | null, reason: string, dedupKey: string, body: Buffer): void {
    this.insert.run(receivedAt, event, reason, dedupKey, body);
  }

  count(): number {
    return this.db.select({ n: count() }).from(quarantine).get()!.n;
  }

  /** Newest first, ids below `before`. */
  page(before: number, limit: number): QuarantinedDelivery[] {
    return this.db
      .select({
        id: quarantine.id,
        receivedAt: quarantine.receivedAt,
        event: quarantine.event,
        reason: quarantine.reason,
        bytes: sql<number>`length(${quarantine.body})`,
        head: sql<Buffer>`substr(${quarantine.body}, 1, ${sql.raw(String(PREVIEW_BYTES))})`,
      })
      .from(quarantine)
      .where(lt(quarantine.id, before))
      .orderBy(desc(quarantine.id))
      .limit(limit)
      .all();
  }

  /** Exactly the bytes received. */
  body(id: number): Buffer | undefined {
    return this.db.select({ body: quarantine.body }).from(quarantine).where(eq(quarantine.id, id)).get()?.body;
  }

  /** Deletes up to `limit` deliveries received before `cutoff`; how many went. */
  pruneBefore(cutoff: number, limit: number): number {
    const oldest = this.db
      .select({ id: quarantine.id })
      .from(quarantine)
      .where(lt(quarantine.receivedAt, cutoff))
      .limit(limit);
    return this.db.delete(quarantine).where(inArray(quarantine.id, oldest)).run().changes;
  }
}
