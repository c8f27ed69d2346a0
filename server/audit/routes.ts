import type { Answer } from '../../shared/api/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../shared/audit';
import { isoTimeParam, valueList, wholeNumberParam } from '../http/query';
import type { AuthEnv } from '../auth/auth';
import { requireRole } from '../auth/roles';
import type { AuditLog } from './audit-log';

const auditQuery = z.object({
  actor: z.string().min(1).max(128, 'actor is too long').optional(),
  action: valueList('action', AUDIT_ACTIONS, [...AUDIT_ACTIONS]),
  since: isoTimeParam('since').optional(),
  until: isoTimeParam('until').optional(),
  limit: wholeNumberParam('limit', 500).default(100),
  cursor: wholeNumberParam('cursor', Number.MAX_SAFE_INTEGER).optional(),
});

/** GET /api/audit: the audit log, newest first, for admins. */
export function auditRoutes(audit: AuditLog): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/', requireRole('audit'), (c) => {
    const q = auditQuery.parse(c.req.query());
    return c.json(
      audit.list({
        actor: q.actor,
        actions: q.action,
        since: q.since,
        until: q.until,
        before: q.cursor,
        limit: q.limit,
      }) satisfies Answer<'GET /api/audit'>,
    );
  });
  return app;
}
