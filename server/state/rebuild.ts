/**
 * Rebuilds live state from the event log: fresh state tables, every logged event reduced again in
 * log order. The result equals the incrementally maintained state (tested), which is what makes the
 * log the source of truth. Run it with the server stopped.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { MutableMeetingState } from './apply';
import type { ReducerEvent } from './normalize';
import { reducerEventOf, replayInto } from './replay';
import { StateTables } from './state-tables';

export interface RebuildReport {
  events: number;
  applied: number;
  meetings: number;
}

export interface LogReading {
  /** only this meeting's events */
  meetingUuid?: string;
  /** hears of every logged event read */
  counted?: () => void;
}

/**
 * The logged events that reduce into live state, in log order. Paged, not iterated: better-sqlite3
 * allows no writes while a statement iterates.
 */
export function* loggedEvents(sqlite: Database.Database, reading: LogReading = {}): Generator<ReducerEvent> {
  const { meetingUuid, counted = () => {} } = reading;
  const filter = meetingUuid === undefined ? '' : 'AND meeting_uuid = ?';
  const page = sqlite.prepare(
    `SELECT seq, raw FROM events WHERE kind = 'known' ${filter} AND seq > ? ORDER BY seq LIMIT 1000`,
  );
  const read = (after: number) =>
    (meetingUuid === undefined ? page.all(after) : page.all(meetingUuid, after)) as { seq: number; raw: string }[];
  for (let after = 0, rows; (rows = read(after)).length > 0;) {
    for (const row of rows) {
      counted();
      const event = reducerEventOf(row.raw);
      if (event) yield event;
    }
    after = rows.at(-1)!.seq;
  }
}

export function rebuildState(db: Db): RebuildReport {
  const tables = new StateTables(db);
  const states = new Map<string, MutableMeetingState>();
  const report: RebuildReport = { events: 0, applied: 0, meetings: 0 };
  db.$client.transaction(() => {
    tables.clear();
    // checkpoints hold records of the reducer that wrote them, which a rebuild may be replacing
    db.$client.exec('DELETE FROM checkpoints');
    replayInto(states, loggedEvents(db.$client, { counted: () => report.events++ }), (_event, ops) => {
      report.applied++;
      tables.write(ops);
    });
  })();
  report.meetings = states.size;
  return report;
}
