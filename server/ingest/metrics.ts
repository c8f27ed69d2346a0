import type { SignatureFailure } from './signature';

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

  onCommit(observer: CommitObserver): void {
    this.commitObservers.push(observer);
  }

  committed(deliveries: number, seconds: number): void {
    this.transactions++;
    for (const observe of this.commitObservers) observe(deliveries, seconds);
  }
}
