/** npm run backup -- FILE: a consistent copy of the database, taken while the server runs. */
import { z } from 'zod';
import { BackupError, backupDatabase } from '../ops/backup';
import { parseFlags, runCli } from './args';

const USAGE = `Usage: npm run backup -- FILE [--db PATH]

Copies the database to FILE, a new file (an existing one is never overwritten), consistently
while Roomwatch keeps running and writing. To restore: stop Roomwatch, delete DATABASE_PATH and its
-wal and -shm files, copy FILE to DATABASE_PATH, start Roomwatch.

  --db PATH   the database (default: DATABASE_PATH, else ./data/roomwatch.db)`;

const flagsSchema = z.object({
  db: z.string().min(1, 'must not be empty').optional(),
  positionals: z
    .array(z.string())
    .refine((p) => p.length === 1 && p[0]!.length > 0, 'give exactly one FILE to write the backup to'),
});

async function main(): Promise<number | 'help'> {
  const flags = parseFlags(process.argv.slice(2), { db: { type: 'string' } }, flagsSchema, { positionals: true });
  if (flags === 'help') return 'help';
  const dbPath = flags.db ?? (process.env.DATABASE_PATH || './data/roomwatch.db');
  const file = flags.positionals[0]!;
  const started = performance.now();
  const report = await backupDatabase(dbPath, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mb = (report.bytes / 1_048_576).toFixed(1);
  process.stdout.write(`backed up ${dbPath} to ${file}: ${report.events} events, ${mb} MB, in ${seconds} s\n`);
  return 0;
}

void runCli('backup', USAGE, main, (error) => (error instanceof BackupError ? error.message : null));
