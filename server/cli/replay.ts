/** npm run replay: posts the webhook bodies of an NDJSON file, signed, to a Roomwatch. */
import { access, stat } from 'node:fs/promises';
import { z } from 'zod';
import { Progress } from '../replay/progress';
import { countLines, replayFile, type ReplaySummary } from '../replay/replay';
import { WebhookSender } from '../replay/webhook-sender';
import { positiveNumber } from '../text-values';
import { UsageError, parseFlags, runCli } from './args';

const USAGE = `Usage: npm run replay -- FILE [--url URL] [--secret S] [--speed X | --as-fast-as-possible]

Signs and posts each line of FILE, in order, to a Zoom webhook endpoint, with a progress bar, and
ends with a summary. FILE is NDJSON: one webhook body per line, or one recorded delivery per line
({"received_at": ..., "raw": body}, as the captures in test/fixtures/ and npm run export write).
Lines that are not JSON or hold no body are reported with their number and skipped. The exit code
is 1 when a line was skipped or a post failed (after 3 retries on a 5xx or network error).

  --url URL                the server (default http://127.0.0.1:PORT, PORT defaulting to 3000),
                           or the full webhook URL
  --secret S               the secret token to sign with (default: ZOOM_WEBHOOK_SECRET_TOKEN, the
                           first one when several)
  --speed X                keep the recorded pacing of received_at, X times faster (2: twice as fast)
  --as-fast-as-possible    post each line as soon as the previous one is answered (the default)`;

const flagsSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    secret: z.string().min(1, 'must not be empty').optional(),
    speed: positiveNumber.optional(),
    'as-fast-as-possible': z.boolean().optional(),
    positionals: z.array(z.string()).length(1, 'expects exactly one FILE to replay'),
  })
  .refine((f) => !(f.speed !== undefined && f['as-fast-as-possible']), {
    message: 'takes --speed or --as-fast-as-possible, not both',
    path: ['speed'],
  });

const number = (n: number) => n.toLocaleString('en-US');

function summaryText(summary: ReplaySummary, seconds: number, url: string): string {
  const { sent, accepted, duplicates, quarantined, failed, badLines, failures } = summary;
  const lines = [
    `replayed to ${url} in ${seconds.toFixed(1)} s`,
    `  sent ${number(sent)}  accepted ${number(accepted)}  duplicates ${number(duplicates)}  quarantined ${number(quarantined)}  failed ${number(failed)}  bad lines ${number(badLines)}`,
  ];
  for (const [reason, count] of Object.entries(failures)) lines.push(`  failed: ${number(count)} × ${reason}`);
  return lines.join('\n');
}

async function main(): Promise<number | 'help'> {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      url: { type: 'string' },
      secret: { type: 'string' },
      speed: { type: 'string' },
      'as-fast-as-possible': { type: 'boolean' },
    },
    flagsSchema,
    { positionals: true },
  );
  if (flags === 'help') return 'help';
  const file = flags.positionals[0]!;
  const secret = flags.secret ?? process.env.ZOOM_WEBHOOK_SECRET_TOKEN?.split(',')[0]?.trim();
  if (!secret) throw new UsageError('needs the secret token: pass --secret or set ZOOM_WEBHOOK_SECRET_TOKEN');
  const readable = await access(file).then(
    async () => (await stat(file)).isFile(),
    () => false,
  );
  if (!readable) throw new UsageError(`cannot read ${file}: not a readable file`);
  const sender = new WebhookSender({ url: flags.url ?? `http://127.0.0.1:${process.env.PORT || 3000}`, secret });
  const progress = new Progress(process.stderr, 'replay', await countLines(file));
  const startedAt = Date.now();
  const summary = await replayFile({
    file,
    sender,
    speed: flags.speed ?? null,
    progress,
    report: (message) => progress.log(message),
  });
  console.log(summaryText(summary, (Date.now() - startedAt) / 1000, sender.url));
  return summary.failed > 0 || summary.badLines > 0 ? 1 : 0;
}

void runCli('replay', USAGE, main);
