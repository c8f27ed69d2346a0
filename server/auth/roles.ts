/**
 * Role checks: the one place the server enforces shared/auth.ts's REQUIRED_ROLE, on HTTP routes
 * (requireRole as middleware) and anywhere else (checkRole). 403 names the role that is missing.
 */
import { createMiddleware } from 'hono/factory';
import { REQUIRED_ROLE, can, type Action } from '../../shared/auth';
import { ApiError } from '../http/errors';
import type { AuthEnv } from './auth';
import type { Principal } from './principal';

export function checkRole(principal: Principal, action: Action): void {
  if (!can(principal.role, action)) {
    throw new ApiError(403, 'forbidden', `this needs the ${REQUIRED_ROLE[action]} role (you are ${principal.role})`);
  }
}

/** Middleware: only principals whose role may do `action` get through. */
export const requireRole = (action: Action) =>
  createMiddleware<AuthEnv>(async (c, next) => {
    checkRole(c.get('principal'), action);
    await next();
  });
