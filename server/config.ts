import { z } from 'zod';
import { defaultRealtimeOptions } from './realtime/options';

const port = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n >= 0 && n <= 65535, 'must be between 0 and 65535');

const positiveNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
  .transform(Number)
  .refine((n) => n > 0, 'must be greater than 0');

const tickMs = z
  .string()
  .regex(/^\d+$/, 'must be a whole number of milliseconds')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 1000, 'must be between 1 and 1000');

const secrets = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .refine((list) => list.length > 0, 'must hold at least one secret token (comma-separated for rotation)');

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1, 'must not be empty').default('./data/roomwatch.db'),
  ZOOM_WEBHOOK_SECRET_TOKEN: secrets,
  ROOMWATCH_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  ROOMWATCH_STALE_AFTER_HOURS: positiveNumber.default(6),
  ROOMWATCH_REALTIME_TICK_MS: tickMs.default(defaultRealtimeOptions.tickMs),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  webhookSecrets: string[];
  adminPassword: string | undefined;
  staleAfterMs: number;
  realtimeTickMs: number;
};

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set(['ZOOM_WEBHOOK_SECRET_TOKEN', 'ROOMWATCH_ADMIN_PASSWORD']);

/** Reads the environment; throws ConfigError naming the first bad variable and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const message = issue.code === 'invalid_type' && env[name] === undefined ? 'is required' : issue.message;
    const shown = env[name] !== undefined && !SECRET_VARIABLES.has(name) ? ` (got "${env[name]}")` : '';
    throw new ConfigError(`${name} ${message}${shown}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    webhookSecrets: e.ZOOM_WEBHOOK_SECRET_TOKEN,
    adminPassword: e.ROOMWATCH_ADMIN_PASSWORD,
    staleAfterMs: e.ROOMWATCH_STALE_AFTER_HOURS * 3_600_000,
    realtimeTickMs: e.ROOMWATCH_REALTIME_TICK_MS,
  };
}
