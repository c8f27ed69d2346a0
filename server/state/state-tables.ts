/**
 * The SQLite mirror of live state (the meetings, participants and shares tables): one upsert per
 * reducer operation, and the reads that load it back. The only code that touches these tables.
 */
import { and, count, desc, eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open';
import { meetings, participants, shares } from '../db/schema';
import type { AccountFilter } from './live-state';
import type { StateOp } from './reducer';
import type { MeetingRecord, ParticipantRecord, ShareRecord } from './records';

/** A stored meeting with everyone and every share in it. */
export interface StoredMeeting {
  meeting: MeetingRecord;
  participants: ParticipantRecord[];
  shares: ShareRecord[];
}

export class StateTables {
  // raw and prepared once: every reduced event writes (ingest's hot path)
  private readonly upsertMeeting;
  private readonly upsertParticipant;
  private readonly upsertShare;

  constructor(private readonly db: Db) {
    const sqlite = db.$client;
    this.upsertMeeting = sqlite.prepare(
      `INSERT INTO meetings (uuid, account_id, status, last_event_ts, record) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(uuid) DO UPDATE SET account_id = excluded.account_id, status = excluded.status,
         last_event_ts = excluded.last_event_ts, record = excluded.record`,
    );
    this.upsertParticipant = sqlite.prepare(
      `INSERT INTO participants (meeting_uuid, key, present, record) VALUES (?, ?, ?, ?)
       ON CONFLICT(meeting_uuid, key) DO UPDATE SET present = excluded.present, record = excluded.record`,
    );
    this.upsertShare = sqlite.prepare(
      `INSERT INTO shares (meeting_uuid, id, record) VALUES (?, ?, ?)
       ON CONFLICT(meeting_uuid, id) DO UPDATE SET record = excluded.record`,
    );
  }

  write(ops: readonly StateOp[]): void {
    for (const op of ops) {
      if (op.type === 'meeting') {
        const r = op.record;
        this.upsertMeeting.run(r.uuid, r.accountId, r.ended ? 'ended' : 'live', r.lastEventTs, JSON.stringify(r));
      } else if (op.type === 'participant') {
        this.upsertParticipant.run(op.meetingUuid, op.record.key, op.record.present ? 1 : 0, JSON.stringify(op.record));
      } else {
        this.upsertShare.run(op.meetingUuid, op.record.id, JSON.stringify(op.record));
      }
    }
  }

  clear(): void {
    this.db.delete(shares).run();
    this.db.delete(participants).run();
    this.db.delete(meetings).run();
  }

  /** The meetings that have not ended. */
  runningUuids(): string[] {
    return this.db
      .select({ uuid: meetings.uuid })
      .from(meetings)
      .where(eq(meetings.status, 'live'))
      .all()
      .map((row) => row.uuid);
  }

  load(uuid: string): StoredMeeting | undefined {
    const meeting = this.meetingRecord(uuid);
    if (!meeting) return undefined;
    return {
      meeting,
      participants: this.db
        .select({ record: participants.record })
        .from(participants)
        .where(eq(participants.meetingUuid, uuid))
        .all()
        .map((row) => row.record),
      shares: this.db
        .select({ record: shares.record })
        .from(shares)
        .where(eq(shares.meetingUuid, uuid))
        .all()
        .map((row) => row.record),
    };
  }

  meetingRecord(uuid: string): MeetingRecord | undefined {
    return this.db.select({ record: meetings.record }).from(meetings).where(eq(meetings.uuid, uuid)).get()?.record;
  }

  /** Meetings stored, ended ones included. */
  count(): number {
    return this.db.select({ n: count() }).from(meetings).get()!.n;
  }

  /** Ended meetings of the accounts `visibleTo` lets through (default: all), newest first. */
  ended(visibleTo: AccountFilter | undefined, limit: number): MeetingRecord[] {
    return this.db
      .select({ record: meetings.record })
      .from(meetings)
      .where(and(eq(meetings.status, 'ended'), visibleTo?.condition(meetings.accountId)))
      .orderBy(desc(meetings.lastEventTs))
      .limit(limit)
      .all()
      .map((row) => row.record);
  }

  /** Meetings for which `condition` of their uuid holds (e.g. the event log's newest event of it). */
  meetingsWhere(condition: (uuid: SQLiteColumn) => SQL): { uuid: string; record: MeetingRecord }[] {
    return this.db
      .select({ uuid: meetings.uuid, record: meetings.record })
      .from(meetings)
      .where(condition(meetings.uuid))
      .all();
  }

  /** Every stored meeting's uuid, as a query for other tables' conditions. */
  uuids(): SQLWrapper {
    return this.db.select({ uuid: meetings.uuid }).from(meetings);
  }

  /** Deletes a meeting's row with its participants and shares. */
  deleteMeeting(uuid: string): void {
    this.db.delete(participants).where(eq(participants.meetingUuid, uuid)).run();
    this.db.delete(shares).where(eq(shares.meetingUuid, uuid)).run();
    this.db.delete(meetings).where(eq(meetings.uuid, uuid)).run();
  }
}
