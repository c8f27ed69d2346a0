import type { IncomingMessage } from 'node:http';
import type { Principal } from './principal';

/**
 * Who sent a raw HTTP request (the Socket.IO handshake), from its session cookie; null when nobody
 * is signed in. Auth.authenticateRequest is the real one; tests may inject their own.
 */
export type Authenticate = (request: IncomingMessage) => Principal | null | Promise<Principal | null>;
