import type { Answer } from '../../shared/api/contract';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loginRequestSchema } from '../../shared/auth';
import { ApiError, errorBody } from '../http/errors';
import { jsonBody } from '../http/json-body';
import type { Auth, AuthEnv } from './auth';
import { clientOf } from './client';
import { sessionInfo } from './principal';
import type { OidcSignIn } from './oidc';
import { endSession, startSession } from './session-cookie';

const MAX_LOGIN_BYTES = 16 * 1024;

export interface SignInMethods {
  /** sign-in with a local password (off: only single sign-on) */
  password: boolean;
  sso: OidcSignIn | null;
}

/** POST /api/login, POST /api/logout, GET /api/session (who am I), GET /api/auth/methods. */
export function authRoutes(auth: Auth, methods: SignInMethods): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/auth/methods', (c) =>
    c.json({ password: methods.password, sso: methods.sso !== null } satisfies Answer<'GET /api/auth/methods'>),
  );

  app.post(
    '/login',
    bodyLimit({
      maxSize: MAX_LOGIN_BYTES,
      onError: (c) =>
        c.json(errorBody('payload_too_large', `body exceeds ${MAX_LOGIN_BYTES} bytes`), 413, { connection: 'close' }),
    }),
    async (c) => {
      if (!methods.password) {
        throw new ApiError(
          403,
          'password_sign_in_disabled',
          'sign-in with a password is turned off: use single sign-on',
        );
      }
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
      if (!user) {
        // the name as typed (cut short), so that guessing at names shows in the log
        auth.audit.record({
          actor: username.slice(0, 64),
          action: 'sign_in_failed',
          details: { method: 'password', ip: client.ip },
        });
        throw new ApiError(401, 'invalid_credentials', 'wrong username or password');
      }
      auth.limiter.succeeded(client.ip, username);
      startSession(c, auth, user.id);
      auth.audit.record({ actor: user.username, action: 'sign_in', details: { method: 'password', ip: client.ip } });
      return c.json(sessionInfo(user) satisfies Answer<'POST /api/login'>);
    },
  );

  // behind the session middleware: only a signed-in browser can end its session
  app.post('/logout', async (c) => {
    const username = endSession(c, auth);
    if (methods.sso && username !== null && auth.users.signsInWithSso(username)) {
      // the provider's session too, where it can be ended: the browser goes there next
      const redirect = await methods.sso.endSessionUrl().catch((error: unknown) => {
        console.error('single sign-on: the provider cannot be reached to sign out', error);
        return null;
      });
      if (redirect) return c.json({ redirect } satisfies Answer<'POST /api/logout'>);
    }
    return c.body(null, 204);
  });

  app.get('/session', (c) => c.json(sessionInfo(c.get('principal')) satisfies Answer<'GET /api/session'>));

  return app;
}
