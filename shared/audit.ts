/** The audit log as the API and the dashboard see it (README, "Audit log"). */

/**
 * Everything that is recorded. A feature that records something new adds its action here (and the
 * dashboard's filter offers it).
 */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'alert_acknowledged',
  'alert_snoozed',
  'user_added',
  'user_removed',
  'user_password_changed',
  'user_role_changed',
  'user_accounts_changed',
  'channel_changed',
  'repair_run',
  'backfill',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  /** ISO 8601 */
  at: string;
  /** the username who acted (or tried to: failed sign-ins); `cli:<os user>` for npm run user; null for Roomwatch itself */
  actor: string | null;
  action: AuditAction;
  /** what it was done to: a username, an alert id... */
  target: string | null;
  /** what else matters: the note of an acknowledgement, the old and new role, the sign-in method... */
  details: Record<string, unknown> | null;
}

/** Answer of GET /api/audit: newest first; `nextCursor` asks for the older page. */
export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: number | null;
}
