/**
 * Keeps checkpoints in step with the log: an event drops those it makes wrong (inside its
 * transaction; a lookup in memory for the usual event, newer than every checkpoint), and every few
 * seconds the meetings that received enough events since (as many as lie between two of their
 * checkpoints, more for a large meeting: History) get their next checkpoints written, off the path
 * of ingest. A restart forgets what was counted; the first look into the past then writes what is
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

  /** Writes the checkpoints of the meetings that have enough new events. */
  run(): void {
    for (const [uuid, count] of this.logged) {
      // a catch-up reads the newest checkpoint, as large as the meeting: never more often than one is due
      if (count < (this.every.get(uuid) ?? this.history.checkpointEvents)) continue;
      this.logged.delete(uuid);
      this.every.set(uuid, this.history.catchUp(uuid));
    }
  }

  /** Runs every INTERVAL_MS; returns the function that stops it. */
  schedule(clock: Clock): () => void {
    return clock.every(INTERVAL_MS, () => {
      try {
        this.run();
      } catch (error) {
        console.error('checkpoints could not be written; the next look into the past replays more', error);
      }
    });
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
