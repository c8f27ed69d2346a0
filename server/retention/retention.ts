/**
 * Retention: what is older than the configured age goes. A meeting goes as a whole (its row,
 * participants, shares, checkpoints and every event of it in the log) once its newest event was received before
 * the cut-off and it is ended or stale, so the log keeps every event of every meeting still in live
 * state and a rebuild from the log still reproduces the state. Events that belong to no kept meeting,
 * quarantined deliveries, audit entries and expired sessions go by age alone. Live meetings are never touched.
 */
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { AuditLog } from '../audit/audit-log';
import type { SessionStore } from '../auth/sessions';
import type { EventLog } from '../events/event-log';
import type { CheckpointStore } from '../history/checkpoints';
import type { QuarantineStore } from '../ingest/quarantine';
import type { LiveState } from '../state/live-state';
import { StateTables } from '../state/state-tables';
import { lt } from 'drizzle-orm';
import { log } from '../ops/log';

const RETENTION_INTERVAL_MS = 3_600_000;

/** Ended meetings stay in memory this long (late leaves, people looking back), then only in SQLite. */
export const ENDED_IN_MEMORY_MS = 3_600_000;

/** Rows deleted per transaction, so a first run on a large database does not build a huge WAL. */
const BATCH = 2_000;

export interface PruneReport {
  cutoff: number;
  meetingUuids: string[];
  events: number;
  quarantined: number;
  sessions: number;
  audit: number;
}

export type PrunedListener = (report: PruneReport) => void;

export interface RetainedStores {
  log: EventLog;
  checkpoints: CheckpointStore;
  sessions: SessionStore;
  quarantine: QuarantineStore;
  audit: AuditLog;
}

export class Retention {
  private readonly listeners: PrunedListener[] = [];
  private readonly tables: StateTables;

  constructor(
    private readonly db: Db,
    private readonly live: LiveState,
    private readonly stores: RetainedStores,
    private readonly options: { retentionMs: number; now: () => number },
  ) {
    this.tables = new StateTables(db);
  }

  /** Called after each run that deleted meetings (e.g. to drop them from dashboards). */
  onPruned(listener: PrunedListener): void {
    this.listeners.push(listener);
  }

  /** Runs now and then every RETENTION_INTERVAL_MS; returns the function that stops it. */
  schedule(clock: Clock): () => void {
    const runLogged = () => {
      try {
        const report = this.run();
        if (report.meetingUuids.length + report.events + report.quarantined > 0) {
          log.info(
            {
              meetings: report.meetingUuids.length,
              events: report.events,
              quarantined: report.quarantined,
              cutoff: new Date(report.cutoff).toISOString(),
            },
            'retention pruned what was received before the cut-off',
          );
        }
      } catch (error) {
        log.error({ err: error }, 'retention run failed; retrying at the next interval');
      }
    };
    runLogged();
    return clock.every(RETENTION_INTERVAL_MS, runLogged);
  }

  run(): PruneReport {
    this.live.evictEndedBefore(this.options.now() - ENDED_IN_MEMORY_MS);
    const { log: eventLog, checkpoints } = this.stores;
    const cutoff = this.options.now() - this.options.retentionMs;
    const candidates = this.tables.meetingsWhere((uuid) => lt(eventLog.newestReceivedOf(uuid), cutoff));
    const meetingUuids = candidates.filter((row) => this.live.status(row.record) !== 'live').map((row) => row.uuid);

    let events = 0;
    for (let i = 0; i < meetingUuids.length; i += BATCH) {
      const batch = meetingUuids.slice(i, i + BATCH);
      this.db.transaction(() => {
        for (const uuid of batch) {
          this.tables.deleteMeeting(uuid);
          checkpoints.deleteMeeting(uuid);
          events += eventLog.deleteMeeting(uuid);
        }
      });
      for (const uuid of batch) this.live.evict(uuid);
    }

    events += inBatches(() => eventLog.pruneUnkept(cutoff, this.tables.uuids(), BATCH));
    const quarantined = inBatches(() => this.stores.quarantine.pruneBefore(cutoff, BATCH));
    const audit = inBatches(() => this.stores.audit.pruneBefore(cutoff, BATCH));
    const sessions = this.stores.sessions.pruneExpired();
    const report = { cutoff, meetingUuids, events, quarantined, sessions, audit };
    if (meetingUuids.length > 0) {
      for (const listener of this.listeners) {
        try {
          listener(report);
        } catch (error) {
          log.error({ err: error }, 'retention listener failed');
        }
      }
    }
    return report;
  }
}

/** Runs a deletion of at most BATCH rows until one deletes fewer; how many went in all. */
function inBatches(deleteBatch: () => number): number {
  let total = 0;
  for (;;) {
    const changes = deleteBatch();
    total += changes;
    if (changes < BATCH) return total;
  }
}
