import { loadConfig } from './config';
import { startRoomwatch, startupProblem } from './start';

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startRoomwatch(config, { log: (text) => console.log(text) });
  console.log(`Roomwatch listening on ${running.url} (database ${config.databasePath})`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`roomwatch: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    // close() stops listening before its first await, so the line below is true when printed
    const closing = running.close(config.shutdownGraceMs);
    console.log(
      `Roomwatch: ${signal} received, no longer accepting connections; ` +
        `finishing requests in flight (at most ${config.shutdownGraceMs} ms)`,
    );
    closing
      .then(() => {
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
  const problem = startupProblem(error);
  if (problem) console.error(`roomwatch: ${problem}`);
  else console.error('roomwatch: failed to start', error);
  process.exit(1);
});
