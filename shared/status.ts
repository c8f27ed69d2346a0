/** What GET /api/status and GET /api/quarantine answer (admins who see every account). */

export interface WebhookCounters {
  accepted: number;
  unknown: number;
  duplicates: number;
  quarantined: number;
  storeFailures: number;
  /** deliveries refused for their signature, by reason (missing_signature, stale_timestamp...) */
  rejected: Record<string, number>;
  rejectedTotal: number;
}

export interface StatusView {
  startedAt: string;
  /** what the webhook endpoint did since start-up */
  webhooks: WebhookCounters;
  /** what repair added since start-up, counted apart from the webhooks: its own corrections, and the deliveries the downtime backfill read from Zoom's log */
  repair: { corrections: number; backfilled: { accepted: number; duplicates: number; quarantined: number } };
  /** what the database holds */
  stored: { events: number; quarantined: number; meetings: number; liveMeetings: number };
}

export interface QuarantinedDelivery {
  id: number;
  receivedAt: string;
  /** the event name when the body had one */
  event: string | null;
  reason: string;
  bytes: number;
  /** the start of the body as text (invalid UTF-8 shown as �) */
  preview: string;
}

export interface QuarantinePage {
  deliveries: QuarantinedDelivery[];
  /** pass back as `before` for older ones */
  nextBefore: number | null;
}
