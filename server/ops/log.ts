/**
 * The server's log: one JSON object per line on standard output (pino), for a log collector.
 * Every line written while a request is handled carries its `requestId` (also sent back as the
 * X-Request-Id header), wherever in the code it is written, through an AsyncLocalStorage. Lines
 * hold no request or response bodies, no query strings (search terms are names) and no secrets:
 * errors are logged with their message and stack, never with what was sent.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import pino from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const request = new AsyncLocalStorage<{ requestId: string }>();

/**
 * The one logger. Until the server sets LOG_LEVEL (main.ts), only warnings and errors: tests and
 * tools that build the application quietly still show what went wrong.
 */
export const log = pino({
  level: 'warn',
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin: () => request.getStore() ?? {},
});

export function setLogLevel(level: LogLevel): void {
  log.level = level;
}

/** Runs fn outside any request: work batched across requests (group commit) belongs to none of them. */
export function outsideRequest<T>(fn: () => T): T {
  return request.exit(fn);
}

const WEBHOOK_PATH = '/webhooks/zoom';

// an id a proxy gave the request may be kept, if it cannot smuggle anything into a line or a header
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Gives each request an id (X-Request-Id: the proxy's when sane, else a new one) and logs it once answered (accepted webhooks at debug). */
export function requestLog() {
  return createMiddleware(async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && FORWARDED_ID.test(given) ? given : randomUUID();
    const started = performance.now();
    await request.run({ requestId }, async () => {
      await next();
      c.header('x-request-id', requestId);
      // accepted webhooks are hundreds a second and counted in /metrics: a line each only at debug
      const level = c.res.status < 300 && c.req.path === WEBHOOK_PATH ? 'debug' : 'info';
      if (!log.isLevelEnabled(level)) return;
      log[level](
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    });
  });
}
