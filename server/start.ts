/** Starting Roomwatch from a configuration: what `npm start` and `npm run demo` both run. */
import { createApplication, type Application } from './app';
import type { Clock } from './clock';
import { ConfigError, type Config } from './config';
import { DatabaseOpenError, openDatabase, type Db } from './db/open';

export interface Running {
  application: Application;
  db: Db;
  /** http://host:port, with the port actually bound */
  url: string;
  /** stops the server, runs its cleanups and closes the database */
  close(): Promise<void>;
}

export async function startRoomwatch(config: Config, options: { clock?: Clock } = {}): Promise<Running> {
  const db = openDatabase(config.databasePath);
  const application = createApplication({
    db,
    webhookSecrets: config.webhookSecrets,
    staleAfterMs: config.staleAfterMs,
    clock: options.clock,
  });
  let address;
  try {
    address = await application.listen(config.port, config.host);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    application,
    db,
    url: `http://${host}:${address.port}`,
    close: async () => {
      await application.close();
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
