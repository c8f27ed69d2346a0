import type { IngestOutcome } from './ingest';
import type { SignatureFailure } from './signature';

/** Where a stored delivery came from: the webhook endpoint, a repair's own event, or Zoom's delivery log (backfill). */
export type DeliverySource = 'webhook' | 'repair' | 'backfill';

/** Told of each committed ingest transaction: how many deliveries it stored, and how long it took. */
export type CommitObserver = (deliveries: number, seconds: number) => void;

/** Counters of what the webhook endpoint did since start-up (exposed on /api/status and /metrics). */
export class IngestMetrics {
  accepted = 0;
  unknown = 0;
  duplicates = 0;
  quarantined = 0;
  /** deliveries that could not be stored (answered 503) */
  storeFailures = 0;
  /** committed ingest transactions: fewer than deliveries when group commit batched them */
  transactions = 0;
  /** what repair added, not counted above: its corrections, and the deliveries the backfill read from Zoom's log */
  readonly repair = { corrections: 0, backfilled: { accepted: 0, duplicates: 0, quarantined: 0 } };
  readonly rejected: Record<SignatureFailure, number> = {
    missing_signature: 0,
    missing_timestamp: 0,
    malformed_timestamp: 0,
    stale_timestamp: 0,
    bad_signature: 0,
  };
  private readonly commitObservers: CommitObserver[] = [];

  get rejectedTotal(): number {
    return Object.values(this.rejected).reduce((a, b) => a + b, 0);
  }

  /** One stored delivery's outcome, counted by where it came from. */
  stored(source: DeliverySource, outcome: IngestOutcome): void {
    if (source === 'repair') {
      if (outcome.status === 'accepted') this.repair.corrections++;
    } else if (source === 'backfill') {
      const key = outcome.status === 'duplicate' ? 'duplicates' : outcome.status;
      this.repair.backfilled[key]++;
    } else if (outcome.status === 'accepted') {
      if (outcome.kind === 'known') this.accepted++;
      else this.unknown++;
    } else if (outcome.status === 'duplicate') this.duplicates++;
    else this.quarantined++;
  }

  onCommit(observer: CommitObserver): void {
    this.commitObservers.push(observer);
  }

  committed(deliveries: number, seconds: number): void {
    this.transactions++;
    for (const observe of this.commitObservers) observe(deliveries, seconds);
  }
}
