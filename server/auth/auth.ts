/**
 * Access control: users, sessions and sign-in limits, the middleware that guards /api/*, and the
 * same check for requests that never reach Hono (the Socket.IO handshake).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';
import type { Db } from '../db/open';
import { ApiError } from '../http/errors';
import type { AuditLog } from '../audit/audit-log';
import type { SessionAuthority } from './authenticate';
import type { Principal } from './principal';
import { LoginLimiter } from './rate-limit';
import { SESSION_COOKIE, SessionStore, type AuthenticatedSession } from './sessions';
import { UserStore } from './users';

export interface AuthOptions {
  /** ROOMWATCH_TRUST_PROXY: believe X-Forwarded-For/-Proto from one reverse proxy */
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  now: () => number;
  audit: AuditLog;
}

/** Hono environment of routes behind the session middleware: `c.get('principal')`. */
export type AuthEnv = { Bindings: HttpBindings; Variables: { principal: Principal } };

/** The only /api routes reachable without a session. */
const PUBLIC_API = new Set(['POST /api/login', 'GET /api/auth/methods']);

export class Auth implements SessionAuthority {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly limiter: LoginLimiter;
  readonly trustProxy: boolean;
  readonly audit: AuditLog;
  private listeners: (() => void)[] = [];

  constructor(db: Db, options: AuthOptions) {
    const changed = () => {
      for (const listener of this.listeners) listener();
    };
    this.audit = options.audit;
    this.users = new UserStore(db, { now: options.now, audit: options.audit, onChange: changed });
    this.sessions = new SessionStore(db, {
      idleMs: options.sessionIdleMs,
      maxMs: options.sessionMaxMs,
      now: options.now,
      onChange: changed,
    });
    this.limiter = new LoginLimiter(options.now);
    this.trustProxy = options.trustProxy;
  }

  current(sessionIds: readonly string[]): Map<string, Principal> {
    return this.sessions.current(sessionIds);
  }

  onChange(listener: () => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Requires a session on every /api route but sign-in; 401 otherwise. */
  requireSession() {
    return createMiddleware<AuthEnv>(async (c, next) => {
      if (!PUBLIC_API.has(`${c.req.method} ${c.req.path}`)) {
        const session = this.sessions.authenticate(getCookie(c, SESSION_COOKIE));
        if (!session) throw new ApiError(401, 'unauthenticated', 'sign in first (POST /api/login)');
        c.set('principal', session.principal);
      }
      await next();
    });
  }

  /**
   * The session of a plain Node request's cookie, or null. Takes anything with `headers`, so both an
   * IncomingMessage and a Socket.IO handshake fit.
   */
  readonly authenticate = (request: { headers: IncomingHttpHeaders }): AuthenticatedSession | null => {
    const header = request.headers.cookie;
    if (typeof header !== 'string') return null;
    return this.sessions.authenticate(parse(header, SESSION_COOKIE)[SESSION_COOKIE]);
  };
}
