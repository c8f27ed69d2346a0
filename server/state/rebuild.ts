/**
 * Rebuilds live state from the event log: fresh state tables, every logged event reduced again in
 * log order. The result equals the incrementally maintained state (tested), which is what makes the
 * log the source of truth. Run it with the server stopped.
 */
import type { Db } from '../db/open';
import { EventLog } from '../events/event-log';
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

/** What else is derived from the log and holds the reducer's records (checkpoints): cleared by a rebuild. */
export interface DerivedFromLog {
  clear(): void;
}

/** The logged events that reduce into live state, in log order. */
export function* loggedEvents(log: EventLog, reading: LogReading = {}): Generator<ReducerEvent> {
  const { meetingUuid, counted = () => {} } = reading;
  for (const row of log.known(meetingUuid)) {
    counted();
    const event = reducerEventOf(row.raw);
    if (event) yield event;
  }
}

export function rebuildState(db: Db, derived: readonly DerivedFromLog[]): RebuildReport {
  const tables = new StateTables(db);
  const states = new Map<string, MutableMeetingState>();
  const report: RebuildReport = { events: 0, applied: 0, meetings: 0 };
  db.transaction(() => {
    tables.clear();
    // they hold records of the reducer that wrote them, which a rebuild may be replacing
    for (const data of derived) data.clear();
    replayInto(states, loggedEvents(new EventLog(db), { counted: () => report.events++ }), (_event, ops) => {
      report.applied++;
      tables.write(ops);
    });
  });
  report.meetings = states.size;
  return report;
}
