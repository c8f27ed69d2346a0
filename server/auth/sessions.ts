/**
 * Server-side sessions. The browser holds a random 256-bit token; the database holds only its
 * SHA-256, so reading the database does not let anyone sign in. A session ends on logout, after
 * `idleMs` without a request (sliding), or `maxMs` after sign-in (absolute), whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/open';
import { sessions, users } from '../db/schema';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'roomwatch_session';

export interface SessionOptions {
  idleMs: number;
  maxMs: number;
  now: () => number;
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

  /** The principal of a live session, sliding its expiry forward; null for anything else. */
  authenticate(token: string | undefined): Principal | null {
    if (token === undefined || !TOKEN_PATTERN.test(token)) return null;
    const now = this.options.now();
    const tokenHash = hashToken(token);
    const row = this.db
      .select({
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        username: users.username,
        accountIds: users.accountIds,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          gt(sessions.expiresAt, now),
          // also when the absolute lifetime was shortened since the session started
          gt(sessions.createdAt, now - this.options.maxMs),
        ),
      )
      .get();
    if (!row) return null;
    const expiresAt = this.expiry(row.createdAt, now);
    if (expiresAt - row.expiresAt >= SLIDE_GRANULARITY_MS) {
      this.db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash)).run();
    }
    return { username: row.username, accountIds: row.accountIds };
  }

  end(token: string | undefined): void {
    if (token === undefined || !TOKEN_PATTERN.test(token)) return;
    this.db
      .delete(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)))
      .run();
  }

  /** Deletes expired rows (they are already refused); returns how many. */
  pruneExpired(): number {
    return this.db.delete(sessions).where(lte(sessions.expiresAt, this.options.now())).run().changes;
  }

  private expiry(createdAt: number, now: number): number {
    return Math.min(now + this.options.idleMs, createdAt + this.options.maxMs);
  }
}
