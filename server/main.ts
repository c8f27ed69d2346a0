import { ConfigError, loadConfig } from './config';
import { createApplication } from './app';
import { DatabaseOpenError, openDatabase } from './db/open';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const application = createApplication({
    db,
    webhookSecrets: config.webhookSecrets,
    staleAfterMs: config.staleAfterMs,
    realtime: { tickMs: config.realtimeTickMs },
  });
  const address = await application.listen(config.port, config.host);
  console.log(`Roomwatch listening on http://${address.address}:${address.port} (database ${config.databasePath})`);
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
