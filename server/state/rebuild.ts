/**
 * Rebuilds live state from the event log: fresh state tables, every logged event reduced again in
 * log order. The result equals the incrementally maintained state (tested), which is what makes the
 * log the source of truth. Run it with the server stopped.
 */
import type { Db } from '../db/open';
import type { MutableMeetingState } from './apply';
import { reducerEventOf, replayInto } from './replay';
import { StateTables } from './state-tables';

export interface RebuildReport {
  events: number;
  applied: number;
  meetings: number;
}

export function rebuildState(db: Db): RebuildReport {
  const tables = new StateTables(db);
  const states = new Map<string, MutableMeetingState>();
  const report: RebuildReport = { events: 0, applied: 0, meetings: 0 };
  // paged rather than iterated: better-sqlite3 allows no writes while a statement iterates
  const page = db.$client.prepare(
    `SELECT seq, raw FROM events WHERE kind = 'known' AND seq > ? ORDER BY seq LIMIT 1000`,
  );
  db.$client.transaction(() => {
    tables.clear();
    function* logged() {
      for (let after = 0, rows; (rows = page.all(after) as { seq: number; raw: string }[]).length > 0;) {
        for (const row of rows) {
          report.events++;
          const event = reducerEventOf(row.raw);
          if (event) yield event;
        }
        after = rows.at(-1)!.seq;
      }
    }
    replayInto(states, logged(), (_event, ops) => {
      report.applied++;
      tables.write(ops);
    });
  })();
  report.meetings = states.size;
  return report;
}
