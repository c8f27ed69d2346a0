/**
 * The audit log: who did what, when. Everything worth recording goes through record(), from the
 * server and from the command-line tools alike; the retention setting prunes it like the events.
 */
import { and, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { AuditAction, AuditEntry, AuditPage } from '../../shared/audit';
import type { Db } from '../db/open';
import { audit } from '../db/schema';

export interface AuditRecord {
  /** the username who acted; null for Roomwatch itself */
  actor: string | null;
  action: AuditAction;
  target?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  actions?: readonly AuditAction[];
  /** ms, inclusive */
  since?: number;
  /** ms, inclusive */
  until?: number;
  /** entries with a smaller id than this (the previous page's nextCursor) */
  before?: number;
  limit: number;
}

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  record(entry: AuditRecord): void {
    this.db
      .insert(audit)
      .values({
        at: this.now(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details ?? null,
      })
      .run();
  }

  /** Deletes up to `limit` entries older than `cutoff` (ms); how many went. */
  pruneBefore(cutoff: number, limit: number): number {
    const oldest = this.db.select({ id: audit.id }).from(audit).where(lt(audit.at, cutoff)).limit(limit);
    return this.db.delete(audit).where(inArray(audit.id, oldest)).run().changes;
  }

  list(query: AuditQuery): AuditPage {
    const conditions: (SQL | undefined)[] = [
      query.actor === undefined ? undefined : eq(audit.actor, query.actor),
      query.actions === undefined ? undefined : inArray(audit.action, [...query.actions]),
      query.since === undefined ? undefined : gte(audit.at, query.since),
      query.until === undefined ? undefined : lte(audit.at, query.until),
      query.before === undefined ? undefined : lt(audit.id, query.before),
    ];
    const rows = this.db
      .select()
      .from(audit)
      .where(and(...conditions))
      .orderBy(desc(audit.id))
      .limit(query.limit)
      .all();
    const entries: AuditEntry[] = rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      actor: row.actor,
      action: row.action as AuditAction,
      target: row.target,
      details: row.details ?? null,
    }));
    return { entries, nextCursor: rows.length === query.limit ? rows.at(-1)!.id : null };
  }
}
