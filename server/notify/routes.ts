/**
 * The notification channels and their delivery log, for admins only: a channel may send any
 * account's alerts, and holds secrets. Secrets are never answered, but a webhook channel's
 * generated signing secret, once, in the answer that created it.
 */
import type { Answer } from '../../shared/api/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import type { CreatedChannel } from '../../shared/notifications';
import { ApiError } from '../http/errors';
import { jsonBody } from '../http/json-body';
import { wholeNumberParam } from '../http/query';
import type { AuditLog } from '../audit/audit-log';
import type { AuthEnv } from '../auth/auth';
import { requireRole } from '../auth/roles';
import { channelView } from './channels';
import type { Notifications } from './notifications';
import { DeliveryError } from './providers/provider';

const channelId = wholeNumberParam('channel id', Number.MAX_SAFE_INTEGER);

const logQuery = z.object({
  channel: wholeNumberParam('channel', Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumberParam('limit', 500).default(50),
  before: wholeNumberParam('before', Number.MAX_SAFE_INTEGER).optional(),
});

export function notificationRoutes(notifications: Notifications, audit: AuditLog, now: () => number): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { channels, outbox } = notifications;
  // never the channel's settings: they hold its secrets
  const recordChange = (actor: string, change: string, row: { id: number; name: string; type: string }) =>
    audit.record({
      actor,
      action: 'channel_changed',
      target: String(row.id),
      details: { change, name: row.name, type: row.type },
    });
  const requireAdmin = requireRole('channels');
  app.use('/notification-channels', requireAdmin);
  app.use('/notification-channels/*', requireAdmin);
  app.use('/notification-deliveries', requireAdmin);

  const existing = (param: string | undefined) => {
    const id = channelId.parse(param);
    const row = channels.get(id);
    if (!row) throw new ApiError(404, 'channel_not_found', `no notification channel with id ${id}`);
    return row;
  };

  app.get('/notification-channels', (c) =>
    c.json({ channels: channels.list().map(channelView) } satisfies Answer<'GET /api/notification-channels'>),
  );

  app.post('/notification-channels', async (c) => {
    const { row, secret } = channels.create(await jsonBody(c, z.unknown()), now());
    const created: CreatedChannel = secret === undefined ? channelView(row) : { ...channelView(row), secret };
    recordChange(c.get('principal').username, 'created', row);
    return c.json(created satisfies Answer<'POST /api/notification-channels'>, 201);
  });

  app.get('/notification-channels/:id', (c) =>
    c.json(channelView(existing(c.req.param('id'))) satisfies Answer<'GET /api/notification-channels/:id'>),
  );

  app.patch('/notification-channels/:id', async (c) => {
    const { id } = existing(c.req.param('id'));
    const row = channels.update(id, await jsonBody(c, z.unknown()));
    if (!row) throw new ApiError(404, 'channel_not_found', `no notification channel with id ${id}`);
    recordChange(c.get('principal').username, 'updated', row);
    return c.json(channelView(row) satisfies Answer<'PATCH /api/notification-channels/:id'>);
  });

  app.delete('/notification-channels/:id', (c) => {
    const row = existing(c.req.param('id'));
    channels.delete(row.id);
    recordChange(c.get('principal').username, 'deleted', row);
    return c.body(null, 204);
  });

  app.post('/notification-channels/:id/test', async (c) => {
    const channel = existing(c.req.param('id'));
    try {
      await notifications.test(channel);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      throw new ApiError(502, 'delivery_failed', error.message);
    }
    return c.json({ delivered: true } satisfies Answer<'POST /api/notification-channels/:id/test'>);
  });

  app.get('/notification-deliveries', (c) => {
    const query = logQuery.parse(c.req.query());
    return c.json(
      outbox.page({
        before: query.before ?? Number.MAX_SAFE_INTEGER,
        limit: query.limit,
        channelId: query.channel ?? 0,
      }) satisfies Answer<'GET /api/notification-deliveries'>,
    );
  });

  return app;
}
