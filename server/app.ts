import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import { DEFAULT_ALERT_CONFIG, type AlertConfig } from './alerts/config';
import { alertRoutes } from './alerts/routes';
import { AlertService } from './alerts/service';
import { meetingRoutes } from './api/meeting-routes';
import { attendanceRoutes } from './api/attendance-routes';
import { notFound, onError } from './api/errors';
import { searchRoutes } from './api/search-routes';
import { Auth, type AuthEnv } from './auth/auth';
import { authRoutes } from './auth/auth-routes';
import { DEFAULTS } from './config';
import type { Db } from './db/open';
import { Ingest } from './ingest/ingest';
import { IngestMetrics } from './ingest/metrics';
import { webhookRoutes } from './ingest/webhook-route';
import { adminRoutes } from './ingest/admin-routes';
import { Retention } from './retention/retention';
import { defaultRealtimeOptions, type RealtimeOptions } from './realtime/options';
import { attachRealtime, type Realtime } from './realtime/socket-server';
import type { ZoomConnection } from './repair/connection';
import { Repairer } from './repair/repairer';
import { repairRoutes } from './repair/routes';
import { LiveState } from './state/live-state';
import { systemClock, type Clock } from './clock';
import { noStore, securityHeaders } from './web/security-headers';
import { staticRoutes } from './web/static-routes';
import { Timeline } from './timeline/timeline';
import { timelineRoutes } from './timeline/routes';

export interface AppDeps {
  db: Db;
  webhookSecrets: readonly string[];
  staleAfterMs: number;
  /** alert thresholds (default: the documented defaults) */
  alerts?: AlertConfig;
  /** injectable clock for tests (default: the system clock) */
  clock?: Clock;
  /** folder of the built dashboard (default dist/web) */
  webRoot?: string;
  /** believe X-Forwarded-For/-Proto of one reverse proxy (default false) */
  trustProxy?: boolean;
  /** a session ends after this long without a request (default 12 h) */
  sessionIdleMs?: number;
  /** ...and this long after sign-in in any case (default 7 days) */
  sessionMaxMs?: number;
  /** ended meetings, events and quarantined deliveries older than this are pruned (default 30 days) */
  retentionMs?: number;
  realtime?: Partial<RealtimeOptions>;
  /** Zoom's REST API, for repair (default: none, webhooks alone) */
  zoom?: ZoomConnection | null;
}

export interface Application {
  app: Hono<AuthEnv>;
  live: LiveState;
  ingest: Ingest;
  alerts: AlertService;
  metrics: IngestMetrics;
  auth: Auth;
  retention: Retention;
  realtime: Realtime;
  /** null without a Zoom connection */
  repairer: Repairer | null;
  server: Server;
  clock: Clock;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** registers cleanup to run on close(), once in-flight requests are answered (timers, sockets...) */
  onClose(fn: () => void | Promise<void>): void;
  /**
   * Stops accepting connections, lets requests in flight finish for up to graceMs (default 0: cut
   * them), runs the cleanups, then closes every remaining connection. The database stays open.
   */
  close(graceMs?: number): Promise<void>;
}

export function createApplication(deps: AppDeps): Application {
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const cleanups: (() => void | Promise<void>)[] = [];
  const metrics = new IngestMetrics();
  const live = new LiveState(deps.db, { staleAfterMs: deps.staleAfterMs, now });
  const ingest = new Ingest(deps.db, live, metrics, now);
  const alerts = new AlertService({ db: deps.db, live, clock, config: deps.alerts ?? DEFAULT_ALERT_CONFIG });
  ingest.onApplied((event) => alerts.handle(event));
  cleanups.push(() => alerts.stop());
  const auth = new Auth(deps.db, {
    trustProxy: deps.trustProxy ?? false,
    sessionIdleMs: deps.sessionIdleMs ?? DEFAULTS.sessionIdleHours * 3_600_000,
    sessionMaxMs: deps.sessionMaxMs ?? DEFAULTS.sessionMaxHours * 3_600_000,
    now,
  });
  const retention = new Retention(deps.db, live, auth.sessions, {
    retentionMs: deps.retentionMs ?? DEFAULTS.retentionDays * 86_400_000,
    now,
  });

  const repairer = deps.zoom
    ? new Repairer({ connection: deps.zoom, live, ingest, clock, awaySince: lastWebhookAt(deps.db) })
    : null;
  if (repairer) cleanups.push(repairer.start());

  const app = new Hono<AuthEnv>();
  app.onError(onError);
  app.notFound(notFound);
  app.use(securityHeaders());
  app.use('/api/*', noStore(), auth.requireSession());
  app.get('/healthz', (c) => {
    deps.db.$client.prepare('SELECT 1').get();
    return c.json({ status: 'ok' });
  });
  app.route('/', webhookRoutes({ secrets: deps.webhookSecrets, ingest, metrics, now }));
  app.route('/', authRoutes(auth));
  app.route('/', adminRoutes({ db: deps.db, live, metrics, startedAt: now() }));
  app.route('/', meetingRoutes(live));
  app.route('/', attendanceRoutes({ db: deps.db, live, clock }));
  app.route('/', searchRoutes(live));
  app.route('/', alertRoutes(alerts));
  app.route('/', timelineRoutes(new Timeline(deps.db, live)));
  app.route('/', repairRoutes(repairer, deps.zoom ?? null, clock));
  app.route('/', staticRoutes(deps.webRoot));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Node drops CONNECT (proxy tunnel) requests without a word unless someone listens
  server.on('connect', (_request, socket: Duplex) =>
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
  );
  const inFlight = trackInFlight(server);
  const connections = trackConnections(server);

  retention.onPruned((report) => alerts.forgetMeetings(report.meetingUuids));
  cleanups.push(retention.schedule(clock));
  const realtime = attachRealtime({
    server,
    live,
    ingest,
    alerts,
    clock,
    authenticate: auth.authenticateRequest,
    options: { ...defaultRealtimeOptions, ...deps.realtime },
  });

  return {
    app,
    live,
    ingest,
    alerts,
    metrics,
    auth,
    retention,
    realtime,
    repairer,
    server,
    clock,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    onClose: (fn) => cleanups.push(fn),
    close: async (graceMs = 0) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // sockets first: their polling requests count as in flight, and server.close() waits for
      // upgraded websocket connections
      await realtime.close();
      await inFlight.drained(graceMs);
      for (const cleanup of cleanups.reverse()) await cleanup();
      // upgraded websockets too, which closeAllConnections() does not see: their close handshake
      // is under way, and a client that never answers it would hold the server for 30 s
      connections.destroyAll();
      await closed;
    },
  };
}

/** When the last webhook before this start arrived: the downtime the backfill asks Zoom about begins there. */
function lastWebhookAt(db: Db): number | null {
  const row = db.$client
    .prepare(`SELECT max(received_at) AS at FROM events WHERE event NOT LIKE 'roomwatch.%'`)
    .get() as { at: number | null };
  return row.at;
}

/** Every open connection, HTTP or upgraded, so that close() can end them all. */
function trackConnections(server: Server) {
  const open = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return {
    destroyAll: () => {
      for (const socket of open) socket.destroy();
    },
  };
}

/** Counts requests being answered, so that close() can wait for them. */
function trackInFlight(server: Server) {
  let count = 0;
  let onIdle: (() => void) | null = null;
  server.on('request', (_request, response) => {
    count++;
    response.once('close', () => {
      count--;
      if (count === 0) onIdle?.();
    });
  });
  return {
    drained: (timeoutMs: number) =>
      new Promise<void>((resolve) => {
        if (count === 0 || timeoutMs <= 0) return resolve();
        // wall-clock time on purpose: a shutdown deadline, not a rule of the domain (a fake clock must not stall it)
        const timer = setTimeout(resolve, timeoutMs);
        onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}
