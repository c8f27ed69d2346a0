import { loadConfig } from './config';
import { log, setLogLevel } from './ops/log';
import { startRoomwatch, startupProblem } from './start';

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  // the generated first password is for the person starting the server, never for the log
  const running = await startRoomwatch(config, { log: (text) => console.log(text) });
  log.info({ url: running.url, database: config.databasePath }, `Roomwatch listening on ${running.url}`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'signal again, exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    // close() stops listening before its first await, so the line below is true when printed
    const closing = running.close(config.shutdownGraceMs);
    log.info(
      { signal, graceMs: config.shutdownGraceMs },
      `${signal} received, no longer accepting connections; finishing requests in flight`,
    );
    closing
      .then(() => {
        log.info('Roomwatch stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  const problem = startupProblem(error);
  if (problem) console.error(`roomwatch: ${problem}`);
  else console.error('roomwatch: failed to start', error);
  process.exit(1);
});
