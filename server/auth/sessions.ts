/**
 * Server-side sessions. The browser holds a random 256-bit token; the database holds only its
 * SHA-256, so reading the database does not let anyone sign in. A session ends on logout, after
 * `idleMs` without a request (sliding), or `maxMs` after sign-in (absolute), whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/open';
import { sessions, users } from '../db/schema';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'roomwatch_session';

export interface SessionOptions {
  idleMs: number;
  maxMs: number;
  now: () => number;
  /** called after this process ended a session (sockets of it must go at once) */
  onChange?: () => void;
}

/** A live session: its id (the token's hash, also what the database keys it by) and whose it is. */
export interface AuthenticatedSession {
  id: string;
  principal: Principal;
}

/** Sliding the expiry costs a write; skip it while the stored expiry is this fresh. */
const SLIDE_GRANULARITY_MS = 60_000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly options: SessionOptions,
  ) {}

  /** Starts a session; the token goes into the cookie and is never stored. */
  create(userId: number): { token: string; maxAgeMs: number } {
    const token = randomBytes(32).toString('base64url');
    const now = this.options.now();
    this.db
      .insert(sessions)
      .values({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt: this.expiry(now, now) })
      .run();
    return { token, maxAgeMs: this.options.maxMs };
  }

  /** The live session of a cookie's token, sliding its expiry forward; null for anything else. */
  authenticate(token: string | undefined): AuthenticatedSession | null {
    if (token === undefined || !TOKEN_PATTERN.test(token)) return null;
    const now = this.options.now();
    const tokenHash = hashToken(token);
    const row = this.withUser()
      .where(and(eq(sessions.tokenHash, tokenHash), this.unexpired(now)))
      .get();
    if (!row) return null;
    const expiresAt = this.expiry(row.createdAt, now);
    if (expiresAt - row.expiresAt >= SLIDE_GRANULARITY_MS) {
      this.db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash)).run();
    }
    return { id: tokenHash, principal: principalOf(row) };
  }

  /**
   * Who each of these sessions belongs to now, for those still live (without sliding them: only
   * requests keep a session alive). Open sockets are checked against it.
   */
  current(ids: readonly string[]): Map<string, Principal> {
    const now = this.options.now();
    const found = new Map<string, Principal>();
    // SQLite takes at most 32766 parameters
    for (let i = 0; i < ids.length; i += 10_000) {
      const rows = this.withUser()
        .where(and(inArray(sessions.tokenHash, ids.slice(i, i + 10_000)), this.unexpired(now)))
        .all();
      for (const row of rows) found.set(row.tokenHash, principalOf(row));
    }
    return found;
  }

  /** Ends the session of a cookie's token; answers the username it belonged to, if any. */
  end(token: string | undefined): string | null {
    if (token === undefined || !TOKEN_PATTERN.test(token)) return null;
    const tokenHash = hashToken(token);
    const row = this.withUser().where(eq(sessions.tokenHash, tokenHash)).get();
    this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    this.options.onChange?.();
    return row?.username ?? null;
  }

  private withUser() {
    return this.db
      .select({
        tokenHash: sessions.tokenHash,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        username: users.username,
        accountIds: users.accountIds,
        role: users.role,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .$dynamic();
  }

  private unexpired(now: number) {
    return and(
      gt(sessions.expiresAt, now),
      // also when the absolute lifetime was shortened since the session started
      gt(sessions.createdAt, now - this.options.maxMs),
    );
  }

  /** Deletes expired rows (they are already refused); returns how many. */
  pruneExpired(): number {
    return this.db.delete(sessions).where(lte(sessions.expiresAt, this.options.now())).run().changes;
  }

  private expiry(createdAt: number, now: number): number {
    return Math.min(now + this.options.idleMs, createdAt + this.options.maxMs);
  }
}

const principalOf = (row: { username: string; accountIds: string[] | null; role: Principal['role'] }): Principal => ({
  username: row.username,
  accountIds: row.accountIds,
  role: row.role,
});
