import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { meetingRoutes } from './api/meeting-routes';
import { notFound, onError } from './api/errors';
import { refuseEveryone, type Authenticate } from './auth/authenticate';
import type { Db } from './db/open';
import { Ingest } from './ingest/ingest';
import { IngestMetrics } from './ingest/metrics';
import { webhookRoutes } from './ingest/webhook-route';
import { defaultRealtimeOptions, type RealtimeOptions } from './realtime/options';
import { attachRealtime, type Realtime } from './realtime/socket-server';
import { LiveState } from './state/live-state';
import { systemClock, type Clock } from './clock';
import { staticRoutes } from './web/static-routes';

export interface AppDeps {
  db: Db;
  webhookSecrets: readonly string[];
  staleAfterMs: number;
  /** injectable clock for tests (default: the system clock) */
  clock?: Clock;
  /** folder of the built dashboard (default dist/web) */
  webRoot?: string;
  /** who opens a realtime connection (from the session cookie); default: nobody is let in */
  authenticate?: Authenticate;
  realtime?: Partial<RealtimeOptions>;
}

export interface Application {
  app: Hono;
  live: LiveState;
  ingest: Ingest;
  metrics: IngestMetrics;
  realtime: Realtime;
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

  const app = new Hono();
  app.onError(onError);
  app.notFound(notFound);
  app.get('/healthz', (c) => {
    deps.db.$client.prepare('SELECT 1').get();
    return c.json({ status: 'ok' });
  });
  app.route('/', webhookRoutes({ secrets: deps.webhookSecrets, ingest, metrics, now }));
  app.route('/', meetingRoutes(live));
  app.route('/', staticRoutes(deps.webRoot));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const realtime = attachRealtime({
    server,
    live,
    ingest,
    clock,
    authenticate: deps.authenticate ?? refuseEveryone,
    options: { ...defaultRealtimeOptions, ...deps.realtime },
  });

  return {
    app,
    live,
    ingest,
    metrics,
    realtime,
    server,
    clock,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    onClose: (fn) => cleanups.push(fn),
    close: async () => {
      // sockets first: the HTTP server would wait for their upgraded connections to end
      await realtime.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
