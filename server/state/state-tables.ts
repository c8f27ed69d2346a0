import type { Db } from '../db/open';
import type { StateOp } from './reducer';

/** The SQLite mirror of live state: one upsert per reducer operation. */
export class StateTables {
  private readonly upsertMeeting;
  private readonly upsertParticipant;
  private readonly upsertShare;

  constructor(private readonly db: Db) {
    const sqlite = db.$client;
    this.upsertMeeting = sqlite.prepare(
      `INSERT INTO meetings (uuid, account_id, status, last_event_ts, record) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(uuid) DO UPDATE SET account_id = excluded.account_id, status = excluded.status,
         last_event_ts = excluded.last_event_ts, record = excluded.record`,
    );
    this.upsertParticipant = sqlite.prepare(
      `INSERT INTO participants (meeting_uuid, key, present, record) VALUES (?, ?, ?, ?)
       ON CONFLICT(meeting_uuid, key) DO UPDATE SET present = excluded.present, record = excluded.record`,
    );
    this.upsertShare = sqlite.prepare(
      `INSERT INTO shares (meeting_uuid, id, record) VALUES (?, ?, ?)
       ON CONFLICT(meeting_uuid, id) DO UPDATE SET record = excluded.record`,
    );
  }

  write(ops: readonly StateOp[]): void {
    for (const op of ops) {
      if (op.type === 'meeting') {
        const r = op.record;
        this.upsertMeeting.run(r.uuid, r.accountId, r.ended ? 'ended' : 'live', r.lastEventTs, JSON.stringify(r));
      } else if (op.type === 'participant') {
        this.upsertParticipant.run(op.meetingUuid, op.record.key, op.record.present ? 1 : 0, JSON.stringify(op.record));
      } else {
        this.upsertShare.run(op.meetingUuid, op.record.id, JSON.stringify(op.record));
      }
    }
  }

  clear(): void {
    this.db.$client.exec('DELETE FROM shares; DELETE FROM participants; DELETE FROM meetings;');
  }
}
