import type { Answer } from '../../shared/api/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import { alertSettingsSchema } from '../../shared/alert-settings';
import { ALERT_STATUSES } from '../../shared/alerts';
import { ApiError } from '../http/errors';
import { jsonBody } from '../http/json-body';
import { meetingUuidParam } from '../http/params';
import { valueList } from '../http/query';
import type { AuditLog } from '../audit/audit-log';
import type { AuthEnv } from '../auth/auth';
import { requireRole } from '../auth/roles';
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

const ackBody = z
  .object({ note: z.string().trim().max(500, 'note must be at most 500 characters').optional() })
  .strict();

const snoozeBody = z.union([
  z
    .object({
      minutes: z
        .number({ message: 'minutes must be a number' })
        .int('minutes must be a whole number')
        .min(1, 'minutes must be at least 1')
        .max(24 * 60, 'minutes must be at most 1440'),
    })
    .strict(),
  z.object({ untilMeetingEnds: z.literal(true) }).strict(),
]);

const alertId = z.coerce.number({ message: 'alert id must be a number' }).int().positive('alert id must be positive');

export function alertRoutes(alerts: AlertService, audit: AuditLog, settings: AlertSettingsStore): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/alerts', (c) => {
    const query = listQuery.parse(c.req.query());
    const principal = c.get('principal');
    const list = alerts.list({
      statuses: query.status,
      meetingUuid: query.meeting,
      accountIds: principal.accountIds,
      limit: query.limit,
    });
    return c.json({ alerts: list } satisfies Answer<'GET /api/alerts'>);
  });

  app.post('/alerts/:id/ack', requireRole('acknowledge'), async (c) => {
    const id = alertId.parse(c.req.param('id'));
    const principal = c.get('principal');
    // the note is optional, and so is the body
    const body =
      c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await jsonBody(c, ackBody);
    const result = alerts.acknowledge(id, principal, body.note || null);
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
        details: {
          meetingUuid: alert.meetingUuid,
          kind: alert.kind,
          meetingTopic: alert.meetingTopic,
          ...(body.note ? { note: body.note } : {}),
        },
      });
    }
    return c.json(alert satisfies Answer<'POST /api/alerts/:id/ack'>);
  });

  app.post('/alerts/:id/snooze', requireRole('snooze'), async (c) => {
    const id = alertId.parse(c.req.param('id'));
    const body = await jsonBody(c, snoozeBody);
    const principal = c.get('principal');
    const alert = alerts.snooze(id, principal, 'minutes' in body ? body.minutes * 60_000 : null);
    if (!alert) throw new ApiError(404, 'alert_not_found', `no alert with id ${id}`);
    audit.record({
      actor: principal.username,
      action: 'alert_snoozed',
      target: String(id),
      details: { meetingUuid: alert.meetingUuid, kind: alert.kind, ...body },
    });
    return c.json(alert satisfies Answer<'POST /api/alerts/:id/snooze'>);
  });

  // each user's own settings: no one reads or writes another's
  app.get('/alert-settings', (c) =>
    c.json(settings.get(c.get('principal').username) satisfies Answer<'GET /api/alert-settings'>),
  );

  app.put('/alert-settings', async (c) => {
    const body = await jsonBody(c, alertSettingsSchema);
    const { username } = c.get('principal');
    if (!settings.put(username, body)) throw new ApiError(401, 'unauthenticated', 'the user no longer exists');
    return c.json(settings.get(username) satisfies Answer<'PUT /api/alert-settings'>);
  });

  return app;
}
