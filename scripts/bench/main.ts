/** npm run bench: how fast Roomwatch is, each figure against a baseline measured in the same run. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { defaultRealtimeOptions } from '../../server/realtime/options';
import { parseFlags, runCli } from '../../server/cli/args';
import { wholeNumber } from '../../server/text-values';
import type { Benchmark, BenchContext } from './context';
import { fanout } from './fanout';
import { history } from './history';
import { flood } from './flood';
import { ingest } from './ingest';
import { formatTable, type Figure } from './report';
import { log } from './log';
import { scale } from './scale';
import { size } from './size';
import { storm } from './storm';

const BENCHMARKS: Record<string, Benchmark> = { ingest, fanout, size, log, scale, storm, history, flood };
const NAMES = Object.keys(BENCHMARKS);
const RESULTS_DIR = 'bench-results';

const USAGE = `Usage: npm run bench -- [--only ${NAMES.join(',')}] [--quick] [--seed N] [--tick-ms N] [--profile]

Measures Roomwatch, each server in a child process of its own, against a bare node:http server
that only checks the signature and inserts into SQLite (same pragmas), in the same run:
  ingest   sustained signed webhooks per second; acknowledgement latency at 1,000/s (open loop)
  fanout   webhook-to-dashboard latency, 100 dashboards on the overview and 10 on one meeting, at half
           the baseline's sustained throughput; no backlog growing over the run
  size     throughput into 2 meetings of 10,000 people against into 2 meetings of 10 (people leave, others arrive)
  log      throughput after 1,000,000 logged events against after 1,000 (the old log written straight in)
  scale    1,000 live meetings with 50,000 people: server memory, snapshot to a new client, GET /api/meetings
  storm    a 10,000-person webinar joining within 60 s: every join applied, nothing lost, peak latency
  history  an 8-hour meeting of 1,000 people: the state at a random moment (median, p99) against the live detail
  flood    10 sockets asking for 2,000 overview snapshots each and not reading: server memory, /healthz
Prints a table (targets, PASS/FAIL) and writes every figure to ${RESULTS_DIR}/<time>.json.
The exit code is 1 when a target was missed or a benchmark could not run. A full run takes five
minutes or more: every delivery is waited for, so a server that falls behind makes it longer.

  --only LIST    comma-separated benchmarks to run (default: all)
  --quick        smaller sizes and shorter runs (a quick look; the targets are for the full sizes)
  --seed N       seed of the simulated traffic (default 1)
  --tick-ms N    ROOMWATCH_REALTIME_TICK_MS of the servers (default ${defaultRealtimeOptions.tickMs}, Roomwatch's)
  --profile      write a CPU profile of each server (node --cpu-prof) next to the results`;

const flagsSchema = z.object({
  only: z
    .string()
    .transform((list) => list.split(',').map((name) => name.trim()))
    .refine((names) => names.every((name) => NAMES.includes(name)), `must list some of ${NAMES.join(', ')}`)
    .optional(),
  quick: z.boolean().optional(),
  seed: wholeNumber.optional(),
  'tick-ms': wholeNumber.refine((n) => n >= 1 && n <= 1000, 'must be between 1 and 1000').optional(),
  profile: z.boolean().optional(),
});

async function main(): Promise<number | 'help'> {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      only: { type: 'string' },
      quick: { type: 'boolean' },
      seed: { type: 'string' },
      'tick-ms': { type: 'string' },
      profile: { type: 'boolean' },
    },
    flagsSchema,
  );
  if (flags === 'help') return 'help';
  process.stderr.write('bench: building the dashboard and the server, as npm start does\n');
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const startedAt = new Date();
  const stamp = startedAt
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const profileDir = flags.profile ? resolve(RESULTS_DIR, `${stamp}-profiles`) : null;
  const context: BenchContext = {
    quick: flags.quick ?? false,
    seed: flags.seed ?? 1,
    tickMs: flags['tick-ms'],
    profileDir,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const selected = flags.only ?? NAMES;
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const failed: string[] = [];
  for (const name of NAMES.filter((n) => selected.includes(n))) {
    try {
      const outcome = await BENCHMARKS[name]!(context);
      figures.push(...outcome.figures);
      details[name] = outcome.details;
    } catch (error) {
      // the other benchmarks still run: a figure measured is worth keeping
      const { message, cause } = error as Error & { cause?: unknown };
      const why = `${message}${cause ? ` (${String((cause as Error).message ?? cause)})` : ''}`;
      context.log(`bench: ${name} failed: ${why}`);
      failed.push(name);
      details[name] = { failed: why, stack: (error as Error).stack };
    }
  }

  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const tickMs = flags['tick-ms'] ?? defaultRealtimeOptions.tickMs;
  console.log(
    `\nRoomwatch bench, ${startedAt.toISOString()}: ${machine.cpus} cores (${machine.cpu}), Node ${machine.node}` +
      `${context.quick ? ', --quick sizes' : ''}, realtime tick ${tickMs} ms, seed ${context.seed}\n`,
  );
  console.log(formatTable(figures));
  if (failed.length > 0) console.log(`\nfailed to run (see above): ${failed.join(', ')}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${stamp}.json`);
  const run = { startedAt, machine, flags: { ...context, log: undefined, tickMs }, figures, details };
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  console.log(`\nevery figure: ${file}${profileDir ? `; CPU profiles: ${profileDir}` : ''}`);
  return failed.length > 0 || figures.some((f) => f.pass === false) ? 1 : 0;
}

void runCli('bench', USAGE, main);
