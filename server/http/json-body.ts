import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors';

/** The request's JSON body validated by a schema: 415 unless sent as JSON, 400 if malformed or invalid. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  return schema.parse(body);
}
