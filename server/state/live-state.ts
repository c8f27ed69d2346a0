/**
 * Live state: the reducer's records in memory for fast reads, mirrored in SQLite inside the same
 * transaction that appends the event. Ended meetings stay in SQLite and are loaded on demand.
 */
import type { SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { MeetingStatus } from '../../shared/state';
import type { Db } from '../db/open';
import { applyOps, emptyMeetingState, indexParticipant, type MutableMeetingState } from './apply';
import type { ReducerEvent } from './normalize';
import { StateTables } from './state-tables';
import type { MeetingRecord } from './records';
import { reduce, type MeetingState, type StateOp } from './reducer';
import { meetingStatus } from './views';

/** Which Zoom accounts' meetings a reader may see: decided where the request enters (auth/scope.ts). */
export interface AccountFilter {
  sees(accountId: string | null): boolean;
  /** the same as a WHERE condition on an account_id column; undefined for every account */
  condition(column: SQLiteColumn): SQL | undefined;
}

export interface LiveStateOptions {
  staleAfterMs: number;
  now: () => number;
}

export class LiveState {
  private readonly states = new Map<string, MutableMeetingState>();
  private readonly tables: StateTables;

  constructor(
    db: Db,
    private readonly options: LiveStateOptions,
  ) {
    this.tables = new StateTables(db);
    for (const uuid of this.tables.runningUuids()) this.load(uuid);
  }

  private load(uuid: string): MutableMeetingState | undefined {
    const stored = this.tables.load(uuid);
    if (!stored) return undefined;
    const state = emptyMeetingState(stored.meeting);
    for (const record of stored.participants) indexParticipant(state, record);
    for (const record of stored.shares) state.shares.set(record.id, record);
    this.states.set(uuid, state);
    return state;
  }

  /** The meeting's state, from memory or else from SQLite. */
  get(uuid: string): MutableMeetingState | undefined {
    return this.states.get(uuid) ?? this.load(uuid);
  }

  /** The meeting's record without loading its participants into memory (for reads of history). */
  meetingRecord(uuid: string): MeetingRecord | undefined {
    const state = this.states.get(uuid);
    return state ? state.meeting : this.tables.meetingRecord(uuid);
  }

  /** Meetings stored, ended ones included. */
  storedCount(): number {
    return this.tables.count();
  }

  status(meeting: MeetingRecord): MeetingStatus {
    return meetingStatus(meeting, this.options.now(), this.options.staleAfterMs);
  }

  /** Meetings held in memory: every running one, and ended ones touched recently. */
  inMemory(): Iterable<MutableMeetingState> {
    return this.states.values();
  }

  /**
   * Meetings in the given statuses, of the accounts `visibleTo` lets through (default: all): running ones
   * from memory, ended ones newest first from SQLite.
   */
  list(
    statuses: ReadonlySet<MeetingStatus>,
    options: { visibleTo?: AccountFilter; endedLimit?: number } = {},
  ): MeetingState[] {
    const { visibleTo, endedLimit = 200 } = options;
    const result: MeetingState[] = [];
    for (const state of this.states.values()) {
      const status = this.status(state.meeting);
      if (status === 'ended' || !statuses.has(status)) continue;
      if (visibleTo && !visibleTo.sees(state.meeting.accountId)) continue;
      result.push(state);
    }
    result.sort(
      (a, b) => b.meeting.firstEventTs - a.meeting.firstEventTs || (a.meeting.uuid < b.meeting.uuid ? -1 : 1),
    );
    if (statuses.has('ended')) {
      // ended meetings have nobody inside, so their summary needs only the meeting record
      for (const record of this.tables.ended(visibleTo, endedLimit)) result.push(emptyMeetingState(record));
    }
    return result;
  }

  /** Reduces an event and writes the resulting records; call inside the ingest transaction. */
  reduceAndPersist(event: ReducerEvent): StateOp[] {
    const ops = reduce(this.get(event.meeting.uuid), event);
    this.tables.write(ops);
    return ops;
  }

  /**
   * Makes operations visible in memory, inside the transaction that wrote them (the next event of
   * the same transaction reduces against them); returns what undoes them if it does not commit.
   */
  apply(ops: readonly StateOp[]): () => void {
    return applyOps(this.states, ops);
  }

  /** Forgets a meeting in memory (it stays in SQLite, loaded again when asked for). */
  evict(uuid: string): void {
    this.states.delete(uuid);
  }

  /** Forgets in memory the meetings that ended before the cut-off, to bound memory; returns how many. */
  evictEndedBefore(cutoff: number): number {
    let evicted = 0;
    for (const [uuid, state] of this.states) {
      if (state.meeting.ended !== null && state.meeting.ended.ts < cutoff) {
        this.states.delete(uuid);
        evicted++;
      }
    }
    return evicted;
  }
}
