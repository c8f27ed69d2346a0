/**
 * Live state as the server persisted it, next to the state a rebuild from the event log alone would
 * write (the same replay as `npm run rebuild`, kept in memory so a running server's file is not
 * touched); the two must be equal.
 */
import type Database from 'better-sqlite3';
import { withSchema } from '../../server/db/open';
import { EventLog } from '../../server/events/event-log';
import type { MutableMeetingState } from '../../server/state/apply';
import { loggedEvents } from '../../server/state/rebuild';
import { replayInto } from '../../server/state/replay';

export interface PlainState {
  meetings: Record<string, unknown>;
  participants: Record<string, unknown>;
  shares: Record<string, unknown>;
}

export function replayLog(sqlite: Database.Database): PlainState {
  const states = replayInto(new Map<string, MutableMeetingState>(), loggedEvents(new EventLog(withSchema(sqlite))));
  const plain: PlainState = { meetings: {}, participants: {}, shares: {} };
  for (const [uuid, state] of states) {
    plain.meetings[uuid] = state.meeting;
    for (const [key, record] of state.participants) plain.participants[`${uuid} ${key}`] = record;
    for (const [id, record] of state.shares) plain.shares[`${uuid} ${id}`] = record;
  }
  return plain;
}

export function persistedState(sqlite: Database.Database): PlainState {
  const plain: PlainState = { meetings: {}, participants: {}, shares: {} };
  const rows = (sql: string) => sqlite.prepare(sql).all() as { uuid: string; key: string; record: string }[];
  for (const row of rows('SELECT uuid, record FROM meetings')) plain.meetings[row.uuid] = JSON.parse(row.record);
  for (const row of rows('SELECT meeting_uuid AS uuid, key, record FROM participants')) {
    plain.participants[`${row.uuid} ${row.key}`] = JSON.parse(row.record);
  }
  for (const row of rows('SELECT meeting_uuid AS uuid, id AS key, record FROM shares')) {
    plain.shares[`${row.uuid} ${row.key}`] = JSON.parse(row.record);
  }
  return plain;
}
