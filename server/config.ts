import { z } from 'zod';
import { alertConfigFrom, alertEnvShape, type AlertConfig } from './alerts/config';
import { passwordSchema } from './auth/password';
import { flag, nonNegativeNumber, port, positiveNumber } from './text-values';
import { ZoomSettingError, zoomConnectionOf, zoomEnvShape } from './repair/settings';
import type { ZoomConnection } from './repair/connection';
import { defaultRealtimeOptions } from './realtime/options';

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

const databasePath = z.string().min(1, 'must not be empty').default('./data/roomwatch.db');

/** Defaults also used when a test or script builds the application without a Config. */
export const DEFAULTS = {
  sessionIdleHours: 12,
  sessionMaxHours: 7 * 24,
  retentionDays: 30,
  shutdownGraceSeconds: 10,
} as const;

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_PATH: databasePath,
  ZOOM_WEBHOOK_SECRET_TOKEN: secrets,
  ROOMWATCH_ADMIN_PASSWORD: passwordSchema.optional(),
  ROOMWATCH_STALE_AFTER_HOURS: positiveNumber.default(6),
  ...alertEnvShape,
  ROOMWATCH_TRUST_PROXY: flag.default(false),
  ROOMWATCH_SESSION_IDLE_HOURS: positiveNumber.default(DEFAULTS.sessionIdleHours),
  ROOMWATCH_SESSION_MAX_HOURS: positiveNumber
    .refine((h) => h <= 400 * 24, 'must be at most 9600 (400 days, the longest a browser keeps a cookie)')
    .default(DEFAULTS.sessionMaxHours),
  ROOMWATCH_RETENTION_DAYS: positiveNumber.default(DEFAULTS.retentionDays),
  ROOMWATCH_SHUTDOWN_GRACE_SECONDS: nonNegativeNumber.default(DEFAULTS.shutdownGraceSeconds),
  ROOMWATCH_REALTIME_TICK_MS: tickMs.default(defaultRealtimeOptions.tickMs),
  ...zoomEnvShape,
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  webhookSecrets: string[];
  adminPassword: string | undefined;
  staleAfterMs: number;
  alerts: AlertConfig;
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  retentionMs: number;
  shutdownGraceMs: number;
  realtimeTickMs: number;
  /** the Zoom REST API connection repair uses; null: webhooks alone */
  zoom: ZoomConnection | null;
};

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set(['ZOOM_WEBHOOK_SECRET_TOKEN', 'ROOMWATCH_ADMIN_PASSWORD', 'ZOOM_CLIENT_SECRET']);

/** Parses the environment against a schema; throws ConfigError naming the first bad variable and why. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]);
  const message = issue.code === 'invalid_type' && env[name] === undefined ? 'is required' : issue.message;
  const shown = env[name] !== undefined && !SECRET_VARIABLES.has(name) ? ` (got "${env[name]}")` : '';
  throw new ConfigError(`${name} ${message}${shown}`);
}

/** Reads the environment of the server; throws ConfigError naming the first bad variable and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(envSchema, env);
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    webhookSecrets: e.ZOOM_WEBHOOK_SECRET_TOKEN,
    adminPassword: e.ROOMWATCH_ADMIN_PASSWORD,
    staleAfterMs: e.ROOMWATCH_STALE_AFTER_HOURS * 3_600_000,
    alerts: alertConfigFrom(e),
    trustProxy: e.ROOMWATCH_TRUST_PROXY,
    sessionIdleMs: e.ROOMWATCH_SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.ROOMWATCH_SESSION_MAX_HOURS * 3_600_000,
    retentionMs: e.ROOMWATCH_RETENTION_DAYS * 86_400_000,
    shutdownGraceMs: e.ROOMWATCH_SHUTDOWN_GRACE_SECONDS * 1000,
    realtimeTickMs: e.ROOMWATCH_REALTIME_TICK_MS,
    zoom: zoomConnection(e),
  };
}

function zoomConnection(e: Parameters<typeof zoomConnectionOf>[0]): ZoomConnection | null {
  try {
    return zoomConnectionOf(e);
  } catch (error) {
    if (error instanceof ZoomSettingError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Only DATABASE_PATH, for tools that work on the database without serving (npm run user). */
export function loadDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return parseEnv(envSchema.pick({ DATABASE_PATH: true }), env).DATABASE_PATH;
}
