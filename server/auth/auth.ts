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
import { ApiError } from '../api/errors';
import type { Principal } from './principal';
import { LoginLimiter } from './rate-limit';
import { SESSION_COOKIE, SessionStore } from './sessions';
import { UserStore } from './users';

export interface AuthOptions {
  /** ROOMWATCH_TRUST_PROXY: believe X-Forwarded-For/-Proto from one reverse proxy */
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  now: () => number;
}

/** Hono environment of routes behind the session middleware: `c.get('principal')`. */
export type AuthEnv = { Bindings: HttpBindings; Variables: { principal: Principal } };

/** The only /api route reachable without a session. */
const PUBLIC_API = new Set(['POST /api/login']);

export class Auth {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly limiter: LoginLimiter;
  readonly trustProxy: boolean;

  constructor(db: Db, options: AuthOptions) {
    this.users = new UserStore(db, options.now);
    this.sessions = new SessionStore(db, {
      idleMs: options.sessionIdleMs,
      maxMs: options.sessionMaxMs,
      now: options.now,
    });
    this.limiter = new LoginLimiter(options.now);
    this.trustProxy = options.trustProxy;
  }

  /** Requires a session on every /api route but sign-in; 401 otherwise. */
  requireSession() {
    return createMiddleware<AuthEnv>(async (c, next) => {
      if (!PUBLIC_API.has(`${c.req.method} ${c.req.path}`)) {
        const principal = this.sessions.authenticate(getCookie(c, SESSION_COOKIE));
        if (!principal) throw new ApiError(401, 'unauthenticated', 'sign in first (POST /api/login)');
        c.set('principal', principal);
      }
      await next();
    });
  }

  /**
   * The principal of a plain Node request's session cookie, or null. Takes anything with `headers`,
   * so both an IncomingMessage and a Socket.IO handshake fit.
   */
  readonly authenticateRequest = (request: { headers: IncomingHttpHeaders }): Principal | null => {
    const header = request.headers.cookie;
    if (typeof header !== 'string') return null;
    return this.sessions.authenticate(parse(header, SESSION_COOKIE)[SESSION_COOKIE]);
  };
}
