/**
 * The event log (the `events` table): every accepted webhook in arrival order, the source of truth
 * that live state is rebuilt from. The only code that reads or writes it.
 */
import {
  and,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  max,
  notInArray,
  notLike,
  or,
  sql,
} from 'drizzle-orm';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open';
import { events } from '../db/schema';

export interface LogEntry {
  receivedAt: number;
  event: string;
  eventTs: number;
  meetingUuid: string | null;
  accountId: string | null;
  dedupKey: string;
  /** 'known' (validated against the spec) or 'unknown' (signed, but a type the spec does not list) */
  kind: 'known' | 'unknown';
  raw: string;
}

/** A logged event as export writes it. */
export interface ExportedEvent {
  seq: number;
  receivedAt: number;
  event: string;
  raw: string;
}

/** Which events a timeline shows. */
export interface TimelineFilter {
  meetingUuid?: string;
  /** null: every account */
  accountIds: readonly string[] | null;
  /** these event names, and (`orNoneOf`) every name but those */
  names?: { anyOf: readonly string[]; orNoneOf?: readonly string[] };
  since?: number;
  /** strictly before this position in newest-first order; without `seq`, before the time `ts` */
  before?: { ts: number; seq?: number };
  limit: number;
}

/**
 * Rows per query when reading the log in order (paged, not iterated: better-sqlite3 allows no
 * writes while a statement iterates); a shorter page is the last.
 */
export const LOG_PAGE = 1_000;

export class EventLog {
  // raw and prepared once: every delivery appends (ingest's hot path)
  private readonly insert;
  private readonly meetingTimePage;

  constructor(private readonly db: Db) {
    this.insert = db.$client.prepare<unknown[], { seq: number }>(
      `INSERT INTO events (received_at, event, event_ts, meeting_uuid, account_id, dedup_key, kind, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dedup_key) DO NOTHING RETURNING seq`,
    );
    const p = (name: string) => sql.placeholder(name);
    this.meetingTimePage = db
      // ts is never null here: the rows have an event time up to `until`
      .select({ seq: events.seq, ts: sql<number>`${events.eventTs}`, raw: events.raw })
      .from(events)
      .where(
        and(
          eq(events.meetingUuid, p('uuid')),
          eq(events.kind, 'known'),
          lte(events.eventTs, p('until')),
          or(gt(events.eventTs, p('ts')), and(eq(events.eventTs, p('ts')), gt(events.seq, p('seq')))),
        ),
      )
      .orderBy(events.eventTs, events.seq)
      .limit(LOG_PAGE)
      .prepare();
  }

  /** Appends an event; its seq, or null when its dedup key is logged already (a redelivery). */
  append(e: LogEntry): number | null {
    const row = this.insert.get(
      e.receivedAt,
      e.event,
      e.eventTs,
      e.meetingUuid,
      e.accountId,
      e.dedupKey,
      e.kind,
      e.raw,
    );
    return row?.seq ?? null;
  }

  /** The events that reduce into live state (kind 'known'), of one meeting or all, in log order. */
  *known(meetingUuid?: string): Generator<{ seq: number; raw: string }> {
    for (let after = 0, rows; (rows = this.knownPage(meetingUuid, after)).length > 0;) {
      yield* rows;
      after = rows.at(-1)!.seq;
    }
  }

  private knownPage(meetingUuid: string | undefined, after: number): { seq: number; raw: string }[] {
    return this.db
      .select({ seq: events.seq, raw: events.raw })
      .from(events)
      .where(
        and(
          eq(events.kind, 'known'),
          meetingUuid === undefined ? undefined : eq(events.meetingUuid, meetingUuid),
          gt(events.seq, after),
        ),
      )
      .orderBy(events.seq)
      .limit(LOG_PAGE)
      .all();
  }

  /**
   * A meeting's known events with an event time up to `until`, ordered by event time then seq,
   * after the position `after`: one page of at most LOG_PAGE rows.
   */
  meetingPageByTime(
    uuid: string,
    until: number,
    after: { ts: number; seq: number },
  ): { seq: number; ts: number; raw: string }[] {
    return this.meetingTimePage.all({ uuid, until, ts: after.ts, seq: after.seq });
  }

  /** A timeline's events, newest first by event time. */
  newestFirst(filter: TimelineFilter) {
    const conditions: (SQL | undefined)[] = [];
    if (filter.meetingUuid !== undefined) conditions.push(eq(events.meetingUuid, filter.meetingUuid));
    if (filter.accountIds !== null) conditions.push(inArray(events.accountId, [...filter.accountIds]));
    if (filter.names) {
      const { anyOf, orNoneOf } = filter.names;
      const parts = [
        anyOf.length > 0 ? inArray(events.event, [...anyOf]) : undefined,
        orNoneOf ? notInArray(events.event, [...orNoneOf]) : undefined,
      ];
      conditions.push(parts.some(Boolean) ? or(...parts) : undefined);
    }
    if (filter.since !== undefined) conditions.push(gte(events.eventTs, filter.since));
    const b = filter.before;
    if (b) {
      conditions.push(
        b.seq === undefined
          ? lt(events.eventTs, b.ts)
          : or(lt(events.eventTs, b.ts), and(eq(events.eventTs, b.ts), lt(events.seq, b.seq))),
      );
    }
    return this.db
      .select({
        seq: events.seq,
        event: events.event,
        eventTs: events.eventTs,
        meetingUuid: events.meetingUuid,
        raw: events.raw,
      })
      .from(events)
      .where(and(...conditions))
      .orderBy(desc(events.eventTs), desc(events.seq))
      .limit(filter.limit)
      .all();
  }

  /**
   * The events received in [since, until), in log order. One statement streams them all: the
   * export is one snapshot of the log however long it takes, whatever a running server writes.
   */
  receivedBetween(since: number, until: number): IterableIterator<ExportedEvent> {
    return this.db.$client
      .prepare<[number, number], ExportedEvent>(
        `SELECT seq, received_at AS receivedAt, event, raw FROM events
         WHERE received_at >= ? AND received_at < ? ORDER BY seq`,
      )
      .iterate(since, until);
  }

  count(): number {
    return this.db.select({ n: count() }).from(events).get()!.n;
  }

  /** When the last webhook from Zoom was received (Roomwatch's own repair events aside); null if none. */
  lastWebhookAt(): number | null {
    return this.db
      .select({ at: max(events.receivedAt) })
      .from(events)
      .where(notLike(events.event, 'roomwatch.%'))
      .get()!.at;
  }

  /** When the newest event of the meeting in `uuid` was received (0: none), as a column of a query on meetings. */
  newestReceivedOf(uuid: SQLiteColumn): SQL<number> {
    // the newest event of a meeting is its highest seq: received_at grows with seq
    return sql<number>`coalesce((SELECT e.received_at FROM events e WHERE e.meeting_uuid = ${uuid} ORDER BY e.seq DESC LIMIT 1), 0)`;
  }

  /** Deletes every event of a meeting; how many went. */
  deleteMeeting(uuid: string): number {
    return this.db.delete(events).where(eq(events.meetingUuid, uuid)).run().changes;
  }

  /**
   * Deletes up to `limit` events received before `cutoff` that belong to none of the meetings
   * `kept` (a query of meeting uuids); how many went.
   */
  pruneUnkept(cutoff: number, kept: SQLWrapper, limit: number): number {
    const oldest = this.db
      .select({ seq: events.seq })
      .from(events)
      .where(and(lt(events.receivedAt, cutoff), or(isNull(events.meetingUuid), notInArray(events.meetingUuid, kept))))
      .limit(limit);
    return this.db.delete(events).where(inArray(events.seq, oldest)).run().changes;
  }
}
