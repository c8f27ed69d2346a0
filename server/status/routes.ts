/**
 * What the webhook endpoint did and what it could not take: GET /api/status and the quarantine
 * (GET /api/quarantine, GET /api/quarantine/:id/body). Quarantined bodies are not valid events, so
 * nothing tells which Zoom account they belong to: only admins who see every account may read them.
 * Both need the admin role (auth/roles.ts).
 */
import type { Answer } from '../../shared/api/contract';
import { iso } from '../../shared/time';
import { Hono } from 'hono';
import { z } from 'zod';
import type { QuarantinePage, StatusView } from '../../shared/status';
import { ApiError } from '../http/errors';
import { wholeNumberParam } from '../http/query';
import type { AuthEnv } from '../auth/auth';
import { requireAllAccounts } from '../auth/scope';
import { requireRole } from '../auth/roles';
import type { LiveState } from '../state/live-state';
import type { IngestMetrics } from '../ingest/metrics';
import type { QuarantineStore } from '../ingest/quarantine';
import type { EventLog } from '../events/event-log';

const decoder = new TextDecoder('utf-8');

const pageQuery = z.object({
  limit: wholeNumberParam('limit', 500).default(50),
  before: wholeNumberParam('before', Number.MAX_SAFE_INTEGER).optional(),
});
const quarantineId = wholeNumberParam('id', Number.MAX_SAFE_INTEGER);

export interface AdminDeps {
  eventLog: EventLog;
  quarantine: QuarantineStore;
  live: LiveState;
  metrics: IngestMetrics;
  startedAt: number;
}

export function adminRoutes({ eventLog, quarantine, live, metrics, startedAt }: AdminDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.use('/status', requireRole('status'));
  app.use('/quarantine', requireRole('quarantine'));
  app.use('/quarantine/*', requireRole('quarantine'));

  app.get('/status', (c) => {
    requireAllAccounts(c.get('principal'));
    let liveMeetings = 0;
    for (const state of live.inMemory()) if (live.status(state.meeting) === 'live') liveMeetings++;
    const status: StatusView = {
      startedAt: iso(startedAt),
      webhooks: {
        accepted: metrics.accepted,
        unknown: metrics.unknown,
        duplicates: metrics.duplicates,
        quarantined: metrics.quarantined,
        storeFailures: metrics.storeFailures,
        rejected: { ...metrics.rejected },
        rejectedTotal: metrics.rejectedTotal,
      },
      repair: structuredClone(metrics.repair),
      stored: {
        events: eventLog.count(),
        quarantined: quarantine.count(),
        meetings: live.storedCount(),
        liveMeetings,
      },
    };
    return c.json(status satisfies Answer<'GET /api/status'>);
  });

  app.get('/quarantine', (c) => {
    requireAllAccounts(c.get('principal'));
    const { limit, before } = pageQuery.parse(c.req.query());
    const rows = quarantine.page(before ?? Number.MAX_SAFE_INTEGER, limit);
    const result: QuarantinePage = {
      deliveries: rows.map((row) => ({
        id: row.id,
        receivedAt: iso(row.receivedAt),
        event: row.event,
        reason: row.reason,
        bytes: row.bytes,
        preview: decoder.decode(row.head),
      })),
      nextBefore: rows.length === limit ? rows.at(-1)!.id : null,
    };
    return c.json(result satisfies Answer<'GET /api/quarantine'>);
  });

  app.get('/quarantine/:id/body', (c) => {
    requireAllAccounts(c.get('principal'));
    const id = quarantineId.parse(c.req.param('id'));
    const body = quarantine.body(id);
    if (!body) throw new ApiError(404, 'not_found', `no quarantined delivery ${id}`);
    // exactly the bytes received; never rendered by the browser
    return c.body(new Uint8Array(body), 200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="quarantine-${id}.bin"`,
    });
  });

  return app;
}
