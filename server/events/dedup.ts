import { createHash } from 'node:crypto';

/** Deeper JSON is refused before hashing: nothing Zoom sends nests half as deep. */
export const MAX_JSON_DEPTH = 64;

export class TooDeepError extends Error {
  constructor() {
    super(`JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

function canonical(value: unknown, depth: number): string {
  if (depth > MAX_JSON_DEPTH) throw new TooDeepError();
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const entries = keys.map(
      (k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], depth + 1)}`,
    );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The dedup key of a parsed delivery: a hash of its content with object keys sorted, prefixed by the
 * business fields that make it readable. A redelivery maps to the same key even if re-serialised;
 * two distinct events never do, because they differ in content (Zoom's tracking id is not reliable).
 */
export function dedupKey(body: unknown): string {
  const digest = createHash('sha256').update(canonical(body, 0)).digest('base64url');
  const record = body as { event?: unknown; event_ts?: unknown };
  return `${String(record.event)}:${String(record.event_ts)}:${digest}`;
}

export function bytesKey(bytes: Uint8Array): string {
  return `raw:${createHash('sha256').update(bytes).digest('base64url')}`;
}
