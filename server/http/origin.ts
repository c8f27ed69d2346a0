/**
 * Refuses what a page of another origin makes a signed-in browser do: the socket's handshake and
 * state-changing requests. SameSite=Strict keeps the session cookie from other sites, but not from
 * another origin of the same site (a sibling subdomain with user content or an XSS).
 *
 * The expected origin is ROOMWATCH_PUBLIC_URL's; unset, the request's own Host. A browser says
 * where a request comes from in `Origin` (every cross-origin request, every POST) and in
 * `Sec-Fetch-Site`; a request with neither is no browser's (curl, scripts) and cannot carry a
 * session cookie it was not given.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { createMiddleware } from 'hono/factory';
import { errorBody } from './errors';

export type OriginCheck = (headers: IncomingHttpHeaders) => string | null;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A check answering null for a same-origin request, and otherwise why it is refused. */
export function originCheck(publicUrl: string | undefined): OriginCheck {
  const expected = publicUrl === undefined ? null : new URL(publicUrl).origin;
  return (headers) => {
    const site = first(headers['sec-fetch-site']);
    // "none": the user's own action (typed address, bookmark), not a page's
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return `refused a ${site} request (Sec-Fetch-Site): only the dashboard's own pages may do this`;
    }
    const origin = first(headers.origin);
    if (origin === undefined) return null;
    if (expected !== null) {
      return origin === expected ? null : `refused a request from origin ${origin}: only ${expected} may do this`;
    }
    let host: string | null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    const own = first(headers.host);
    return host !== null && host === own
      ? null
      : `refused a request from origin ${origin}: only this server's own pages (${own ?? 'unknown host'}) may do this`;
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Answers 403 cross_origin to a state-changing request that fails the check. */
export function sameOriginWrites(check: OriginCheck) {
  return createMiddleware(async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const refused = check(Object.fromEntries(c.req.raw.headers));
      if (refused !== null) return c.json(errorBody('cross_origin', refused), 403);
    }
    await next();
  });
}
