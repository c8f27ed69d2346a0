import type { IncomingMessage } from 'node:http';
import type { Principal } from './principal';

/**
 * Who sent a raw HTTP request (the Socket.IO handshake), from its session cookie; null when nobody
 * is signed in. The session system provides the real one to createApplication.
 */
export type Authenticate = (request: IncomingMessage) => Principal | null | Promise<Principal | null>;

/** The default until a session system is plugged in: realtime data is never served to anonymous clients. */
export const refuseEveryone: Authenticate = () => null;
