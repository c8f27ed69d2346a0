/**
 * Live state: the reducer's records in memory for fast reads, mirrored in SQLite inside the same
 * transaction that appends the event. Ended meetings stay in SQLite and are loaded on demand.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { MeetingStatus } from '../../shared/state';
import { canSeeAccount, type Principal } from '../auth/principal';
import { accountCondition } from '../auth/scope';
import type { Db } from '../db/open';
import { meetings, participants, shares } from '../db/schema';
import { applyOps, emptyMeetingState, indexParticipant, type MutableMeetingState } from './apply';
import type { ReducerEvent } from './normalize';
import type { MeetingRecord, ParticipantRecord, ShareRecord } from './records';
import { reduce, type MeetingState, type StateOp } from './reducer';
import { meetingStatus } from './views';

export interface LiveStateOptions {
  staleAfterMs: number;
  now: () => number;
}

export class LiveState {
  private readonly states = new Map<string, MutableMeetingState>();
  private readonly upsertMeeting;
  private readonly upsertParticipant;
  private readonly upsertShare;

  constructor(
    private readonly db: Db,
    private readonly options: LiveStateOptions,
  ) {
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
    this.loadRunning();
  }

  private loadRunning(): void {
    const rows = this.db.select({ uuid: meetings.uuid }).from(meetings).where(eq(meetings.status, 'live')).all();
    for (const { uuid } of rows) this.load(uuid);
  }

  private load(uuid: string): MutableMeetingState | undefined {
    const row = this.db.select().from(meetings).where(eq(meetings.uuid, uuid)).get();
    if (!row) return undefined;
    const state = emptyMeetingState(row.record as MeetingRecord);
    for (const p of this.db.select().from(participants).where(eq(participants.meetingUuid, uuid)).all()) {
      indexParticipant(state, p.record as ParticipantRecord);
    }
    for (const s of this.db.select().from(shares).where(eq(shares.meetingUuid, uuid)).all()) {
      const share = s.record as ShareRecord;
      state.shares.set(share.id, share);
    }
    this.states.set(uuid, state);
    return state;
  }

  /** The meeting's state, from memory or else from SQLite. */
  get(uuid: string): MutableMeetingState | undefined {
    return this.states.get(uuid) ?? this.load(uuid);
  }

  status(meeting: MeetingRecord): MeetingStatus {
    return meetingStatus(meeting, this.options.now(), this.options.staleAfterMs);
  }

  /** Meetings held in memory: every running one, and ended ones touched recently. */
  inMemory(): Iterable<MutableMeetingState> {
    return this.states.values();
  }

  /**
   * Meetings in the given statuses, of the accounts `visibleTo` may see (default: all): running ones
   * from memory, ended ones newest first from SQLite.
   */
  list(
    statuses: ReadonlySet<MeetingStatus>,
    options: { visibleTo?: Principal; endedLimit?: number } = {},
  ): MeetingState[] {
    const { visibleTo, endedLimit = 200 } = options;
    const result: MeetingState[] = [];
    for (const state of this.states.values()) {
      const status = this.status(state.meeting);
      if (status === 'ended' || !statuses.has(status)) continue;
      if (visibleTo && !canSeeAccount(visibleTo, state.meeting.accountId)) continue;
      result.push(state);
    }
    result.sort(
      (a, b) => b.meeting.firstEventTs - a.meeting.firstEventTs || (a.meeting.uuid < b.meeting.uuid ? -1 : 1),
    );
    if (statuses.has('ended')) {
      const rows = this.db
        .select({ record: meetings.record })
        .from(meetings)
        .where(and(eq(meetings.status, 'ended'), visibleTo && accountCondition(visibleTo, meetings.accountId)))
        .orderBy(desc(meetings.lastEventTs))
        .limit(endedLimit)
        .all();
      // ended meetings have nobody inside, so their summary needs only the meeting record
      for (const { record } of rows) result.push(emptyMeetingState(record as MeetingRecord));
    }
    return result;
  }

  /** Reduces an event and writes the resulting records; call inside the ingest transaction. */
  reduceAndPersist(event: ReducerEvent): StateOp[] {
    const ops = reduce(this.get(event.meeting.uuid), event);
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
    return ops;
  }

  /** Makes committed operations visible in memory; call after the transaction committed. */
  commit(ops: readonly StateOp[]): void {
    applyOps(this.states, ops);
  }

  /** Forgets ended meetings in memory (they stay in SQLite); used to bound memory. */
  evict(uuid: string): void {
    this.states.delete(uuid);
  }
}
