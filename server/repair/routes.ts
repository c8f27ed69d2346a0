/**
 * Repair on the admin status page: what it did (GET /api/repair), the setup check
 * (GET /api/repair/check) and the downtime backfill on demand (POST /api/repair/backfill).
 */
import { Hono } from 'hono';
import type { Answer } from '../../shared/api/contract';
import { ApiError } from '../http/errors';
import type { AuditLog } from '../audit/audit-log';
import type { AuthEnv } from '../auth/auth';
import { requireRole } from '../auth/roles';
import type { Clock } from '../clock';
import { requireAllAccounts } from '../auth/scope';
import type { ZoomConnection } from './connection';
import type { Repairer } from './repairer';
import { setupCheck } from './setup-check';

export function repairRoutes(
  repairer: Repairer | null,
  connection: ZoomConnection | null,
  clock: Clock,
  audit: AuditLog,
): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('/', requireRole('repair'));
  app.use('/*', requireRole('repair'));
  app.get('/', (c) => {
    requireAllAccounts(c.get('principal'));
    const status = repairer ? repairer.status() : { enabled: false, accounts: [] };
    return c.json(status satisfies Answer<'GET /api/repair'>);
  });
  app.get('/check', async (c) => {
    requireAllAccounts(c.get('principal'));
    if (!repairer || !connection) return c.json([] satisfies Answer<'GET /api/repair/check'>);
    const clients = repairer.clients();
    const checks = await Promise.all(
      connection.accounts.map((account, i) => setupCheck(clients[i]!, account, clock.now())),
    );
    return c.json(checks satisfies Answer<'GET /api/repair/check'>);
  });
  app.post('/backfill', async (c) => {
    requireAllAccounts(c.get('principal'));
    if (!repairer) throw new ApiError(409, 'repair_disabled', 'no Zoom connection is configured (ZOOM_ACCOUNT_ID...)');
    const reports = await repairer.backfill();
    audit.record({
      actor: c.get('principal').username,
      action: 'backfill',
      target: null,
      details: {
        reports: reports.map(({ from, to, entries, accepted, duplicates, error }) => ({
          from,
          to,
          entries,
          accepted,
          duplicates,
          error,
        })),
      },
    });
    return c.json(reports satisfies Answer<'POST /api/repair/backfill'>);
  });
  return app;
}
