/**
 * Repair on the admin status page: what it did (GET /api/repair), the setup check
 * (GET /api/repair/check) and the downtime backfill on demand (POST /api/repair/backfill).
 */
import { Hono } from 'hono';
import type { RepairStatusView, SetupCheck } from '../../shared/repair/status';
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
    const status: RepairStatusView = repairer ? repairer.status() : { enabled: false, accounts: [] };
    return c.json(status);
  });
  app.get('/check', async (c) => {
    requireAllAccounts(c.get('principal'));
    if (!repairer || !connection) return c.json([] satisfies SetupCheck[]);
    const clients = repairer.clients();
    const checks = await Promise.all(
      connection.accounts.map((account, i) => setupCheck(clients[i]!, account, clock.now())),
    );
    return c.json(checks);
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
    return c.json(reports);
  });
  return app;
}
