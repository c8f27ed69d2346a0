/**
 * The checkpoints table: reduced state of a meeting at moments of its life, with its counts since
 * the previous checkpoint. Derived data: a checkpoint that cannot be read is dropped with every
 * later one of its meeting, and the replay that needs them writes them again from the log.
 */
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CountPoint } from '../../shared/history';
import { and, desc, eq, gte, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { checkpoints } from '../db/schema';
import { emptyMeetingState, indexParticipant, type MutableMeetingState } from '../state/apply';
import type { MeetingRecord, ParticipantRecord, ShareRecord } from '../state/records';

export interface Checkpoint {
  meetingUuid: string;
  /** the state holds every event of the meeting up to and including this event time (ms) */
  at: number;
  fromAt: number | null;
  state: MutableMeetingState;
}

interface StoredState {
  meeting: MeetingRecord;
  participants: ParticipantRecord[];
  shares: ShareRecord[];
}

function encodeState(state: MutableMeetingState): Buffer {
  const stored: StoredState = {
    meeting: state.meeting,
    participants: [...state.participants.values()],
    shares: [...state.shares.values()],
  };
  // V8's own format reads back several times faster than JSON (a 1,000-person meeting is megabytes),
  // and deflate makes it a quarter
  return deflateRawSync(serialize(stored), { level: 1 });
}

/** The state of a stored checkpoint; null when it is not one (corrupt bytes, another meeting). */
function decodeState(uuid: string, bytes: Buffer): MutableMeetingState | null {
  try {
    const stored = deserialize(inflateRawSync(bytes)) as StoredState;
    if (stored.meeting?.uuid !== uuid || !Array.isArray(stored.participants) || !Array.isArray(stored.shares))
      return null;
    const state = emptyMeetingState(stored.meeting);
    for (const record of stored.participants) indexParticipant(state, record);
    for (const share of stored.shares) state.shares.set(share.id, share);
    return state;
  } catch {
    return null;
  }
}

function decodePoints(text: string): CountPoint[] | null {
  try {
    const points = JSON.parse(text) as unknown;
    const valid =
      Array.isArray(points) &&
      points.every((p) => Array.isArray(p) && p.length === 4 && p.every((n) => typeof n === 'number'));
    return valid ? (points as CountPoint[]) : null;
  } catch {
    return null;
  }
}

export class CheckpointStore {
  // prepared once: every logged event of a meeting may drop its newest checkpoints
  private readonly latest;
  private readonly dropFromStatement;
  /**
   * The time of each meeting's newest checkpoint as far as this store knows (null: none), so that
   * the events of a meeting with no checkpoint at or after their time (nearly all of them) cost no
   * DELETE. Only ever too late (something else deleted checkpoints): then a DELETE finds nothing.
   */
  private readonly newest = new Map<string, number | null>();

  constructor(private readonly db: Db) {
    const uuid = sql.placeholder('uuid');
    this.latest = db
      .select({ at: max(checkpoints.at) })
      .from(checkpoints)
      .where(eq(checkpoints.meetingUuid, uuid))
      .prepare();
    this.dropFromStatement = db
      .delete(checkpoints)
      .where(and(eq(checkpoints.meetingUuid, uuid), gte(checkpoints.at, sql.placeholder('at'))))
      .prepare();
  }

  /** The newest readable checkpoint at or before `at`; unreadable ones on the way are dropped. */
  before(uuid: string, at: number): Checkpoint | null {
    for (;;) {
      const row = this.db
        .select()
        .from(checkpoints)
        .where(and(eq(checkpoints.meetingUuid, uuid), lte(checkpoints.at, at)))
        .orderBy(desc(checkpoints.at))
        .limit(1)
        .get();
      if (!row) return null;
      const state = decodeState(uuid, row.state);
      if (state) return { meetingUuid: uuid, at: row.at, fromAt: row.fromAt, state };
      this.dropFrom(uuid, row.at);
    }
  }

  /** The time of the meeting's newest checkpoint, or null. */
  latestAt(uuid: string): number | null {
    const at = this.latest.get({ uuid })!.at;
    this.newest.set(uuid, at);
    return at;
  }

  /**
   * The counts of every checkpoint from the first one on, as long as each continues the previous
   * one; a broken link (a missing or unreadable checkpoint) drops the rest, to be replayed.
   */
  chainPoints(uuid: string): { points: CountPoint[]; lastAt: number | null } {
    const points: CountPoint[] = [];
    let lastAt: number | null = null;
    const rows = this.db
      .select({ at: checkpoints.at, fromAt: checkpoints.fromAt, points: checkpoints.points })
      .from(checkpoints)
      .where(eq(checkpoints.meetingUuid, uuid))
      .orderBy(checkpoints.at)
      .all();
    for (const row of rows) {
      const segment = row.fromAt === lastAt ? decodePoints(row.points) : null;
      if (!segment) {
        this.dropFrom(uuid, row.at);
        break;
      }
      points.push(...segment);
      lastAt = row.at;
    }
    return { points, lastAt };
  }

  write(uuid: string, at: number, fromAt: number | null, points: readonly CountPoint[], state: MutableMeetingState) {
    const written = { fromAt, points: JSON.stringify(points), state: encodeState(state) };
    this.db
      .insert(checkpoints)
      .values({ meetingUuid: uuid, at, ...written })
      .onConflictDoUpdate({ target: [checkpoints.meetingUuid, checkpoints.at], set: written })
      .run();
    const newest = this.newest.get(uuid);
    if (newest !== undefined && (newest === null || newest < at)) this.newest.set(uuid, at);
  }

  /** Drops the checkpoints at or after `at`: an event of that time arrived late, or one is unreadable. */
  dropFrom(uuid: string, at: number): void {
    const newest = this.newest.has(uuid) ? this.newest.get(uuid)! : this.latestAt(uuid);
    if (newest === null || newest < at) return;
    this.dropFromStatement.run({ uuid, at });
    // the newest left is unknown until asked again
    this.newest.delete(uuid);
  }

  /** Forgets meetings whose checkpoints were deleted (retention). */
  forget(uuids: readonly string[]): void {
    for (const uuid of uuids) this.newest.delete(uuid);
  }

  /** Deletes a meeting's checkpoints (retention deletes the meeting); forget() it once committed. */
  deleteMeeting(uuid: string): void {
    this.db.delete(checkpoints).where(eq(checkpoints.meetingUuid, uuid)).run();
  }

  /** Deletes every checkpoint (a rebuild of live state). */
  clear(): void {
    this.db.delete(checkpoints).run();
    this.newest.clear();
  }
}
