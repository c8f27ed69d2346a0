/** Who is asking: a signed-in dashboard user, possibly limited to some Zoom accounts. */
export interface Principal {
  username: string;
  /** Zoom account_ids this user may see; null for all accounts */
  accountIds: readonly string[] | null;
}

export function canSeeAccount(principal: Principal, accountId: string | null | undefined): boolean {
  return principal.accountIds === null || (accountId != null && principal.accountIds.includes(accountId));
}
