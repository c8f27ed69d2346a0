/** npm run export: the event log as NDJSON that npm run replay posts back. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { ExportError, exportEvents } from '../replay/export';
import { parseFlags, runCli, timeFlag } from './args';

const USAGE = `Usage: npm run export -- [--since WHEN] [--until WHEN] [--db PATH] [--out FILE]

Writes the events Roomwatch received (its event log, in order) as NDJSON, one
{"seq", "received_at", "event", "raw"} object per line with the exact body Zoom sent: the format
npm run replay reads. The database may be in use by a running server.

  --since WHEN   events received at or after WHEN: an ISO date (2026-04-03, 2026-04-03T17:00:00Z)
                 or a duration back from now (90m, 24h, 7d); default: from the first event
  --until WHEN   events received before WHEN (same forms); default: up to the last event
  --db PATH      the database (default: DATABASE_PATH, else ./data/roomwatch.db)
  --out FILE     the file to write (default: standard output)`;

const now = () => Date.now();

const flagsSchema = z
  .object({
    since: timeFlag(now).optional(),
    until: timeFlag(now).optional(),
    db: z.string().min(1, 'must not be empty').optional(),
    out: z.string().min(1, 'must not be empty').optional(),
  })
  .refine((f) => f.since === undefined || f.until === undefined || f.since < f.until, {
    message: 'must be later than --since',
    path: ['until'],
  });

async function openForWriting(path: string) {
  const out = createWriteStream(path);
  try {
    await once(out, 'open');
  } catch (error) {
    throw new ExportError(`cannot write ${path}: ${(error as Error).message}`);
  }
  return out;
}

async function main(): Promise<number | 'help'> {
  const flags = parseFlags(
    process.argv.slice(2),
    { since: { type: 'string' }, until: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' } },
    flagsSchema,
  );
  if (flags === 'help') return 'help';
  const dbPath = flags.db ?? (process.env.DATABASE_PATH || './data/roomwatch.db');
  const out = flags.out ? await openForWriting(flags.out) : process.stdout;
  const summary = await exportEvents({ dbPath, since: flags.since ?? null, until: flags.until ?? null, out });
  if (out !== process.stdout) {
    out.end();
    await finished(out);
  }
  const range = summary.events > 0 ? ` (seq ${summary.firstSeq} to ${summary.lastSeq})` : '';
  process.stderr.write(
    `exported ${summary.events} events${range} from ${dbPath}${flags.out ? ` to ${flags.out}` : ''}\n`,
  );
  return 0;
}

void runCli('export', USAGE, main, (error) => (error instanceof ExportError ? error.message : null));
