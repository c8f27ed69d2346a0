import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginRequestSchema, type SessionInfo } from '../../shared/auth';
import { ApiError, errorBody } from '../api/errors';
import { jsonBody } from '../api/json-body';
import type { Auth, AuthEnv } from './auth';
import { clientOf } from './client';
import type { Principal } from './principal';
import { SESSION_COOKIE } from './sessions';

const MAX_LOGIN_BYTES = 16 * 1024;

const sessionInfo = (p: Principal): SessionInfo => ({
  username: p.username,
  accountIds: p.accountIds === null ? null : [...p.accountIds],
});

/** POST /api/login, POST /api/logout, GET /api/session (who am I). */
export function authRoutes(auth: Auth): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.post(
    '/api/login',
    bodyLimit({
      maxSize: MAX_LOGIN_BYTES,
      onError: (c) =>
        c.json(errorBody('payload_too_large', `body exceeds ${MAX_LOGIN_BYTES} bytes`), 413, { connection: 'close' }),
    }),
    async (c) => {
      const body = await jsonBody(c, loginRequestSchema);
      const username = body.username.toLowerCase();
      const client = clientOf(c, auth.trustProxy);
      const slot = auth.limiter.attempt(client.ip, username);
      if (!slot.ok) {
        const seconds = Math.max(1, Math.ceil(slot.retryAfterMs / 1000));
        return c.json(errorBody('too_many_attempts', `too many sign-in attempts; retry in ${seconds} s`), 429, {
          'retry-after': String(seconds),
        });
      }
      const user = await auth.users.verify(username, body.password);
      if (!user) throw new ApiError(401, 'invalid_credentials', 'wrong username or password');
      auth.limiter.succeeded(client.ip, username);
      const session = auth.sessions.create(user.id);
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: client.https,
        maxAge: Math.floor(session.maxAgeMs / 1000),
      });
      return c.json(sessionInfo(user));
    },
  );

  // behind the session middleware: only a signed-in browser can end its session
  app.post('/api/logout', (c) => {
    auth.sessions.end(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: clientOf(c, auth.trustProxy).https,
    });
    return c.body(null, 204);
  });

  app.get('/api/session', (c) => c.json(sessionInfo(c.get('principal'))));

  return app;
}
