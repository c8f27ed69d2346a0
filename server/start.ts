/** Starting Roomwatch from a configuration: what `npm start` and `npm run demo` both run. */
import { createApplication, urlOf, type Application } from './app';
import { ensureFirstAdmin } from './auth/bootstrap';
import type { Clock } from './clock';
import { ConfigError, type Config } from './config';
import { DatabaseOpenError, openDatabase, type Db } from './db/open';

export interface Running {
  application: Application;
  db: Db;
  /** http://host:port, with the port actually bound */
  url: string;
  /** stops the server (letting requests in flight finish for up to graceMs), then closes the database */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** where the first start shows the admin password it generated (default: not shown) */
  log?: (text: string) => void;
}

export async function startRoomwatch(config: Config, options: StartOptions = {}): Promise<Running> {
  const db = openDatabase(config.databasePath);
  const application = createApplication({
    db,
    webhookSecrets: config.webhookSecrets,
    staleAfterMs: config.staleAfterMs,
    alerts: config.alerts,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    metricsToken: config.metricsToken,
    sessionIdleMs: config.sessionIdleMs,
    sessionMaxMs: config.sessionMaxMs,
    retentionMs: config.retentionMs,
    realtime: { tickMs: config.realtimeTickMs },
    oidc: config.oidc ?? undefined,
    passwordLogin: config.passwordLogin,
    notify: { publicUrl: config.publicUrl ?? null, smtp: config.smtp },
    zoom: config.zoom,
    clock: options.clock,
  });
  let address;
  try {
    await ensureFirstAdmin(application.auth.users, config.adminPassword, options.log ?? (() => undefined));
    address = await application.listen(config.port, config.host);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  return {
    application,
    db,
    url: urlOf(address),
    close: async (graceMs = 0) => {
      await application.close(graceMs);
      db.$client.close();
    },
  };
}

/** one line saying why start-up failed, for errors a user can fix; null for anything else */
export function startupProblem(error: unknown): string | null {
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) return error.message;
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return `PORT ${(error as { port?: number }).port ?? ''} is already in use`;
  }
  return null;
}
