/** The optional connection to Zoom's REST API (a Server-to-Server OAuth app per account) and repair's settings. */

export interface ZoomAccount {
  /** the Zoom account_id, as webhooks carry it */
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** the Marketplace app whose webhook delivery log the downtime backfill reads; none: no backfill */
  appId: string | null;
}

export interface ZoomConnection {
  accounts: ZoomAccount[];
  /** e.g. https://api.zoom.us/v2 */
  apiUrl: string;
  /** e.g. https://zoom.us/oauth/token */
  oauthUrl: string;
  /** how often each live meeting's participants are checked, within the budget */
  participantsIntervalMs: number;
  /** how often the list of live meetings is checked */
  meetingsIntervalMs: number;
  /** the share of the account's rate limits repair may spend (0 to 1) */
  budgetShare: number;
}

export const ZOOM_DEFAULTS = {
  apiUrl: 'https://api.zoom.us/v2',
  oauthUrl: 'https://zoom.us/oauth/token',
  participantsIntervalSeconds: 60,
  meetingsIntervalSeconds: 180,
  budgetShare: 0.5,
} as const;
