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
import { ApiError } from '../api/errors';
import { wholeNumberParam } from '../api/query';
import type { AuthEnv } from '../auth/auth';
import type { Principal } from '../auth/principal';
import { requireRole } from '../auth/roles';
import type { Db } from '../db/open';
import type { LiveState } from '../state/live-state';
import type { IngestMetrics } from './metrics';

const PREVIEW_BYTES = 2048;
const decoder = new TextDecoder('utf-8');

const pageQuery = z.object({
  limit: wholeNumberParam('limit', 500).default(50),
  before: wholeNumberParam('before', Number.MAX_SAFE_INTEGER).optional(),
});
const quarantineId = wholeNumberParam('id', Number.MAX_SAFE_INTEGER);

export function requireAllAccounts(principal: Principal): void {
  if (principal.accountIds !== null) {
    throw new ApiError(403, 'forbidden', 'only users who see every Zoom account may read this');
  }
}

export interface AdminDeps {
  db: Db;
  live: LiveState;
  metrics: IngestMetrics;
  startedAt: number;
}

export function adminRoutes({ db, live, metrics, startedAt }: AdminDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const sqlite = db.$client;
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;

  app.use('/api/status', requireRole('status'));
  app.use('/api/quarantine', requireRole('quarantine'));
  app.use('/api/quarantine/*', requireRole('quarantine'));

  app.get('/api/status', (c) => {
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
      stored: {
        events: count('SELECT count(*) AS n FROM events'),
        quarantined: count('SELECT count(*) AS n FROM quarantine'),
        meetings: count('SELECT count(*) AS n FROM meetings'),
        liveMeetings,
      },
    };
    return c.json(status satisfies Answer<'GET /api/status'>);
  });

  const page = sqlite.prepare(
    `SELECT id, received_at, event, reason, length(body) AS bytes, substr(body, 1, ${PREVIEW_BYTES}) AS head
     FROM quarantine WHERE id < ? ORDER BY id DESC LIMIT ?`,
  );
  app.get('/api/quarantine', (c) => {
    requireAllAccounts(c.get('principal'));
    const { limit, before } = pageQuery.parse(c.req.query());
    const rows = page.all(before ?? Number.MAX_SAFE_INTEGER, limit) as {
      id: number;
      received_at: number;
      event: string | null;
      reason: string;
      bytes: number;
      head: Buffer;
    }[];
    const result: QuarantinePage = {
      deliveries: rows.map((row) => ({
        id: row.id,
        receivedAt: iso(row.received_at),
        event: row.event,
        reason: row.reason,
        bytes: row.bytes,
        preview: decoder.decode(row.head),
      })),
      nextBefore: rows.length === limit ? rows.at(-1)!.id : null,
    };
    return c.json(result satisfies Answer<'GET /api/quarantine'>);
  });

  const body = sqlite.prepare('SELECT body FROM quarantine WHERE id = ?');
  app.get('/api/quarantine/:id/body', (c) => {
    requireAllAccounts(c.get('principal'));
    const id = quarantineId.parse(c.req.param('id'));
    const row = body.get(id) as { body: Buffer } | undefined;
    if (!row) throw new ApiError(404, 'not_found', `no quarantined delivery ${id}`);
    // exactly the bytes received; never rendered by the browser
    return c.body(new Uint8Array(row.body), 200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="quarantine-${id}.bin"`,
    });
  });

  return app;
}
