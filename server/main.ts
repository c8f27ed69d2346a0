import { ConfigError, loadConfig } from './config';
import { createApplication } from './app';
import { ensureFirstAdmin } from './auth/bootstrap';
import { DatabaseOpenError, openDatabase } from './db/open';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const application = createApplication({
    db,
    webhookSecrets: config.webhookSecrets,
    staleAfterMs: config.staleAfterMs,
    alerts: config.alerts,
    trustProxy: config.trustProxy,
    sessionIdleMs: config.sessionIdleMs,
    sessionMaxMs: config.sessionMaxMs,
    retentionMs: config.retentionMs,
    realtime: { tickMs: config.realtimeTickMs },
  });
  await ensureFirstAdmin(application.auth.users, config.adminPassword, (text) => console.log(text));
  const address = await application.listen(config.port, config.host);
  console.log(`Roomwatch listening on http://${address.address}:${address.port} (database ${config.databasePath})`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`roomwatch: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    // close() stops listening before its first await, so the line below is true when printed
    const closing = application.close(config.shutdownGraceMs);
    console.log(
      `Roomwatch: ${signal} received, no longer accepting connections; ` +
        `finishing requests in flight (at most ${config.shutdownGraceMs} ms)`,
    );
    closing
      .then(() => {
        db.$client.close();
        console.log('Roomwatch stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('roomwatch: shutdown failed', error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
    console.error(`roomwatch: ${error.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`roomwatch: PORT ${(error as { port?: number }).port ?? ''} is already in use`);
  } else {
    console.error('roomwatch: failed to start', error);
  }
  process.exit(1);
});
