import type { Answer } from '../shared/api/contract';
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import { DEFAULT_ALERT_CONFIG, type AlertConfig } from './alerts/config';
import { alertRoutes } from './alerts/routes';
import { AlertService } from './alerts/service';
import { AlertSettingsStore } from './alerts/user-settings';
import { meetingRoutes } from './meetings/routes';
import { attendanceRoutes } from './attendance/routes';
import { notFound, onError } from './http/errors';
import { searchRoutes } from './search/routes';
import { Auth, type AuthEnv } from './auth/auth';
import { authRoutes } from './auth/routes';
import { AuditLog } from './audit/audit-log';
import { auditRoutes } from './audit/routes';
import { FLOW_PATH, OidcSignIn } from './auth/oidc';
import type { OidcSettings } from './auth/oidc-settings';
import { DEFAULTS } from './config';
import { ping, type Db } from './db/open';
import { originCheck, sameOriginWrites } from './http/origin';
import { Ingest } from './ingest/ingest';
import { EventLog } from './events/event-log';
import { QuarantineStore } from './ingest/quarantine';
import { Metrics } from './ops/metrics';
import { metricsRoutes } from './ops/routes';
import { IngestMetrics } from './ingest/metrics';
import { webhookRoutes } from './ingest/routes';
import { adminRoutes } from './status/routes';
import { Retention } from './retention/retention';
import { defaultRealtimeOptions, type RealtimeOptions } from './realtime/options';
import { attachRealtime, type Realtime } from './realtime/socket-server';
import type { ZoomConnection } from './repair/connection';
import { Repairer } from './repair/repairer';
import { repairRoutes } from './repair/routes';
import { LiveState } from './state/live-state';
import { systemClock, type Clock } from './clock';
import { noStore, securityHeaders } from './web/security-headers';
import { staticRoutes } from './web/routes';
import { Timeline } from './timeline/timeline';
import { CheckpointStore } from './history/checkpoints';
import { Checkpointer } from './history/checkpointer';
import { CHECKPOINT_EVENTS, History } from './history/history';
import { historyRoutes } from './history/routes';
import { DEFAULT_NOTIFY_OPTIONS, Notifications, type NotifyOptions } from './notify/notifications';
import { notificationRoutes } from './notify/routes';
import { timelineRoutes } from './timeline/routes';
import { requestLog } from './ops/log';

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
  /** where browsers reach Roomwatch: the only origin allowed to write and open sockets (default: the request's Host) */
  publicUrl?: string;
  /** believe X-Forwarded-For/-Proto of one reverse proxy (default false) */
  trustProxy?: boolean;
  /** a session ends after this long without a request (default 12 h) */
  sessionIdleMs?: number;
  /** ...and this long after sign-in in any case (default 7 days) */
  sessionMaxMs?: number;
  /** ended meetings, events and quarantined deliveries older than this are pruned (default 30 days) */
  retentionMs?: number;
  realtime?: Partial<RealtimeOptions>;
  /** events between two checkpoints of a meeting's state (default CHECKPOINT_EVENTS; tests use fewer) */
  checkpointEvents?: number;
  /** serves GET /metrics to `Authorization: Bearer <this>`; no such route when unset */
  metricsToken?: string;
  /** sign-in with local passwords (default true; off when only single sign-on may be used) */
  passwordLogin?: boolean;
  /** single sign-on with OpenID Connect (default: none) */
  oidc?: OidcSettings;
  /** notification channels: public URL, SMTP server, retry timing (default: no SMTP, links to the server itself) */
  notify?: Partial<NotifyOptions>;
  /** Zoom's REST API, for repair (default: none, webhooks alone) */
  zoom?: ZoomConnection | null;
}

export interface Application {
  app: Hono<AuthEnv>;
  live: LiveState;
  history: History;
  ingest: Ingest;
  alerts: AlertService;
  notifications: Notifications;
  metrics: IngestMetrics;
  /** every Prometheus series: add new ones in ops/metrics.ts */
  opsMetrics: Metrics;
  auth: Auth;
  audit: AuditLog;
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
  const opsMetrics = new Metrics({
    openAlerts: () => alerts.openCounts(),
    ingest: metrics,
    sockets: () => realtime.socketCounts(),
  });
  if (deps.metricsToken !== undefined) opsMetrics.withProcessMetrics();
  const live = new LiveState(deps.db, { staleAfterMs: deps.staleAfterMs, now });
  const eventLog = new EventLog(deps.db);
  const quarantine = new QuarantineStore(deps.db);
  const ingest = new Ingest(deps.db, { eventLog, quarantine }, live, metrics, now);
  const retentionMs = deps.retentionMs ?? DEFAULTS.retentionDays * 86_400_000;
  const notifications = new Notifications(deps.db, clock, { ...DEFAULT_NOTIFY_OPTIONS, retentionMs, ...deps.notify });
  const alerts = new AlertService({
    db: deps.db,
    live,
    clock,
    config: deps.alerts ?? DEFAULT_ALERT_CONFIG,
    onTransition: notifications.recordAlertTransition,
  });
  ingest.onApplying((event) => alerts.handle(event));
  const checkpoints = new CheckpointStore(deps.db);
  const history = new History(deps.db, eventLog, checkpoints, deps.checkpointEvents ?? CHECKPOINT_EVENTS);
  const checkpointer = new Checkpointer(history, checkpoints);
  ingest.onLogged((event) => checkpointer.noteLogged(event));
  ingest.onApplied((event) => history.noteApplied(event));
  cleanups.push(() => alerts.stop());
  cleanups.push(() => ingest.close());
  const audit = new AuditLog(deps.db, now);
  const auth = new Auth(deps.db, {
    audit,
    trustProxy: deps.trustProxy ?? false,
    sessionIdleMs: deps.sessionIdleMs ?? DEFAULTS.sessionIdleHours * 3_600_000,
    sessionMaxMs: deps.sessionMaxMs ?? DEFAULTS.sessionMaxHours * 3_600_000,
    now,
  });
  const retention = new Retention(
    deps.db,
    live,
    { log: eventLog, checkpoints, sessions: auth.sessions, quarantine, audit },
    {
      retentionMs,
      now,
    },
  );

  const repairer = deps.zoom
    ? new Repairer({ connection: deps.zoom, db: deps.db, live, ingest, clock, awaySince: eventLog.lastWebhookAt() })
    : null;
  if (repairer) {
    opsMetrics.withRepair(() => repairer.status());
    cleanups.push(repairer.start());
  }

  const app = new Hono<AuthEnv>();
  app.onError(onError);
  app.notFound(notFound);
  app.use(requestLog());
  app.use(securityHeaders());
  const checkOrigin = originCheck(deps.publicUrl);
  app.use('/api/*', sameOriginWrites(checkOrigin));
  app.use('/auth/*', sameOriginWrites(checkOrigin));
  app.use('/api/*', noStore(), auth.requireSession());
  app.get('/healthz', (c) => {
    ping(deps.db);
    return c.json({ status: 'ok' } satisfies Answer<'GET /healthz'>);
  });
  // each feature's router at the longest prefix its paths share (ARCHITECTURE.md)
  app.route('/metrics', metricsRoutes(opsMetrics, deps.metricsToken));
  app.route('/webhooks', webhookRoutes({ secrets: deps.webhookSecrets, ingest, metrics, now }));
  const sso = deps.oidc ? new OidcSignIn(deps.oidc, auth, now) : null;
  app.route('/api', authRoutes(auth, { password: deps.passwordLogin ?? true, sso }));
  if (sso) app.route(FLOW_PATH, sso.routes());
  app.route('/api', adminRoutes({ eventLog, quarantine, live, metrics, startedAt: now() }));
  app.route('/api', historyRoutes({ live, alerts, history, clock, staleAfterMs: deps.staleAfterMs }));
  app.route('/api/meetings', meetingRoutes(live));
  app.route('/api/meetings', attendanceRoutes({ history, live, clock }));
  app.route('/api/search', searchRoutes(live));
  app.route('/api', alertRoutes(alerts, audit, new AlertSettingsStore(deps.db, now)));
  app.route('/api/audit', auditRoutes(audit));
  app.route('/api', notificationRoutes(notifications, audit, now));
  app.route('/api', timelineRoutes(new Timeline(deps.db, eventLog, live)));
  app.route('/api/repair', repairRoutes(repairer, deps.zoom ?? null, clock, audit));
  app.route('/', staticRoutes(deps.webRoot));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Node drops CONNECT (proxy tunnel) requests without a word unless someone listens
  server.on('connect', (_request, socket: Duplex) =>
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
  );
  const inFlight = trackInFlight(server);
  const connections = trackConnections(server);

  retention.onPruned((report) => alerts.forgetMeetings(report.meetingUuids));
  retention.onPruned((report) => checkpointer.forget(report.meetingUuids));
  retention.onPruned((report) => history.forget(report.meetingUuids));
  cleanups.push(checkpointer.schedule(clock));
  cleanups.push(retention.schedule(clock));
  const realtime = attachRealtime({
    server,
    live,
    ingest,
    alerts,
    clock,
    sessions: auth,
    checkOrigin,
    metrics: opsMetrics,
    options: { ...defaultRealtimeOptions, ...deps.realtime },
  });

  return {
    app,
    live,
    history,
    ingest,
    alerts,
    notifications,
    metrics,
    opsMetrics,
    auth,
    audit,
    retention,
    realtime,
    repairer,
    server,
    clock,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          notifications.start(urlOf(address));
          resolve(address);
        });
      }),
    onClose: (fn) => cleanups.push(fn),
    close: async (graceMs = 0) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // sockets first: their polling requests count as in flight, and server.close() waits for
      // upgraded websocket connections
      await realtime.close();
      await inFlight.drained(graceMs);
      // before the database closes: an attempt cut short stays pending, for the next start
      await notifications.stop();
      for (const cleanup of cleanups.reverse()) await cleanup();
      // upgraded websockets too, which closeAllConnections() does not see: their close handshake
      // is under way, and a client that never answers it would hold the server for 30 s
      connections.destroyAll();
      await closed;
    },
  };
}

/** http://host:port of a bound address */
export function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
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
