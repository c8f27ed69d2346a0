/**
 * The past of a meeting, from its event log: the state at any moment, and its counts over time.
 *
 * The state at T is the meeting's logged events with an event time up to T reduced together. The
 * reducer does not depend on the order of events, so this is what is known now about T: a late
 * event counts where it happened. Replays start from the newest checkpoint before T, so a moment of
 * a long meeting costs reading one checkpoint and replaying at most the events between two (see
 * eventsBetweenCheckpoints); a replay that goes past the newest checkpoint writes the next ones on
 * its way.
 */
import type { CountPoint } from '../../shared/history';
import type { Db } from '../db/open';
import { EventLog, LOG_PAGE } from '../events/event-log';
import type { AppliedEvent } from '../ingest/ingest';
import type { MutableMeetingState } from '../state/apply';
import type { MeetingRecord } from '../state/records';
import type { ReducerEvent } from '../state/normalize';
import { loggedEvents } from '../state/rebuild';
import { reducerEventOf, replayInto } from '../state/replay';
import type { CheckpointStore } from './checkpoints';

/** Events between two checkpoints of a small meeting: each moment of it replays at most this many. */
export const CHECKPOINT_EVENTS = 500;

/**
 * A checkpoint holds every participant record a meeting ever had, so a large meeting waits for a
 * quarter as many events as it has records: writing checkpoints then costs each event the same
 * whatever the meeting's size, and a moment replays at most a quarter as many events as the
 * checkpoint it starts from holds records (reading which is the larger cost).
 */
const RECORDS_PER_EVENT = 4;

/** Checkpoints one catch-up writes at most: a long backlog is written over several turns of the event loop. */
const CHECKPOINTS_PER_CATCH_UP = 2;

/** Later than any event. */
const END_OF_TIME = Number.MAX_SAFE_INTEGER;

interface Replayed {
  /** undefined when no event of the meeting is that old */
  state: MutableMeetingState | undefined;
  /** the changes of the counts during the replay */
  points: CountPoint[];
  /** the checkpoint it started from (-END_OF_TIME: the first event) */
  startAt: number;
  /** events between two checkpoints at the meeting's size after the replay */
  checkpointEvery: number;
  /** false when it stopped early, having written as many checkpoints as it was allowed */
  done: boolean;
}

/** A running meeting's whole curve, and the newest event time it holds. */
interface Curve {
  points: CountPoint[];
  lastTs: number;
}

export class History {
  /**
   * The curves of running meetings already asked for, extended as their events come in order (the
   * live counts after an event that is the newest are the counts at its time); a late event drops
   * its meeting's curve, to be replayed at the next ask. The overview asks for every running meeting.
   */
  private readonly curves = new Map<string, Curve>();

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly checkpoints: CheckpointStore,
    /** events between two checkpoints */
    readonly checkpointEvents: number = CHECKPOINT_EVENTS,
  ) {}

  /** Every logged event of the meeting, in log order (its report, its attendance). */
  loggedEvents(uuid: string): ReducerEvent[] {
    return [...loggedEvents(this.log, { meetingUuid: uuid })];
  }

  /** The meeting as it was at `at` (ms), with every event known now about that time. */
  stateAt(uuid: string, at: number): MutableMeetingState | undefined {
    return this.replay(uuid, at).state;
  }

  /** The meeting's counts over its whole life: one point per change, oldest first. */
  counts(uuid: string): CountPoint[] {
    const cached = this.curves.get(uuid);
    if (cached) return [...cached.points];
    const chain = this.checkpoints.chainPoints(uuid).points;
    const tail = this.replay(uuid, END_OF_TIME);
    // the newest checkpoint may have proved unreadable: the replay then started earlier
    const points = [...chain.filter((p) => p[0] <= tail.startAt), ...tail.points];
    const meeting = tail.state?.meeting;
    if (meeting && meeting.ended === null) this.curves.set(uuid, { points: [...points], lastTs: meeting.lastEventTs });
    return points;
  }

  /** After each committed event: extends the curve of its meeting, or drops it when the event came late. */
  noteApplied(event: AppliedEvent): void {
    const op = event.ops.find((o) => o.type === 'meeting');
    const curve = op && this.curves.get(op.record.uuid);
    if (!op || !curve) return;
    const meeting = op.record;
    if (event.eventTs < curve.lastTs || meeting.ended !== null) {
      this.curves.delete(meeting.uuid);
      return;
    }
    curve.lastTs = event.eventTs;
    const { points } = curve;
    // events of one time make one point: the counts once they are all in
    if (points.at(-1)?.[0] === event.eventTs) points.pop();
    const point = toPoint(event.eventTs, meeting.counts);
    const last = points.at(-1);
    if (!last || point[1] !== last[1] || point[2] !== last[2] || point[3] !== last[3]) points.push(point);
  }

  /** Forgets meetings that retention deleted. */
  forget(uuids: readonly string[]): void {
    for (const uuid of uuids) this.curves.delete(uuid);
  }

  /** The counts from `since` on; the first point says what they were at `since`. */
  countsSince(uuid: string, since: number): CountPoint[] {
    const points = this.counts(uuid);
    let first = points.findIndex((p) => p[0] > since);
    if (first === -1) first = points.length;
    const before = points[first - 1];
    const rest = points.slice(first);
    return before ? [[since, before[1], before[2], before[3]], ...rest] : rest;
  }

  /**
   * Writes the next checkpoints the meeting's log allows, CHECKPOINTS_PER_CATCH_UP at most (the
   * periodic job's work); says how many events apart its checkpoints now are, and whether more
   * are due.
   */
  catchUp(uuid: string): { checkpointEvery: number; done: boolean } {
    const { checkpointEvery, done } = this.replay(uuid, END_OF_TIME, CHECKPOINTS_PER_CATCH_UP);
    return { checkpointEvery, done };
  }

  /** Events between two checkpoints of a meeting in this state. */
  private eventsBetweenCheckpoints(state: MutableMeetingState): number {
    const records = state.participants.size + state.shares.size;
    return Math.max(this.checkpointEvents, Math.ceil(records / RECORDS_PER_EVENT));
  }

  /** Replays up to `until`, or only until it has written `maxWrites` checkpoints. */
  private replay(uuid: string, until: number, maxWrites = Infinity): Replayed {
    const start = this.checkpoints.before(uuid, until);
    // only the newest checkpoint is extended, so that checkpoints always continue one another
    const extend = (start?.at ?? null) === this.checkpoints.latestAt(uuid);
    return this.db.transaction(() => this.replayFrom(uuid, start, until, extend, maxWrites));
  }

  private replayFrom(
    uuid: string,
    start: { at: number; state: MutableMeetingState } | null,
    until: number,
    extend: boolean,
    maxWrites: number,
  ): Replayed {
    const states = new Map<string, MutableMeetingState>();
    if (start) states.set(uuid, start.state);
    const points: CountPoint[] = [];
    let segment: CountPoint[] = [];
    let last = start ? toPoint(start.at, start.state.meeting.counts) : null;
    let checkpointAt = start?.at ?? null;
    let sinceCheckpoint = 0;
    let written = 0;
    let groupTs: number | null = null;

    // called once every event of time groupTs is in: the counts then are the counts at that time
    const closeGroup = () => {
      const state = states.get(uuid);
      if (groupTs === null || !state) return;
      const point = toPoint(groupTs, state.meeting.counts);
      if (!last || point[1] !== last[1] || point[2] !== last[2] || point[3] !== last[3]) {
        points.push(point);
        segment.push(point);
        last = point;
      }
      if (extend && sinceCheckpoint >= this.eventsBetweenCheckpoints(state)) {
        this.checkpoints.write(uuid, groupTs, checkpointAt, segment, state);
        checkpointAt = groupTs;
        segment = [];
        sinceCheckpoint = 0;
        written++;
      }
    };

    let cursor = { ts: start?.at ?? -END_OF_TIME, seq: END_OF_TIME };
    let done = true;
    pages: for (;;) {
      const rows = this.log.meetingPageByTime(uuid, until, cursor);
      for (const row of rows) {
        if (row.ts !== groupTs) {
          closeGroup();
          if (written >= maxWrites) {
            done = false;
            break pages;
          }
          groupTs = row.ts;
        }
        const event = reducerEventOf(row.raw);
        if (event) replayInto(states, [event]);
        sinceCheckpoint++;
      }
      if (rows.length < LOG_PAGE) break;
      const lastRow = rows.at(-1)!;
      cursor = { ts: lastRow.ts, seq: lastRow.seq };
    }
    if (done) closeGroup();
    const state = states.get(uuid);
    return {
      state,
      points,
      startAt: start?.at ?? -END_OF_TIME,
      checkpointEvery: state ? this.eventsBetweenCheckpoints(state) : this.checkpointEvents,
      done,
    };
  }
}

function toPoint(at: number, { main, breakout, waiting }: MeetingRecord['counts']): CountPoint {
  return [at, main, breakout, waiting];
}
