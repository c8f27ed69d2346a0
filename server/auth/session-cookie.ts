/** The session cookie: set where a sign-in succeeds (password or single sign-on), cleared on sign-out. */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Auth, AuthEnv } from './auth';
import { clientOf } from './client';
import { SESSION_COOKIE } from './sessions';

/** Starts a session for the user and sets its cookie; sign-in by password and by SSO end here. */
export function startSession(c: Context<AuthEnv>, auth: Auth, userId: number): void {
  const session = auth.sessions.create(userId);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: clientOf(c, auth.trustProxy).https,
    maxAge: Math.floor(session.maxAgeMs / 1000),
  });
}

/** Ends the request's session (if any) and clears its cookie; answers whose session it was. */
export function endSession(c: Context<AuthEnv>, auth: Auth): string | null {
  const username = auth.sessions.end(getCookie(c, SESSION_COOKIE));
  deleteCookie(c, SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: clientOf(c, auth.trustProxy).https,
  });
  if (username !== null) auth.audit.record({ actor: username, action: 'sign_out' });
  return username;
}
