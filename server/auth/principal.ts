import type { Role, SessionInfo } from '../../shared/auth';

/** Who is asking: a signed-in dashboard user with a role, possibly limited to some Zoom accounts. */
export interface Principal {
  username: string;
  /** Zoom account_ids this user may see; null for all accounts */
  accountIds: readonly string[] | null;
  role: Role;
}

export function canSeeAccount(principal: Principal, accountId: string | null | undefined): boolean {
  return principal.accountIds === null || (accountId != null && principal.accountIds.includes(accountId));
}

/** Whether two principals see and may do the same (a session's user was changed when not). */
export function sameScope(a: Principal, b: Principal): boolean {
  if (a.role !== b.role) return false;
  if (a.accountIds === null || b.accountIds === null) return a.accountIds === b.accountIds;
  return a.accountIds.length === b.accountIds.length && a.accountIds.every((id, i) => b.accountIds![i] === id);
}

/** The principal as the dashboard sees it (GET /api/session, the socket's `session` message). */
export const sessionInfo = (p: Principal): SessionInfo => ({
  username: p.username,
  accountIds: p.accountIds === null ? null : [...p.accountIds],
  role: p.role,
});
