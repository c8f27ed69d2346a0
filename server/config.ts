import { z } from 'zod';
import { alertConfigFrom, alertEnvShape, type AlertConfig } from './alerts/config';
import { absoluteUrl, groupMapping, issuerUrl, type OidcSettings } from './auth/oidc-settings';
import { passwordSchema } from './auth/password';
import { LOG_LEVELS, type LogLevel } from './ops/log';
import { flag, nonNegativeNumber, port, positiveNumber } from './text-values';
import { ZoomSettingError, zoomConnectionOf, zoomEnvShape } from './repair/settings';
import type { ZoomConnection } from './repair/connection';
import { defaultRealtimeOptions } from './realtime/options';
import { DEFAULT_SMTP_FROM, type SmtpSettings } from './notify/providers/email';

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

const smtpUrl = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be an smtp:// or smtps:// URL with a host (smtps://user:password@mail.example.com:465)');

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
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ROOMWATCH_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ROOMWATCH_SESSION_IDLE_HOURS: positiveNumber.default(DEFAULTS.sessionIdleHours),
  ROOMWATCH_SESSION_MAX_HOURS: positiveNumber
    .refine((h) => h <= 400 * 24, 'must be at most 9600 (400 days, the longest a browser keeps a cookie)')
    .default(DEFAULTS.sessionMaxHours),
  ROOMWATCH_RETENTION_DAYS: positiveNumber.default(DEFAULTS.retentionDays),
  ROOMWATCH_SHUTDOWN_GRACE_SECONDS: nonNegativeNumber.default(DEFAULTS.shutdownGraceSeconds),
  ROOMWATCH_REALTIME_TICK_MS: tickMs.default(defaultRealtimeOptions.tickMs),
  ROOMWATCH_PUBLIC_URL: absoluteUrl.optional(),
  ROOMWATCH_OIDC_ISSUER: issuerUrl.optional(),
  ROOMWATCH_OIDC_CLIENT_ID: z.string().max(256, 'is too long').optional(),
  ROOMWATCH_OIDC_CLIENT_SECRET: z.string().max(1024, 'is too long').optional(),
  ROOMWATCH_OIDC_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a claim name')
    .default('groups'),
  ROOMWATCH_OIDC_GROUPS: groupMapping.optional(),
  ROOMWATCH_PASSWORD_LOGIN: flag.default(true),
  ROOMWATCH_SMTP_URL: smtpUrl.optional(),
  ROOMWATCH_SMTP_FROM: z.email({ message: 'must be an email address' }).optional(),
  ...zoomEnvShape,
});

/** Single sign-on needs all of these; any one set without the others is a mistake worth stopping for. */
const OIDC_REQUIRED = [
  'ROOMWATCH_OIDC_ISSUER',
  'ROOMWATCH_OIDC_CLIENT_ID',
  'ROOMWATCH_OIDC_CLIENT_SECRET',
  'ROOMWATCH_OIDC_GROUPS',
  'ROOMWATCH_PUBLIC_URL',
] as const;

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  webhookSecrets: string[];
  adminPassword: string | undefined;
  staleAfterMs: number;
  alerts: AlertConfig;
  trustProxy: boolean;
  /** where browsers reach Roomwatch (no trailing slash); undefined: wherever their Host says */
  publicUrl: string | undefined;
  logLevel: LogLevel;
  /** the bearer token of GET /metrics; undefined: no such route */
  metricsToken: string | undefined;
  sessionIdleMs: number;
  sessionMaxMs: number;
  retentionMs: number;
  shutdownGraceMs: number;
  realtimeTickMs: number;
  /** single sign-on; null when not configured */
  oidc: OidcSettings | null;
  /** sign-in with local passwords */
  passwordLogin: boolean;
  /** the SMTP server of email channels; null: no email channels */
  smtp: SmtpSettings | null;
  /** the Zoom REST API connection repair uses; null: webhooks alone */
  zoom: ZoomConnection | null;
};

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set([
  'ZOOM_WEBHOOK_SECRET_TOKEN',
  'ROOMWATCH_ADMIN_PASSWORD',
  'ROOMWATCH_METRICS_TOKEN',
  'ROOMWATCH_OIDC_CLIENT_SECRET',
  'ROOMWATCH_SMTP_URL',
  'ZOOM_CLIENT_SECRET',
]);

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
  const oidcGiven = OIDC_REQUIRED.filter((name) => name !== 'ROOMWATCH_PUBLIC_URL' && e[name] !== undefined);
  const oidcMissing = OIDC_REQUIRED.filter((name) => e[name] === undefined);
  if (oidcGiven.length > 0 && oidcMissing.length > 0) {
    throw new ConfigError(`${oidcMissing[0]} is required for single sign-on (${oidcGiven[0]} is set)`);
  }
  const oidc: OidcSettings | null =
    oidcGiven.length === 0
      ? null
      : {
          issuer: e.ROOMWATCH_OIDC_ISSUER!,
          clientId: e.ROOMWATCH_OIDC_CLIENT_ID!,
          clientSecret: e.ROOMWATCH_OIDC_CLIENT_SECRET!,
          publicUrl: e.ROOMWATCH_PUBLIC_URL!,
          claim: e.ROOMWATCH_OIDC_CLAIM,
          groups: e.ROOMWATCH_OIDC_GROUPS!,
        };
  if (!e.ROOMWATCH_PASSWORD_LOGIN && !oidc) {
    throw new ConfigError('ROOMWATCH_PASSWORD_LOGIN can be false only with single sign-on (ROOMWATCH_OIDC_ISSUER...)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    webhookSecrets: e.ZOOM_WEBHOOK_SECRET_TOKEN,
    adminPassword: e.ROOMWATCH_ADMIN_PASSWORD,
    staleAfterMs: e.ROOMWATCH_STALE_AFTER_HOURS * 3_600_000,
    alerts: alertConfigFrom(e),
    trustProxy: e.ROOMWATCH_TRUST_PROXY,
    publicUrl: e.ROOMWATCH_PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.ROOMWATCH_METRICS_TOKEN,
    sessionIdleMs: e.ROOMWATCH_SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.ROOMWATCH_SESSION_MAX_HOURS * 3_600_000,
    retentionMs: e.ROOMWATCH_RETENTION_DAYS * 86_400_000,
    shutdownGraceMs: e.ROOMWATCH_SHUTDOWN_GRACE_SECONDS * 1000,
    realtimeTickMs: e.ROOMWATCH_REALTIME_TICK_MS,
    oidc,
    passwordLogin: e.ROOMWATCH_PASSWORD_LOGIN,
    smtp: e.ROOMWATCH_SMTP_URL ? { url: e.ROOMWATCH_SMTP_URL, from: e.ROOMWATCH_SMTP_FROM ?? DEFAULT_SMTP_FROM } : null,
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

/** Only the Zoom connection, for `npm run zoom:check`; null when none is configured. */
export function loadZoomConnection(env: NodeJS.ProcessEnv = process.env): ZoomConnection | null {
  return zoomConnection(parseEnv(z.object(zoomEnvShape), env));
}

/** Only DATABASE_PATH, for tools that work on the database without serving (npm run user). */
export function loadDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return parseEnv(envSchema.pick({ DATABASE_PATH: true }), env).DATABASE_PATH;
}
