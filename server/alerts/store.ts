/**
 * Alerts in SQLite, each change written with its transition in one transaction. The unresolved
 * alerts are also kept in memory, keyed by (meeting, kind, subject), because every event and every
 * check asks which alerts of a meeting are open.
 */
import { and, asc, desc, eq, gte, inArray, lt, ne, or, type SQL } from 'drizzle-orm';
import type { AlertResolution, AlertStatus, AlertTransition, AlertTransitionView } from '../../shared/alerts';
import type { Db } from '../db/open';
import { alerts, alertTransitions } from '../db/schema';
import { ALERT_KINDS, type Finding } from './kinds';
import { alertTransitionView } from './view';

export type AlertRow = typeof alerts.$inferSelect;

/** The meeting an alert belongs to, as far as Roomwatch knows it. */
export interface MeetingRef {
  meetingUuid: string;
  accountId: string | null;
  meetingTopic: string | null;
}

export interface AlertQuery {
  statuses: readonly AlertStatus[];
  meetingUuid?: string;
  /** null: every account */
  accountIds: readonly string[] | null;
  /** resolved alerts only when resolved at or after this time (ms) */
  resolvedSince?: number;
  limit: number;
}

const keyOf = (kind: string, subject: string) => `${kind}\u0000${subject}`;

export class AlertStore {
  /** unresolved alerts by meeting, then by (kind, subject): every event asks for one meeting's */
  private readonly active = new Map<string, Map<string, AlertRow>>();

  constructor(private readonly db: Db) {
    const unresolved = db
      .select()
      .from(alerts)
      .where(inArray(alerts.status, ['open', 'acknowledged']))
      .all();
    for (const row of unresolved) this.remember(row);
  }

  findActive(meetingUuid: string, kind: string, subject: string): AlertRow | undefined {
    return this.active.get(meetingUuid)?.get(keyOf(kind, subject));
  }

  activeOf(meetingUuid: string): AlertRow[] {
    return [...(this.active.get(meetingUuid)?.values() ?? [])];
  }

  allActive(): AlertRow[] {
    return [...this.active.values()].flatMap((rows) => [...rows.values()]);
  }

  get(id: number): AlertRow | undefined {
    return this.db.select().from(alerts).where(eq(alerts.id, id)).get();
  }

  list(query: AlertQuery): AlertRow[] {
    if (query.accountIds !== null && query.accountIds.length === 0) return [];
    const conditions: (SQL | undefined)[] = [inArray(alerts.status, [...query.statuses])];
    if (query.resolvedSince !== undefined) {
      conditions.push(or(ne(alerts.status, 'resolved'), gte(alerts.resolvedAt, query.resolvedSince)));
    }
    if (query.meetingUuid !== undefined) conditions.push(eq(alerts.meetingUuid, query.meetingUuid));
    if (query.accountIds !== null) conditions.push(inArray(alerts.accountId, [...query.accountIds]));
    return this.db
      .select()
      .from(alerts)
      .where(and(...conditions))
      .orderBy(desc(alerts.lastSeenAt), desc(alerts.id))
      .limit(query.limit)
      .all();
  }

  open(meeting: MeetingRef, finding: Finding, at: number): AlertRow {
    return this.write(() => {
      const row = this.db
        .insert(alerts)
        .values({
          ...meeting,
          kind: finding.kind,
          severity: ALERT_KINDS[finding.kind].severity,
          subject: finding.subject,
          details: finding.details,
          status: 'open',
          firstSeenAt: at,
          lastSeenAt: at,
          count: 1,
        })
        .returning()
        .get();
      this.record(row, 'opened', at, null);
      return row;
    });
  }

  /** The same alert raised again while unresolved: counted, not duplicated. */
  repeat(row: AlertRow, meeting: MeetingRef, finding: Finding, at: number): AlertRow {
    return this.write(() => {
      const next = this.update(row.id, {
        details: finding.details,
        meetingTopic: meeting.meetingTopic ?? row.meetingTopic,
        count: row.count + 1,
        lastSeenAt: at,
      });
      this.record(next, 'repeated', at, null);
      return next;
    });
  }

  /** New details of a condition that still holds: no transition of its own. */
  refresh(row: AlertRow, finding: Finding, at: number): AlertRow {
    return this.write(() => this.update(row.id, { details: finding.details, lastSeenAt: at }));
  }

  acknowledge(row: AlertRow, by: string, at: number): AlertRow {
    return this.write(() => {
      const next = this.update(row.id, { status: 'acknowledged', acknowledgedBy: by, acknowledgedAt: at });
      this.record(next, 'acknowledged', at, by);
      return next;
    });
  }

  resolve(row: AlertRow, reason: AlertResolution, at: number): AlertRow {
    return this.write(() => {
      const next = this.update(row.id, { status: 'resolved', resolvedAt: at, resolvedReason: reason });
      this.record(next, 'resolved', at, null);
      return next;
    });
  }

  /** Deletes every alert of these meetings, with their transitions (retention prunes the meetings). */
  forgetMeetings(meetingUuids: readonly string[]): void {
    if (meetingUuids.length === 0) return;
    this.db.transaction((tx) => {
      tx.delete(alertTransitions)
        .where(inArray(alertTransitions.meetingUuid, [...meetingUuids]))
        .run();
      tx.delete(alerts)
        .where(inArray(alerts.meetingUuid, [...meetingUuids]))
        .run();
    });
    for (const meetingUuid of meetingUuids) this.active.delete(meetingUuid);
  }

  private write(change: () => AlertRow): AlertRow {
    const row = this.db.transaction(change);
    this.remember(row);
    return row;
  }

  /** keeps the in-memory index in step with a row just read or written */
  private remember(row: AlertRow): void {
    const key = keyOf(row.kind, row.subject);
    const rows = this.active.get(row.meetingUuid);
    if (row.status !== 'resolved') {
      if (rows) rows.set(key, row);
      else this.active.set(row.meetingUuid, new Map([[key, row]]));
    } else if (rows?.delete(key) && rows.size === 0) {
      this.active.delete(row.meetingUuid);
    }
  }

  private update(id: number, values: Partial<AlertRow>): AlertRow {
    return this.db.update(alerts).set(values).where(eq(alerts.id, id)).returning().get()!;
  }

  private record(row: AlertRow, transition: AlertTransition, at: number, by: string | null): void {
    this.db
      .insert(alertTransitions)
      .values({ alertId: row.id, meetingUuid: row.meetingUuid, transition, at, by })
      .run();
  }
}

export interface TransitionQuery {
  meetingUuid?: string;
  /** null: every account */
  accountIds: readonly string[] | null;
  transitions?: readonly AlertTransition[];
  /** only transitions at or after this time (ms) */
  since?: number;
  /** only transitions strictly before this (at, id) in newest-first order */
  before?: { at: number; id: number };
  order: 'oldest first' | 'newest first';
  limit?: number;
}

/** Alert transitions with their alerts, for the meeting and global timelines. */
export function queryAlertTransitions(db: Db, query: TransitionQuery): AlertTransitionView[] {
  if (query.accountIds !== null && query.accountIds.length === 0) return [];
  const conditions: (SQL | undefined)[] = [];
  if (query.meetingUuid !== undefined) conditions.push(eq(alertTransitions.meetingUuid, query.meetingUuid));
  if (query.accountIds !== null) conditions.push(inArray(alerts.accountId, [...query.accountIds]));
  if (query.transitions) conditions.push(inArray(alertTransitions.transition, [...query.transitions]));
  if (query.since !== undefined) conditions.push(gte(alertTransitions.at, query.since));
  if (query.before) {
    const { at, id } = query.before;
    conditions.push(or(lt(alertTransitions.at, at), and(eq(alertTransitions.at, at), lt(alertTransitions.id, id))));
  }
  const order =
    query.order === 'oldest first'
      ? [asc(alertTransitions.at), asc(alertTransitions.id)]
      : [desc(alertTransitions.at), desc(alertTransitions.id)];
  const select = db
    .select({ transition: alertTransitions, alert: alerts })
    .from(alertTransitions)
    .innerJoin(alerts, eq(alerts.id, alertTransitions.alertId))
    .where(and(...conditions))
    .orderBy(...order);
  const rows = query.limit === undefined ? select.all() : select.limit(query.limit).all();
  return rows.map(({ transition, alert }) => alertTransitionView(transition, alert));
}
