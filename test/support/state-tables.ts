import type { Db } from '../../server/db/open';

/** The state tables in a canonical order: what "the same state" means for a rebuild. */
export function stateTables(db: Db) {
  const all = (sql: string) => db.$client.prepare(sql).all();
  return {
    meetings: all('SELECT uuid, account_id, status, last_event_ts, record FROM meetings ORDER BY uuid'),
    participants: all('SELECT meeting_uuid, key, present, record FROM participants ORDER BY meeting_uuid, key'),
    shares: all('SELECT meeting_uuid, id, record FROM shares ORDER BY meeting_uuid, id'),
  };
}
