import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { ErrorBody } from '../../shared/errors';
import { log } from '../ops/log';

export type { ErrorBody };

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

export function zodMessage(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status);
  if (error instanceof ZodError) return c.json(errorBody('invalid_request', zodMessage(error)), 400);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return c.json(errorBody(status === 413 ? 'payload_too_large' : 'http_error', error.message || 'error'), status);
  }
  if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') {
    // the client vanished or sent a malformed body mid-request: its problem, not ours, and not worth a log line
    return c.json(errorBody('request_aborted', 'the request body was cut off or malformed'), 400);
  }
  if (isStorageFailure(error)) {
    // the disk, not the request: a retry can succeed once there is room again
    return c.json(errorBody('storage_unavailable', 'the database cannot write right now; retry later'), 503);
  }
  log.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
  return c.json(errorBody('internal', 'internal server error'), 500);
}

/** SQLite could not write: the disk is full or failing (SQLITE_FULL, SQLITE_IOERR_*). */
function isStorageFailure(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'));
}

export function notFound(c: Context): Response {
  return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
}
