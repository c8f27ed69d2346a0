/**
 * Live state recomputed from the event log alone, with the reducer, next to the state the server
 * persisted; the two must be equal. (Until server/state/rebuild.ts exists, this is the rebuild.)
 */
import type Database from 'better-sqlite3';
import { classify } from '../../server/ingest/validate';
import { applyOps, type MutableMeetingState } from '../../server/state/apply';
import { normalize } from '../../server/state/normalize';
import { reduce } from '../../server/state/reducer';

export interface PlainState {
  meetings: Record<string, unknown>;
  participants: Record<string, unknown>;
  shares: Record<string, unknown>;
}

export function replayLog(sqlite: Database.Database): PlainState {
  const states = new Map<string, MutableMeetingState>();
  const rows = sqlite.prepare("SELECT raw, dedup_key FROM events WHERE kind = 'known' ORDER BY seq").all() as {
    raw: string;
    dedup_key: string;
  }[];
  for (const row of rows) {
    const classified = classify(Buffer.from(row.raw, 'utf8'));
    if (classified.kind !== 'known') throw new Error(`a logged event no longer validates: ${row.dedup_key}`);
    const event = normalize(classified.event, row.dedup_key);
    if (event) applyOps(states, reduce(states.get(event.meeting.uuid), event));
  }
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
  for (const row of sqlite.prepare('SELECT uuid, record FROM meetings').all() as { uuid: string; record: string }[]) {
    plain.meetings[row.uuid] = JSON.parse(row.record);
  }
  const participants = sqlite.prepare('SELECT meeting_uuid, key, record FROM participants').all() as {
    meeting_uuid: string;
    key: string;
    record: string;
  }[];
  for (const row of participants) plain.participants[`${row.meeting_uuid} ${row.key}`] = JSON.parse(row.record);
  const shares = sqlite.prepare('SELECT meeting_uuid, id, record FROM shares').all() as {
    meeting_uuid: string;
    id: string;
    record: string;
  }[];
  for (const row of shares) plain.shares[`${row.meeting_uuid} ${row.id}`] = JSON.parse(row.record);
  return plain;
}
