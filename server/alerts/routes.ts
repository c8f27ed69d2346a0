import { Hono } from 'hono';
import { z } from 'zod';
import { alertSettingsSchema } from '../../shared/alert-settings';
import { ALERT_STATUSES } from '../../shared/alerts';
import { ApiError } from '../api/errors';
import { jsonBody } from '../api/json-body';
import { meetingUuidParam } from '../api/meeting-routes';
import { valueList } from '../api/query';
import type { AuthEnv } from '../auth/auth';
import type { AlertService } from './service';
import type { AlertSettingsStore } from './user-settings';

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

export function alertRoutes(alerts: AlertService, settings: AlertSettingsStore): Hono<AuthEnv> {
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

  app.post('/api/alerts/:id/ack', (c) => {
    const id = alertId.parse(c.req.param('id'));
    const principal = c.get('principal');
    const result = alerts.acknowledge(id, principal);
    if (result.outcome === 'not_found') throw new ApiError(404, 'alert_not_found', `no alert with id ${id}`);
    if (result.outcome === 'resolved') {
      throw new ApiError(409, 'alert_resolved', `alert ${id} was resolved before anyone acknowledged it`);
    }
    return c.json(result.alert);
  });

  // each user's own settings: no one reads or writes another's
  app.get('/api/alert-settings', (c) => c.json(settings.get(c.get('principal').username)));

  app.put('/api/alert-settings', async (c) => {
    const body = await jsonBody(c, alertSettingsSchema);
    const { username } = c.get('principal');
    if (!settings.put(username, body)) throw new ApiError(401, 'unauthenticated', 'the user no longer exists');
    return c.json(settings.get(username));
  });

  return app;
}
