import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

export interface ClientInfo {
  /** the address sign-in attempts are counted against */
  ip: string;
  /** whether the browser reached us over HTTPS (decides the cookie's Secure flag) */
  https: boolean;
}

/** The last entry of a comma-separated forwarding header: the one our own proxy wrote. */
function lastHop(value: string | undefined): string | undefined {
  const hop = value?.split(',').pop()?.trim();
  return hop ? hop : undefined;
}

/**
 * Who is calling. Roomwatch itself speaks plain HTTP; behind a TLS-terminating reverse proxy
 * (ROOMWATCH_TRUST_PROXY), X-Forwarded-For and X-Forwarded-Proto are believed, but only their last
 * hop, since a client can put anything in front of what the proxy appends.
 */
export function clientOf<E extends { Bindings: HttpBindings }>(c: Context<E>, trustProxy: boolean): ClientInfo {
  const socketIp = c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (!trustProxy) return { ip: socketIp, https: false };
  return {
    ip: lastHop(c.req.header('x-forwarded-for')) ?? socketIp,
    https: lastHop(c.req.header('x-forwarded-proto'))?.toLowerCase() === 'https',
  };
}
