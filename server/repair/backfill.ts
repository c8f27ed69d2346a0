/** Layer 3: the deliveries Zoom logged while Roomwatch was away, through the normal ingest path. */
import type { BackfillReport } from '../../shared/repair/status';
import type { Ingest, Storable } from '../ingest/ingest';
import { classify } from '../events/validate';
import { webhookLogs } from './answers';
import { ZoomApiError, type ZoomClient } from './zoom-client';

const encoder = new TextEncoder();
const iso = (ms: number) => new Date(ms).toISOString();

/** The body Zoom tried to deliver, as bytes; null when the entry holds none. */
function bodyBytes(requestBody: unknown): Uint8Array | null {
  if (typeof requestBody === 'string') return requestBody.trim() === '' ? null : encoder.encode(requestBody);
  if (requestBody !== null && typeof requestBody === 'object') return encoder.encode(JSON.stringify(requestBody));
  return null;
}

export async function backfill(
  client: ZoomClient,
  ingest: Ingest,
  appId: string,
  from: number,
  to: number,
  now: number,
): Promise<BackfillReport> {
  const report: BackfillReport = {
    at: iso(now),
    from: iso(from),
    to: iso(to),
    entries: 0,
    accepted: 0,
    duplicates: 0,
    quarantined: 0,
    error: null,
  };
  let entries;
  try {
    entries = await webhookLogs(client, appId, from, to);
  } catch (error) {
    if (!(error instanceof ZoomApiError)) throw error;
    report.error = `backfill: ${error.message}`;
    return report;
  }
  // oldest first, as Zoom first tried them
  entries.sort((a, b) => Date.parse(a.date_time ?? '') - Date.parse(b.date_time ?? '') || 0);
  const deliveries: { classified: Storable; bytes: Uint8Array }[] = [];
  for (const entry of entries) {
    const bytes = bodyBytes(entry.request_body);
    if (bytes === null) continue;
    report.entries++;
    const classified = classify(bytes);
    if (classified.kind !== 'url_validation') deliveries.push({ classified, bytes });
  }
  // submitted together, in order: ingest stores them in a few group commits instead of one each
  const outcomes = await Promise.all(deliveries.map((d) => ingest.submit(d.classified, d.bytes, 'backfill')));
  for (const outcome of outcomes) {
    if (outcome.status === 'accepted') report.accepted++;
    else if (outcome.status === 'duplicate') report.duplicates++;
    else report.quarantined++;
  }
  return report;
}
