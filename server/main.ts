import { loadConfig } from './config';
import { startRoomwatch, startupProblem } from './start';

async function main(): Promise<void> {
  const config = loadConfig();
  const { url } = await startRoomwatch(config);
  console.log(`Roomwatch listening on ${url} (database ${config.databasePath})`);
}

main().catch((error: unknown) => {
  const problem = startupProblem(error);
  if (problem) console.error(`roomwatch: ${problem}`);
  else console.error('roomwatch: failed to start', error);
  process.exit(1);
});
