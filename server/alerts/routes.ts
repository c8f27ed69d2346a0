import { Hono } from 'hono';
import { z } from 'zod';
import { ALERT_STATUSES } from '../../shared/alerts';
import { ApiError } from '../api/errors';
import { meetingUuidParam } from '../api/meeting-routes';
import { valueList } from '../api/query';
import type { AuditLog } from '../audit/audit-log';
import type { AuthEnv } from '../auth/auth';
import { requireRole } from '../auth/roles';
import type { AlertService } from './service';

const listQuery = z.object({
  status: valueList('status', ALERT_STATUSES, ['open', 'acknowledged']),
  meeting: z
    .string()
    .optional()
    .transform((uuid) => (uuid === undefined ? undefined : meetingUuidParam(uuid))),
  limit: z.coerce
    .number({ message: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(1000, 'limit must be at most 1000')
    .default(200),
});

const alertId = z.coerce.number({ message: 'alert id must be a number' }).int().positive('alert id must be positive');

export function alertRoutes(alerts: AlertService, audit: AuditLog): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/api/alerts', (c) => {
    const query = listQuery.parse(c.req.query());
    const principal = c.get('principal');
    const list = alerts.list({
      statuses: query.status,
      meetingUuid: query.meeting,
      accountIds: principal.accountIds,
      limit: query.limit,
    });
    return c.json({ alerts: list });
  });

  app.post('/api/alerts/:id/ack', requireRole('acknowledge'), (c) => {
    const id = alertId.parse(c.req.param('id'));
    const principal = c.get('principal');
    const result = alerts.acknowledge(id, principal);
    if (result.outcome === 'not_found') throw new ApiError(404, 'alert_not_found', `no alert with id ${id}`);
    if (result.outcome === 'resolved') {
      throw new ApiError(409, 'alert_resolved', `alert ${id} was resolved before anyone acknowledged it`);
    }
    const { alert } = result;
    // a repeated acknowledgement keeps the first name and time: only the first is recorded
    if (result.outcome === 'acknowledged') {
      audit.record({
        actor: principal.username,
        action: 'alert_acknowledged',
        target: String(id),
        details: { meetingUuid: alert.meetingUuid, kind: alert.kind, meetingTopic: alert.meetingTopic },
      });
    }
    return c.json(alert);
  });

  return app;
}
