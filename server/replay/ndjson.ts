/**
 * The NDJSON files replay reads and export writes. A line is either a webhook body, or an object
 * with the body in `raw` (as the captures in test/fixtures/ and `npm run export` write it) and
 * optionally `received_at` (ISO date or ms since epoch), which paces a replay at --speed.
 * `raw` is the body itself, or a string holding its exact text when re-serialising the body would
 * not give back the very bytes Zoom sent (pretty-printed, escaped or huge-number bodies).
 */
import { isObject } from '../../shared/json';
import { z } from 'zod';
import type { ExportedEvent } from '../events/event-log';

export interface ReplayLine {
  /** the exact text to post */
  body: string;
  /** ms since epoch, when the line says when it was received */
  receivedAt: number | null;
}

export type ParsedLine = { ok: true; line: ReplayLine } | { ok: false; reason: string };

const receivedAt = z.union([
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  z.number().int().nonnegative(),
]);

const envelope = z.object({
  raw: z.union([z.string().min(1, 'must not be empty'), z.record(z.string(), z.unknown())]),
  received_at: receivedAt.optional(),
});

/** one line of a replay file; null for a blank line */
export function parseReplayLine(text: string): ParsedLine | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  if (!isObject(value)) return { ok: false, reason: 'not a JSON object' };
  if ('raw' in value) {
    const parsed = envelope.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `${issue.path.join('.')}: ${issue.message}` };
    }
    // the parsed value, not zod's copy: key order and every key (even __proto__) must survive
    const raw = value.raw;
    return {
      ok: true,
      line: { body: typeof raw === 'string' ? raw : JSON.stringify(raw), receivedAt: parsed.data.received_at ?? null },
    };
  }
  if (typeof value.event === 'string' && value.event !== '')
    return { ok: true, line: { body: trimmed, receivedAt: null } };
  return {
    ok: false,
    reason: 'no webhook body: expected an "event" field (a body) or a "raw" field (a recorded delivery)',
  };
}

/** an event of the log as a replay line that gives back its exact raw body */
export function exportLine(row: ExportedEvent): string {
  let embedded = JSON.stringify(row.raw);
  try {
    if (JSON.stringify(JSON.parse(row.raw)) === row.raw) embedded = row.raw;
  } catch {
    // kept as a string
  }
  const receivedAtIso = JSON.stringify(new Date(row.receivedAt).toISOString());
  return `{"seq":${row.seq},"received_at":${receivedAtIso},"event":${JSON.stringify(row.event)},"raw":${embedded}}`;
}
