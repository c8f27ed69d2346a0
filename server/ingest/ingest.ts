/**
 * Stores verified deliveries: valid events are appended to the event log and reduced into live
 * state in one transaction (so log and state never disagree); invalid ones go to quarantine.
 * Redeliveries are recognised by their dedup key and acknowledged without being applied again.
 *
 * Group commit: deliveries that arrive in the same turn of the event loop are stored in one
 * transaction with what they change (state, alerts, the notifications' outbox). Each event still
 * reduces against the state the previous one left, because memory is updated as the transaction goes
 * and put back if it does not commit. The commit does not wait for the disk (synchronous=NORMAL):
 * each delivery is answered once an fdatasync of the WAL, off the event loop, has made its batch
 * durable (WalSync), so an acknowledged webhook survives a power cut as with synchronous=FULL.
 */
import type { Db } from '../db/open';
import { WalSync } from '../db/wal-sync';
import type { LiveState } from '../state/live-state';
import { meetingUuidOf, normalize, type ReducerEvent } from '../state/normalize';
import type { StateOp } from '../state/reducer';
import { bytesKey } from '../events/dedup';
import { EventLog } from '../events/event-log';
import type { DeliverySource, IngestMetrics } from './metrics';
import { classify, type Classified } from '../events/validate';
import { log, outsideRequest } from '../ops/log';
import { QuarantineStore } from './quarantine';

export type IngestOutcome =
  | { status: 'accepted'; seq: number; kind: 'known' | 'unknown' }
  | { status: 'duplicate' }
  | { status: 'quarantined'; reason: string };

export interface AppliedEvent {
  seq: number;
  name: string;
  eventTs: number;
  receivedAt: number;
  /** performance.now() when the delivery was handed to ingest: where its webhook-to-emit latency starts */
  arrivedAt: number;
  meetingUuid: string | null;
  accountId: string | null;
  body: unknown;
  ops: StateOp[];
}

export type AppliedListener = (event: AppliedEvent) => void;

/** Writes derived from an applied event, in its batch's transaction (alerts and their notifications). */
export type ApplyingListener = AppliedListener;

/** Hears of each event reduced, inside its transaction: for data derived from the log kept in step with it. */
export type LoggedListener = (event: ReducerEvent) => void;

export type Storable = Exclude<Classified, { kind: 'url_validation' }>;

/** The most deliveries one transaction takes: bounds how long one turn of the event loop can last. */
const MAX_BATCH = 256;

interface Delivery {
  classified: Storable;
  rawBody: Uint8Array;
  arrivedAt: number;
  source: DeliverySource;
}

interface Waiting extends Delivery {
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

/** What one delivery did inside its transaction, before anyone hears of it. */
type Stored =
  | { outcome: Extract<IngestOutcome, { status: 'accepted' }>; applied: AppliedEvent }
  | { outcome: Exclude<IngestOutcome, { status: 'accepted' }>; applied: null };

export class Ingest {
  private readonly listeners: AppliedListener[] = [];
  private readonly applyingListeners: ApplyingListener[] = [];
  private readonly loggedListeners: LoggedListener[] = [];
  private readonly syncPragma: { normal: () => void; full: () => void };
  private queue: Waiting[] = [];
  private flushScheduled = false;

  constructor(
    private readonly db: Db,
    /** the app's one event log and quarantine, which ingest appends to */
    private readonly stores: { eventLog: EventLog; quarantine: QuarantineStore },
    private readonly live: LiveState,
    private readonly metrics: IngestMetrics,
    private readonly now: () => number,
    private readonly wal: WalSync = new WalSync(db.$client.memory ? null : db.$client.name),
  ) {
    const sqlite = db.$client;
    // only ingest's commits skip the sync, because only ingest syncs the WAL itself before it answers;
    // prepared once (pragma() compiles its statement on every call, twice per batch)
    const normal = sqlite.prepare('PRAGMA synchronous = NORMAL');
    const full = sqlite.prepare('PRAGMA synchronous = FULL');
    this.syncPragma = { normal: () => normal.run(), full: () => full.run() };
  }

  /** Called after each committed event, with the state operations it produced. */
  onApplied(listener: AppliedListener): void {
    this.listeners.push(listener);
  }

  /**
   * Called with each applied event inside its batch's transaction, once the whole batch is reduced,
   * in log order: what the listener writes commits with the events. A throw is logged; the events
   * are stored anyway (a failing consumer must not turn their acknowledgement into a retry).
   */
  onApplying(listener: ApplyingListener): void {
    // each call in a savepoint of its own: a listener that fails midway leaves none of its writes
    this.applyingListeners.push(this.db.$client.transaction(listener));
  }

  /** Called for each reduced event inside the transaction that logs it (a throw rolls it back). */
  onLogged(listener: LoggedListener): void {
    this.loggedListeners.push(listener);
  }

  /** Stores a delivery with the others of this turn of the event loop; settles once durable. */
  submit(classified: Storable, rawBody: Uint8Array, source: DeliverySource = 'webhook'): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ classified, rawBody, arrivedAt: performance.now(), source, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // one batch serves many requests: its log lines belong to none of them
        setImmediate(() => outsideRequest(() => this.flush()));
      }
    });
  }

  /**
   * Logs and applies one of Roomwatch's own events (a repair), validated exactly as it will be read
   * back from the log, so that a rebuild reduces it the same way.
   */
  record(body: object): IngestOutcome {
    const rawBody = new TextEncoder().encode(JSON.stringify(body));
    const classified = classify(rawBody, 'log');
    if (classified.kind !== 'known') throw new Error(`not a valid own event: ${JSON.stringify(classified)}`);
    return this.store(classified, rawBody, performance.now(), 'repair');
  }

  /** Stores one delivery right away, in a transaction of its own. */
  store(
    classified: Storable,
    rawBody: Uint8Array,
    arrivedAt = performance.now(),
    source: DeliverySource = 'webhook',
  ): IngestOutcome {
    try {
      return this.commit([{ classified, rawBody, arrivedAt, source }])[0]!;
    } catch (error) {
      this.metrics.storeFailures++;
      throw error;
    }
  }

  private flush(): void {
    const batch = this.queue.slice(0, MAX_BATCH);
    this.queue = this.queue.slice(batch.length);
    this.flushScheduled = this.queue.length > 0;
    if (this.flushScheduled) setImmediate(() => this.flush());
    let results: ({ outcome: IngestOutcome } | { error: unknown })[];
    try {
      results = this.commit(batch).map((outcome) => ({ outcome }));
    } catch {
      // one bad delivery must not fail the others: each gets a transaction of its own (and only a
      // delivery that fails there counts as a store failure)
      results = batch.map((waiting) => {
        try {
          return { outcome: this.store(waiting.classified, waiting.rawBody, waiting.arrivedAt, waiting.source) };
        } catch (error) {
          return { error };
        }
      });
    }
    this.wal.durable().then(
      () => batch.forEach((waiting, i) => settle(waiting, results[i]!)),
      (error: unknown) => {
        // committed but maybe not on disk: the 5xx makes Zoom redeliver, answered as a duplicate
        log.error({ err: error }, 'the event log could not be synced to disk');
        batch.forEach((waiting, i) => {
          if ('outcome' in results[i]!) this.metrics.storeFailures++;
          waiting.reject(error);
        });
      },
    );
  }

  /** Waits for syncs under way (on close): answers still waiting for one go out. */
  close(): Promise<void> {
    return this.wal.close();
  }

  /** One transaction for all the deliveries and what they change; then the metrics, and the listeners of what was applied. */
  private commit(deliveries: readonly Delivery[]): IngestOutcome[] {
    const receivedAt = this.now();
    const started = performance.now();
    const undo: (() => void)[] = [];
    let stored: Stored[];
    // inside someone else's transaction (a test's, a tool's), its commit decides
    const ownCommit = !this.db.$client.inTransaction;
    if (ownCommit) this.syncPragma.normal();
    try {
      stored = this.db.$client.transaction(() => {
        const stored = deliveries.map((delivery) => this.storeOne(delivery, receivedAt, undo));
        this.announce(this.applyingListeners, stored);
        return stored;
      })();
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    } finally {
      if (ownCommit) this.syncPragma.full();
    }
    this.metrics.committed(deliveries.length, (performance.now() - started) / 1000);
    stored.forEach(({ outcome }, i) => this.metrics.stored(deliveries[i]!.source, outcome));
    this.announce(this.listeners, stored);
    return stored.map(({ outcome }) => outcome);
  }

  private storeOne({ classified, rawBody, arrivedAt }: Delivery, receivedAt: number, undo: (() => void)[]): Stored {
    if (classified.kind === 'invalid') {
      this.stores.quarantine.add(
        receivedAt,
        classified.name,
        classified.reason,
        bytesKey(rawBody),
        Buffer.from(rawBody),
      );
      return { outcome: { status: 'quarantined', reason: classified.reason }, applied: null };
    }
    const body = classified.body as { event: string; event_ts?: number; payload?: { account_id?: unknown } };
    const eventTs = typeof body.event_ts === 'number' ? body.event_ts : receivedAt;
    const meetingUuid = meetingUuidOf(body);
    const accountId = typeof body.payload?.account_id === 'string' ? body.payload.account_id : null;
    const seq = this.stores.eventLog.append({
      receivedAt,
      event: body.event,
      eventTs,
      meetingUuid,
      accountId,
      dedupKey: classified.dedupKey,
      kind: classified.kind,
      raw: Buffer.from(rawBody).toString('utf8'),
    });
    if (seq === null) return { outcome: { status: 'duplicate' }, applied: null };
    const reducible: ReducerEvent | null =
      classified.kind === 'known' ? normalize(classified.event, classified.dedupKey) : null;
    const ops = reducible ? this.live.reduceAndPersist(reducible) : [];
    undo.push(this.live.apply(ops));
    if (reducible) for (const listener of this.loggedListeners) listener(reducible);
    return {
      outcome: { status: 'accepted', seq, kind: classified.kind },
      applied: { seq, name: body.event, eventTs, receivedAt, arrivedAt, meetingUuid, accountId, body, ops },
    };
  }

  /** Tells the listeners of each applied event, in log order; one that throws does not stop the others. */
  private announce(listeners: readonly AppliedListener[], stored: readonly Stored[]): void {
    if (listeners.length === 0) return;
    for (const { applied } of stored) {
      if (!applied) continue;
      for (const listener of listeners) {
        try {
          listener(applied);
        } catch (error) {
          log.error({ err: error, seq: applied.seq }, 'listener failed on an event');
        }
      }
    }
  }
}

function settle(waiting: Waiting, result: { outcome: IngestOutcome } | { error: unknown }): void {
  if ('outcome' in result) waiting.resolve(result.outcome);
  else waiting.reject(result.error);
}
