/**
 * What a principal limited to some Zoom accounts may see: this condition for SQL queries,
 * canSeeAccount() (./principal) for what is in memory. Routes answer 404 (never 403) for a meeting,
 * event or alert outside the scope, so that its existence is not revealed.
 */
import { inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Principal } from './principal';

/** A drizzle WHERE condition on an account_id column; undefined when the principal sees every account. */
export function accountCondition(principal: Principal, column: SQLiteColumn): SQL | undefined {
  return principal.accountIds === null ? undefined : inArray(column, [...principal.accountIds]);
}
