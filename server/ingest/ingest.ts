/**
 * Stores a verified delivery: valid events are appended to the event log and reduced into live
 * state in one transaction (so log and state never disagree); invalid ones go to quarantine.
 * Redeliveries are recognised by their dedup key and acknowledged without being applied again.
 */
import type { Db } from '../db/open';
import type { LiveState } from '../state/live-state';
import { meetingUuidOf, normalize } from '../state/normalize';
import type { StateOp } from '../state/reducer';
import { bytesKey } from './dedup';
import type { IngestMetrics } from './metrics';
import type { Classified } from './validate';

export type IngestOutcome =
  | { status: 'accepted'; seq: number; kind: 'known' | 'unknown' }
  | { status: 'duplicate' }
  | { status: 'quarantined'; reason: string };

export interface AppliedEvent {
  seq: number;
  name: string;
  eventTs: number;
  receivedAt: number;
  meetingUuid: string | null;
  accountId: string | null;
  body: unknown;
  ops: StateOp[];
}

export type AppliedListener = (event: AppliedEvent) => void;

export class Ingest {
  private readonly insertEvent;
  private readonly insertQuarantine;
  private readonly listeners: AppliedListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly live: LiveState,
    private readonly metrics: IngestMetrics,
    private readonly now: () => number,
  ) {
    const sqlite = db.$client;
    this.insertEvent = sqlite.prepare(
      `INSERT INTO events (received_at, event, event_ts, meeting_uuid, account_id, dedup_key, kind, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dedup_key) DO NOTHING RETURNING seq`,
    );
    this.insertQuarantine = sqlite.prepare(
      `INSERT INTO quarantine (received_at, event, reason, dedup_key, body)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT(dedup_key) DO NOTHING`,
    );
  }

  /** Called after each committed event, with the state operations it produced. */
  onApplied(listener: AppliedListener): void {
    this.listeners.push(listener);
  }

  store(classified: Exclude<Classified, { kind: 'url_validation' }>, rawBody: Uint8Array): IngestOutcome {
    if (classified.kind === 'invalid') return this.quarantine(rawBody, classified.reason, classified.name);
    const receivedAt = this.now();
    const body = classified.body as { event: string; event_ts?: number; payload?: { account_id?: unknown } };
    const name = body.event;
    const eventTs = typeof body.event_ts === 'number' ? body.event_ts : receivedAt;
    const meetingUuid = meetingUuidOf(body);
    const accountId = typeof body.payload?.account_id === 'string' ? body.payload.account_id : null;
    const reducible = classified.kind === 'known' ? normalize(classified.event, classified.dedupKey) : null;
    const raw = Buffer.from(rawBody).toString('utf8');

    const transaction = this.db.$client.transaction(() => {
      const row = this.insertEvent.get(
        receivedAt,
        name,
        eventTs,
        meetingUuid,
        accountId,
        classified.dedupKey,
        classified.kind,
        raw,
      ) as { seq: number } | undefined;
      if (!row) return null;
      const ops = reducible ? this.live.reduceAndPersist(reducible) : [];
      return { seq: row.seq, ops };
    });

    let result: { seq: number; ops: StateOp[] } | null;
    try {
      result = transaction();
    } catch (error) {
      this.metrics.storeFailures++;
      throw error;
    }
    if (result === null) {
      this.metrics.duplicates++;
      return { status: 'duplicate' };
    }
    this.live.commit(result.ops);
    if (classified.kind === 'known') this.metrics.accepted++;
    else this.metrics.unknown++;
    const applied: AppliedEvent = {
      seq: result.seq,
      name,
      eventTs,
      receivedAt,
      meetingUuid,
      accountId,
      body,
      ops: result.ops,
    };
    for (const listener of this.listeners) {
      try {
        listener(applied);
      } catch (error) {
        // the event is committed; a failing consumer must not turn its acknowledgement into a retry
        console.error(`listener failed on event ${result.seq}`, error);
      }
    }
    return { status: 'accepted', seq: result.seq, kind: classified.kind };
  }

  private quarantine(rawBody: Uint8Array, reason: string, name: string | null): IngestOutcome {
    try {
      this.insertQuarantine.run(this.now(), name, reason, bytesKey(rawBody), Buffer.from(rawBody));
    } catch (error) {
      this.metrics.storeFailures++;
      throw error;
    }
    this.metrics.quarantined++;
    return { status: 'quarantined', reason };
  }
}
