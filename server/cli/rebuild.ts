/** npm run rebuild: replays the whole event log into fresh live-state tables (stop the server first). */
import { loadConfig, ConfigError } from '../config';
import { DatabaseOpenError, openDatabase } from '../db/open';
import { CheckpointStore } from '../history/checkpoints';
import { rebuildState } from '../state/rebuild';

try {
  const { databasePath } = loadConfig({ ZOOM_WEBHOOK_SECRET_TOKEN: 'unused-by-rebuild', ...process.env });
  const db = openDatabase(databasePath);
  const started = performance.now();
  const report = rebuildState(db, [new CheckpointStore(db)]);
  db.$client.close();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `rebuilt ${report.meetings} meetings from ${report.events} logged events (${report.applied} applied) in ${seconds} s: ${databasePath}`,
  );
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
    console.error(`rebuild: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
