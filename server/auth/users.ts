/** Dashboard users: who may sign in, with which password, seeing which Zoom accounts. */
import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/open';
import { sessions, users } from '../db/schema';
import { UNUSABLE_HASH, hashPassword, passwordSchema, usernameSchema, verifyPassword } from './password';
import type { Principal } from './principal';

const accountIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.+/=-]{1,128}$/, 'must hold Zoom account_ids (letters, digits and - _ . + / =)');

/** Zoom account_ids a user is limited to; null for all accounts. */
const accountScopeSchema = z.array(accountIdSchema).min(1, 'must not be empty').nullable();

export interface UserSummary extends Principal {
  createdAt: number;
  activeSessions: number;
}

export type UserErrorCode = 'user_exists' | 'unknown_user' | 'invalid_username' | 'weak_password' | 'invalid_accounts';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, code: UserErrorCode, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const culprit =
    issue.path.length > 0 ? ` (got "${String(issue.path.reduce((v, k) => (v as never)[k], value))}")` : '';
  throw new UserError(code, `${what} ${issue.message}${culprit}`);
}

const checkAccountScope = (accountIds: readonly string[] | null) =>
  check(accountScopeSchema, accountIds === null ? null : [...accountIds], 'invalid_accounts', 'the account list');

export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  count(): number {
    return this.db.select({ n: count() }).from(users).get()!.n;
  }

  /** Throws unless a user of this name and scope can be added (the CLI asks before the password). */
  checkNew(username: string, accountIds: readonly string[] | null): { name: string; scope: string[] | null } {
    const name = check(usernameSchema, username, 'invalid_username', 'the username');
    const scope = checkAccountScope(accountIds);
    if (this.find(name)) throw new UserError('user_exists', `user "${name}" already exists`);
    return { name, scope };
  }

  async add(username: string, password: string, accountIds: readonly string[] | null = null): Promise<Principal> {
    const { name, scope } = this.checkNew(username, accountIds);
    check(passwordSchema, password, 'weak_password', 'the password');
    const passwordHash = await hashPassword(password);
    const inserted = this.db
      .insert(users)
      .values({ username: name, passwordHash, accountIds: scope, createdAt: this.now() })
      .onConflictDoNothing()
      .returning({ id: users.id })
      .get();
    if (!inserted) throw new UserError('user_exists', `user "${name}" already exists`);
    return { username: name, accountIds: scope };
  }

  /** Changes the password and signs the user out everywhere. */
  async setPassword(username: string, password: string): Promise<void> {
    const user = this.require(username);
    check(passwordSchema, password, 'weak_password', 'the password');
    const passwordHash = await hashPassword(password);
    this.db.$client.transaction(() => {
      this.db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
      this.db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    })();
  }

  /** Limits the user to some Zoom accounts (null: all); takes effect on their next request. */
  setAccounts(username: string, accountIds: readonly string[] | null): void {
    const user = this.require(username);
    const scope = checkAccountScope(accountIds);
    this.db.update(users).set({ accountIds: scope }).where(eq(users.id, user.id)).run();
  }

  /** Deletes the user; their sessions go with them (ON DELETE CASCADE), so they are signed out at once. */
  remove(username: string): void {
    const user = this.require(username);
    this.db.delete(users).where(eq(users.id, user.id)).run();
  }

  list(): UserSummary[] {
    return this.db
      .select({
        username: users.username,
        accountIds: users.accountIds,
        createdAt: users.createdAt,
        activeSessions: sql<number>`(SELECT count(*) FROM ${sessions} WHERE ${sessions.userId} = ${users.id} AND ${sessions.expiresAt} > ${this.now()})`,
      })
      .from(users)
      .orderBy(asc(users.username))
      .all();
  }

  /**
   * The user these credentials belong to, or null. An unknown name costs the same scrypt run as a
   * wrong password, so timing does not tell which usernames exist.
   */
  async verify(username: string, password: string): Promise<(Principal & { id: number }) | null> {
    const user = this.find(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_HASH);
    return ok && user ? { id: user.id, username: user.username, accountIds: user.accountIds } : null;
  }

  private find(username: string) {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  /** The user's row; throws UserError('unknown_user') when there is none. */
  require(username: string) {
    const user = this.find(username);
    if (!user) throw new UserError('unknown_user', `no user "${username}" (see: npm run user -- list)`);
    return user;
  }
}
