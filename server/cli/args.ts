/**
 * Command-line flags: parsed by node:util parseArgs, validated with zod, with one clear line on a
 * bad flag and the usage on --help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parsed and validated flags (positionals under `positionals`), or 'help' */
export function parseFlags<T>(
  argv: readonly string[],
  options: Options,
  schema: z.ZodType<T>,
  { positionals = false } = {},
): T | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: positionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { help, ...values } = parsed.values;
  if (help) return 'help';
  const result = schema.safeParse({ ...values, positionals: parsed.positionals });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? '');
    const given = (values as Record<string, unknown>)[name];
    const shown = typeof given === 'string' ? ` (got "${given}")` : '';
    throw new UsageError(name === 'positionals' ? issue.message : `--${name} ${issue.message}${shown}`);
  }
  return result.data;
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** an ISO date (`2026-04-03`, `2026-04-03T17:00:00Z`) or a duration back from now (`90m`, `24h`, `7d`) */
export function timeFlag(now: () => number) {
  return z.string().transform((value, ctx) => {
    const duration = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(value);
    if (duration) return now() - Number(duration[1]) * UNITS[duration[2]!]!;
    const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(date)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO date (2026-04-03T17:00:00Z) or a duration (90m, 24h, 7d)',
      });
      return z.NEVER;
    }
    return date;
  });
}

/**
 * Runs a command: its exit code on success, 2 with the message on a usage error, 1 with the message
 * on a known failure (`explain` returns it) and the whole error otherwise.
 */
export async function runCli(
  name: string,
  usage: string,
  main: () => Promise<number | 'help'>,
  explain: (error: unknown) => string | null = () => null,
): Promise<void> {
  try {
    const code = await main();
    if (code === 'help') process.stdout.write(`${usage}\n`);
    process.exitCode = code === 'help' ? 0 : code;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n(npm run ${name} -- --help lists the flags)\n`);
      process.exitCode = 2;
      return;
    }
    const known = explain(error);
    if (known) process.stderr.write(`${name}: ${known}\n`);
    else process.stderr.write(`${name}: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
