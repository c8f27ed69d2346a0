import { isObject } from '../../shared/json';
import type { z } from 'zod';
import { OWN_EVENT_PREFIX, ownEventSchemas, type OwnEvent } from '../../shared/repair/events';
import { zoomEventSchemas, type ZoomEvent } from '../../shared/zoom/events.generated';
import { TooDeepError, dedupKey } from './dedup';

export type Classified =
  | { kind: 'known'; event: ZoomEvent | OwnEvent; body: unknown; dedupKey: string }
  | { kind: 'unknown'; name: string; body: Record<string, unknown>; dedupKey: string }
  | { kind: 'url_validation'; plainToken: string }
  | { kind: 'invalid'; reason: string; name: string | null };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > shown.length ? `; and ${error.issues.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Everything that can be wrong with a signed body, decided without touching storage. Roomwatch's
 * own event types (repairs) are known only when read back from the event log: from Zoom they are
 * forgeries, quarantined.
 */
export function classify(rawBody: Uint8Array, origin: 'zoom' | 'log' = 'zoom'): Classified {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { kind: 'invalid', reason: 'body is not valid UTF-8', name: null };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', reason: `body is not JSON: ${(error as Error).message}`, name: null };
  }
  if (!isObject(body)) return { kind: 'invalid', reason: 'body is not a JSON object', name: null };
  const name = body.event;
  if (typeof name !== 'string' || name === '') {
    return { kind: 'invalid', reason: 'event: expected the event name as a string', name: null };
  }
  if (name === 'endpoint.url_validation') {
    const token = isObject(body.payload) ? body.payload.plainToken : undefined;
    if (typeof token !== 'string' || token === '' || token.length > 1024) {
      return { kind: 'invalid', reason: 'payload.plainToken: expected a non-empty string', name };
    }
    return { kind: 'url_validation', plainToken: token };
  }
  if (origin === 'zoom' && name.startsWith(OWN_EVENT_PREFIX)) {
    return { kind: 'invalid', reason: `event: ${OWN_EVENT_PREFIX}* events are Roomwatch's own, never Zoom's`, name };
  }
  let key: string;
  try {
    key = dedupKey(body);
  } catch (error) {
    if (error instanceof TooDeepError) return { kind: 'invalid', reason: error.message, name };
    throw error;
  }
  // own keys only: an event named "constructor" or "__proto__" must not find Object's members
  const schemas: Record<string, z.ZodType> =
    origin === 'log' && name.startsWith(OWN_EVENT_PREFIX) ? ownEventSchemas : zoomEventSchemas;
  const schema = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
  if (!schema) {
    if (typeof body.event_ts !== 'number' || !Number.isInteger(body.event_ts)) {
      return { kind: 'invalid', reason: 'event_ts: expected an integer (ms)', name };
    }
    return { kind: 'unknown', name, body, dedupKey: key };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { kind: 'invalid', reason: describeIssues(parsed.error), name };
  return { kind: 'known', event: parsed.data as ZoomEvent | OwnEvent, body, dedupKey: key };
}
