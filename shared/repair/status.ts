/** What GET /api/repair and `npm run zoom:check` say about repair (admins who see every account). */
import type { OwnEventName } from './events';

export interface RepairCalls {
  /** calls since start-up: the live meetings list (and webhook log), and per-meeting calls */
  list: number;
  heavy: number;
  /** calls this Zoom day (its daily limits start again at 00:00 UTC) */
  today: number;
  /** the most calls repair may make a day: its share of Zoom's daily limit */
  dailyLimit: number;
  /**
   * answers since start-up: usable ones, 429s, Zoom's "meeting not found" (HTTP 404, code 3001: an
   * expected answer about a meeting that has ended, not a failure), and every other failure (HTTP
   * error, network, unreadable)
   */
  ok: number;
  rateLimited: number;
  notFound: number;
  failed: number;
  /** while a 429's Retry-After (or the back-off) holds every call, until when (ISO 8601) */
  pausedUntil: string | null;
}

export interface BackfillReport {
  at: string;
  /** the window asked of Zoom's webhook delivery log */
  from: string;
  to: string;
  /** deliveries in the log, and what the normal ingest path made of them */
  entries: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  error: string | null;
}

export interface AccountRepairStatus {
  accountId: string;
  /** whether the account's plan has the Dashboard that repair reads: unknown until Zoom answered */
  dashboard: 'unknown' | 'available' | 'unavailable';
  checks: {
    participants: number;
    meetings: number;
    /** looks that were not believed: an empty list while people were seen recently */
    ignored: number;
    /** looks that failed or were cut short: they changed nothing */
    failed: number;
  };
  corrections: Record<OwnEventName, number>;
  calls: RepairCalls;
  lastCheckAt: string | null;
  lastError: { at: string; message: string } | null;
  /** the downtime backfill, when the account has ZOOM_APP_ID */
  backfill: BackfillReport | null;
}

export interface RepairStatusView {
  /** false without a Zoom connection: Roomwatch then works from webhooks alone */
  enabled: boolean;
  accounts: AccountRepairStatus[];
}

/** The setup check of one account: `npm run zoom:check` and GET /api/repair/check. */
export interface SetupCheck {
  accountId: string;
  /** null when the token works */
  tokenError: string | null;
  scopes: string[];
  missingScopes: string[];
  dashboard: 'unknown' | 'available' | 'unavailable';
  /** ZOOM_APP_ID is set: the downtime backfill can run */
  backfill: boolean;
  /** what to do about it, in words; null when all is well */
  problems: string[];
}
