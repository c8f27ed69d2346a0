/**
 * Overview diffs carry, for a meeting the clients already hold, only the fields of its summary that
 * changed: most events change a count and lastEventAt, and the whole summary is ten times that.
 */
import type { MeetingSummary } from '../state';

/** A meeting's uuid and the fields of its summary that changed, each with its whole new value. */
export type MeetingSummaryPatch = Pick<MeetingSummary, 'uuid'> & Partial<Omit<MeetingSummary, 'uuid'>>;

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

function same(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && same((a as Record<string, Json>)[key]!, (b as Record<string, Json>)[key]!));
}

/** What turns `before` into `after` (the same meeting); null when nothing changed. */
export function summaryPatch(before: MeetingSummary, after: MeetingSummary): MeetingSummaryPatch | null {
  const patch: Record<string, unknown> = { uuid: after.uuid };
  let changed = false;
  for (const key of Object.keys(after) as (keyof MeetingSummary)[]) {
    if (same(before[key] as Json, after[key] as Json)) continue;
    patch[key] = after[key];
    changed = true;
  }
  return changed ? (patch as MeetingSummaryPatch) : null;
}

/** The summary with the patch's fields set: a new object, the given one is left as it was. */
export function applySummaryPatch(summary: MeetingSummary, patch: MeetingSummaryPatch): MeetingSummary {
  return { ...summary, ...patch };
}
