/** Who is asking: a signed-in dashboard user, possibly limited to some Zoom accounts. */
export interface Principal {
  username: string;
  /** Zoom account_ids this user may see; null for all accounts */
  accountIds: readonly string[] | null;
}

export function canSeeAccount(principal: Principal, accountId: string | null | undefined): boolean {
  return principal.accountIds === null || (accountId != null && principal.accountIds.includes(accountId));
}

/**
 * Admin-only today: users who see every Zoom account. The one place that says so, for the routes
 * of the webhook status, the quarantine and repair.
 */
export function isAdmin(principal: Principal): boolean {
  return principal.accountIds === null;
}
