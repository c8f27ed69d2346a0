import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { DEFAULT_ALERT_CONFIG, type AlertConfig } from './alerts/config';
import { alertRoutes } from './alerts/routes';
import { AlertService } from './alerts/service';
import { meetingRoutes } from './api/meeting-routes';
import { notFound, onError } from './api/errors';
import type { Db } from './db/open';
import { Ingest } from './ingest/ingest';
import { IngestMetrics } from './ingest/metrics';
import { webhookRoutes } from './ingest/webhook-route';
import { LiveState } from './state/live-state';
import { systemClock, type Clock } from './clock';
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
}

export interface Application {
  app: Hono;
  live: LiveState;
  ingest: Ingest;
  alerts: AlertService;
  metrics: IngestMetrics;
  server: Server;
  clock: Clock;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** registers cleanup to run on close(), after the HTTP server stopped (timers, sockets...) */
  onClose(fn: () => void | Promise<void>): void;
  close(): Promise<void>;
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

  const app = new Hono();
  app.onError(onError);
  app.notFound(notFound);
  app.get('/healthz', (c) => {
    deps.db.$client.prepare('SELECT 1').get();
    return c.json({ status: 'ok' });
  });
  app.route('/', webhookRoutes({ secrets: deps.webhookSecrets, ingest, metrics, now }));
  app.route('/', meetingRoutes(live));
  app.route('/', alertRoutes(alerts));
  app.route('/', timelineRoutes(new Timeline(deps.db, live)));
  app.route('/', staticRoutes(deps.webRoot));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;

  return {
    app,
    live,
    ingest,
    alerts,
    metrics,
    server,
    clock,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    onClose: (fn) => cleanups.push(fn),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
