import type { SignatureFailure } from './signature';

/** Counters of what the webhook endpoint did since start-up (exposed on /api/status). */
export class IngestMetrics {
  accepted = 0;
  unknown = 0;
  duplicates = 0;
  quarantined = 0;
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

  get rejectedTotal(): number {
    return Object.values(this.rejected).reduce((a, b) => a + b, 0);
  }
}
