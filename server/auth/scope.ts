/**
 * What a principal limited to some Zoom accounts may see: this condition for SQL queries,
 * canSeeAccount() (./principal) for what is in memory. Routes answer 404 (never 403) for a meeting,
 * event or alert outside the scope, so that its existence is not revealed.
 */
import { inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ApiError } from '../http/errors';
import type { AccountFilter } from '../state/live-state';
import { canSeeAccount, type Principal } from './principal';

/** A drizzle WHERE condition on an account_id column; undefined when the principal sees every account. */
export function accountCondition(principal: Principal, column: SQLiteColumn): SQL | undefined {
  return principal.accountIds === null ? undefined : inArray(column, [...principal.accountIds]);
}

/** The principal's accounts as live state filters meetings by them. */
export const accountFilter = (principal: Principal): AccountFilter => ({
  sees: (accountId) => canSeeAccount(principal, accountId),
  condition: (column) => accountCondition(principal, column),
});

/** Refuses (403) users limited to some accounts: for what belongs to no account, or to all of them. */
export function requireAllAccounts(principal: Principal): void {
  if (principal.accountIds !== null) {
    throw new ApiError(403, 'forbidden', 'only users who see every Zoom account may read this');
  }
}
