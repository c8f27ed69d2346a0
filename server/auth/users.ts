/**
 * Dashboard users: who may sign in, with which password (or single sign-on identity), seeing which
 * Zoom accounts, in which role. Every change is audited and signalled, so open sockets follow it.
 */
import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ROLES, type Role } from '../../shared/auth';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open';
import { sessions, users } from '../db/schema';
import { UNUSABLE_HASH, hashPassword, passwordSchema, usernameSchema, verifyPassword } from './password';
import type { Principal } from './principal';

const accountIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.+/=-]{1,128}$/, 'must hold Zoom account_ids (letters, digits and - _ . + / =)');

/** Zoom account_ids a user is limited to; null for all accounts. */
export const accountScopeSchema = z.array(accountIdSchema).min(1, 'must not be empty').nullable();

export const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });

export interface UserSummary extends Principal {
  createdAt: number;
  activeSessions: number;
  /** signs in through single sign-on */
  sso: boolean;
}

/** An OpenID Connect identity, with what the claims map to. */
export interface SsoIdentity {
  /** `issuer sub`: stable for the person, unlike their name */
  subject: string;
  username: string;
  role: Role;
  accountIds: readonly string[] | null;
}

export type UserErrorCode =
  'user_exists' | 'unknown_user' | 'invalid_username' | 'weak_password' | 'invalid_accounts' | 'invalid_role';

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

const sameAccounts = (a: readonly string[] | null, b: readonly string[] | null) =>
  JSON.stringify(a) === JSON.stringify(b);

export interface UserStoreOptions {
  now: () => number;
  audit: AuditLog;
  /** called after a change that may end or narrow sessions (sockets must follow at once) */
  onChange?: () => void;
}

/** Mutations take the actor to audit: a username, `cli:<os user>`, or null for Roomwatch itself. */
export class UserStore {
  private readonly now: () => number;
  private readonly audit: AuditLog;
  private readonly changed: () => void;

  constructor(
    private readonly db: Db,
    options: UserStoreOptions,
  ) {
    this.now = options.now;
    this.audit = options.audit;
    this.changed = options.onChange ?? (() => {});
  }

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

  /** Adds a local user (default: a viewer of every account). */
  async add(
    username: string,
    password: string,
    accountIds: readonly string[] | null = null,
    { role = 'viewer', actor = null }: { role?: Role; actor?: string | null } = {},
  ): Promise<Principal> {
    const { name, scope } = this.checkNew(username, accountIds);
    check(roleSchema, role, 'invalid_role', 'the role');
    check(passwordSchema, password, 'weak_password', 'the password');
    const passwordHash = await hashPassword(password);
    this.insert({ username: name, passwordHash, accountIds: scope, role, ssoSubject: null }, actor);
    return { username: name, accountIds: scope, role };
  }

  /** Changes the password and signs the user out everywhere. */
  async setPassword(username: string, password: string, actor: string | null = null): Promise<void> {
    const user = this.require(username);
    check(passwordSchema, password, 'weak_password', 'the password');
    const passwordHash = await hashPassword(password);
    this.db.$client.transaction(() => {
      this.db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
      this.db.delete(sessions).where(eq(sessions.userId, user.id)).run();
      this.audit.record({ actor, action: 'user_password_changed', target: user.username });
    })();
    this.changed();
  }

  /** Limits the user to some Zoom accounts (null: all); open sessions and sockets follow at once. */
  setAccounts(username: string, accountIds: readonly string[] | null, actor: string | null = null): void {
    const user = this.require(username);
    const scope = checkAccountScope(accountIds);
    this.update(user, { accountIds: scope }, actor);
  }

  /** Changes what the user may do; open sessions and sockets follow at once. */
  setRole(username: string, role: Role, actor: string | null = null): void {
    const user = this.require(username);
    this.update(user, { role: check(roleSchema, role, 'invalid_role', 'the role') }, actor);
  }

  /** Deletes the user; their sessions go with them (ON DELETE CASCADE), so they are signed out at once. */
  remove(username: string, actor: string | null = null): void {
    const user = this.require(username);
    this.db.$client.transaction(() => {
      this.db.delete(users).where(eq(users.id, user.id)).run();
      this.audit.record({ actor, action: 'user_removed', target: user.username });
    })();
    this.changed();
  }

  list(): UserSummary[] {
    return this.db
      .select({
        username: users.username,
        accountIds: users.accountIds,
        role: users.role,
        ssoSubject: users.ssoSubject,
        createdAt: users.createdAt,
        activeSessions: sql<number>`(SELECT count(*) FROM ${sessions} WHERE ${sessions.userId} = ${users.id} AND ${sessions.expiresAt} > ${this.now()})`,
      })
      .from(users)
      .orderBy(asc(users.username))
      .all()
      .map(({ ssoSubject, ...user }) => ({ ...user, sso: ssoSubject !== null }));
  }

  /**
   * The user these credentials belong to, or null. An unknown name (or a user without a password:
   * single sign-on only) costs the same scrypt run as a wrong password, so timing does not tell
   * which usernames exist.
   */
  async verify(username: string, password: string): Promise<(Principal & { id: number }) | null> {
    const user = this.find(username);
    const ok = await verifyPassword(password, user?.passwordHash || UNUSABLE_HASH);
    return ok && user?.passwordHash ? principalOf(user) : null;
  }

  /**
   * The user of a single sign-on identity, created on first sign-in; role and accounts follow the
   * provider's claims on every sign-in. A local user of the same name is never taken over.
   */
  signInSso(identity: SsoIdentity): Principal & { id: number } {
    const scope = checkAccountScope(identity.accountIds);
    const existing = this.db.select().from(users).where(eq(users.ssoSubject, identity.subject)).get();
    if (!existing) {
      const name = check(usernameSchema, identity.username, 'invalid_username', 'the username');
      if (this.find(name)) {
        throw new UserError('user_exists', `user "${name}" already exists and does not sign in through single sign-on`);
      }
      const id = this.insert(
        { username: name, passwordHash: '', accountIds: scope, role: identity.role, ssoSubject: identity.subject },
        null,
      );
      return { id, username: name, accountIds: scope, role: identity.role };
    }
    this.update(existing, { role: identity.role, accountIds: scope }, null);
    return { ...principalOf(existing), role: identity.role, accountIds: scope };
  }
  signsInWithSso(username: string): boolean {
    return (this.find(username)?.ssoSubject ?? null) !== null;
  }

  private insert(row: Omit<typeof users.$inferInsert, 'createdAt'>, actor: string | null): number {
    return this.db.$client.transaction(() => {
      const inserted = this.db
        .insert(users)
        .values({ ...row, createdAt: this.now() })
        .onConflictDoNothing()
        .returning({ id: users.id })
        .get();
      if (!inserted) throw new UserError('user_exists', `user "${row.username}" already exists`);
      this.audit.record({
        actor,
        action: 'user_added',
        target: row.username,
        details: { role: row.role, accountIds: row.accountIds ?? null, sso: row.ssoSubject !== null },
      });
      return inserted.id;
    })();
  }

  /** Changes role and/or accounts, auditing each change; nothing is written when nothing changes. */
  private update(
    user: typeof users.$inferSelect,
    change: { role?: Role; accountIds?: string[] | null },
    actor: string | null,
  ): void {
    const roleChanged = change.role !== undefined && change.role !== user.role;
    const accountsChanged = change.accountIds !== undefined && !sameAccounts(change.accountIds, user.accountIds);
    if (!roleChanged && !accountsChanged) return;
    this.db.$client.transaction(() => {
      this.db.update(users).set(change).where(eq(users.id, user.id)).run();
      if (roleChanged) {
        this.audit.record({
          actor,
          action: 'user_role_changed',
          target: user.username,
          details: { from: user.role, to: change.role },
        });
      }
      if (accountsChanged) {
        this.audit.record({
          actor,
          action: 'user_accounts_changed',
          target: user.username,
          details: { from: user.accountIds, to: change.accountIds },
        });
      }
    })();
    this.changed();
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

const principalOf = (user: typeof users.$inferSelect): Principal & { id: number } => ({
  id: user.id,
  username: user.username,
  accountIds: user.accountIds,
  role: user.role,
});
