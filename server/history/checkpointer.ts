/**
 * Keeps checkpoints in step with the log: an event drops those it makes wrong (inside its
 * transaction; a lookup in memory for the usual event, newer than every checkpoint), and every few
 * seconds the meetings that received enough events since (as many as lie between two of their
 * checkpoints, more for a large meeting: History) get their next checkpoints written, off the path
 * of ingest, one meeting and a few checkpoints per turn of the event loop. A restart forgets what was counted; the first look into the past then writes what is
 * missing.
 */
import type { Clock } from '../clock';
import type { ReducerEvent } from '../state/normalize';
import type { CheckpointStore } from './checkpoints';
import type { History } from './history';

const INTERVAL_MS = 10_000;

export class Checkpointer {
  /** events logged per meeting since its checkpoints were last brought up to date */
  private readonly logged = new Map<string, number>();
  /** events between two checkpoints of each meeting, as its last catch-up found (default: the smallest) */
  private readonly every = new Map<string, number>();

  constructor(
    private readonly history: History,
    private readonly checkpoints: CheckpointStore,
  ) {}

  /** Call inside the transaction that logs the event. */
  noteLogged(event: ReducerEvent): void {
    // the checkpoints at or after its time did not hold it
    this.checkpoints.dropFrom(event.meeting.uuid, event.ts);
    this.logged.set(event.meeting.uuid, (this.logged.get(event.meeting.uuid) ?? 0) + 1);
  }

  /** A meeting with enough new events for its next checkpoint, or null. */
  private nextDue(): string | null {
    for (const [uuid, count] of this.logged) {
      // a catch-up reads the newest checkpoint, as large as the meeting: never more often than one is due
      if (count >= (this.every.get(uuid) ?? this.history.checkpointEvents)) return uuid;
    }
    return null;
  }

  /** Writes the next checkpoints of one meeting that has enough new events; false when none has. */
  private catchUpOne(): boolean {
    const uuid = this.nextDue();
    if (uuid === null) return false;
    this.logged.delete(uuid);
    try {
      const { checkpointEvery, done } = this.history.catchUp(uuid);
      this.every.set(uuid, checkpointEvery);
      // still due: the rest in a later turn, after the other meetings due
      if (!done) this.logged.set(uuid, checkpointEvery);
    } catch (error) {
      console.error('checkpoints could not be written; the next look into the past replays more', error);
    }
    return true;
  }

  /**
   * Every INTERVAL_MS, catches up the meetings that are due, one per turn of the event loop: in a
   * busy hour that is thousands of events to replay, which must not hold webhooks and realtime
   * ticks up for as long as all of them take. Returns the function that stops it.
   */
  schedule(clock: Clock): () => void {
    let next: NodeJS.Immediate | null = null;
    const step = () => {
      next = null;
      if (this.catchUpOne()) next = setImmediate(step);
    };
    const stop = clock.every(INTERVAL_MS, () => {
      if (next === null) step();
    });
    return () => {
      stop();
      if (next !== null) clearImmediate(next);
    };
  }

  /** Forgets meetings that retention deleted. */
  forget(uuids: readonly string[]): void {
    for (const uuid of uuids) {
      this.logged.delete(uuid);
      this.every.delete(uuid);
    }
    this.checkpoints.forget(uuids);
  }
}
