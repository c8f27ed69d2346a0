import type { IncomingMessage } from 'node:http';
import type { Principal } from './principal';
import type { AuthenticatedSession } from './sessions';

/**
 * Who sent a raw HTTP request (the Socket.IO handshake), from its session cookie; null when nobody
 * is signed in. Auth.authenticate is the real one.
 */
export type Authenticate = (
  request: IncomingMessage,
) => AuthenticatedSession | null | Promise<AuthenticatedSession | null>;

/** What open sockets need of the sessions they were opened with, to end or narrow with them. */
export interface SessionAuthority {
  authenticate: Authenticate;
  /** the current principal of each of these sessions that is still live; the others have ended */
  current(sessionIds: readonly string[]): Map<string, Principal>;
  /** calls back after this process ended a session or changed a user; returns the unsubscribe */
  onChange(listener: () => void): () => void;
}
