/**
 * What repair reads from Zoom's Dashboard API, validated: a page that does not parse is an
 * unknown, never an empty list. Every list is read to its last page or not at all.
 */
import { z } from 'zod';
import { ZoomApiError, meetingPathSegment, type ZoomClient } from './zoom-client';

const text = z.string().nullish();
const id = z.union([z.string(), z.number()]).transform(String).nullish();

const participantSchema = z.object({
  id: text,
  user_id: id,
  participant_uuid: text,
  user_name: text,
  email: text,
  join_time: text,
  leave_time: text,
  status: text,
  bo_mtg_id: text,
});
export type ZoomParticipant = z.infer<typeof participantSchema>;

const meetingSchema = z.object({
  uuid: z.string().min(1),
  id: id,
  topic: text,
  host: text,
  email: text,
  start_time: text,
  participants: z.number().nullish(),
});
export type ZoomLiveMeeting = z.infer<typeof meetingSchema>;

const pageFields = { next_page_token: z.string().nullish(), total_records: z.number().nullish() };
const participantsPage = z.object({ ...pageFields, participants: z.array(participantSchema) });
const meetingsPage = z.object({ ...pageFields, meetings: z.array(meetingSchema) });
const webinarsPage = z.object({ ...pageFields, webinars: z.array(meetingSchema) });

/** Zoom's Dashboard lists meetings and webinars apart, with the same fields. */
export type LiveKind = 'meeting' | 'webinar';
const webhookLogPage = z.object({
  next_page_token: z.string().nullish(),
  webhook_logs: z.array(
    z.object({
      event: text,
      status: z.union([z.string(), z.number()]).nullish(),
      date_time: text,
      request_body: z.unknown(),
    }),
  ),
});
export type WebhookLogEntry = z.infer<typeof webhookLogPage>['webhook_logs'][number];

/** Zoom's pages may run long, but never forever */
const MAX_PAGES = 200;

async function allPages<T>(
  client: ZoomClient,
  path: string,
  query: Record<string, string>,
  kind: 'list' | 'heavy',
  wait: boolean,
  schema: z.ZodType<{ next_page_token?: string | null; total_records?: number | null }>,
  items: (page: never) => T[],
): Promise<T[]> {
  const out: T[] = [];
  let token = '';
  let total: number | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const answer = await client.get(path, token ? { ...query, next_page_token: token } : query, kind, wait);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ZoomApiError('invalid_answer', `Zoom's answer for ${path} is not the expected list`);
    out.push(...items(parsed.data as never));
    total ??= parsed.data.total_records ?? null;
    token = parsed.data.next_page_token ?? '';
    if (token === '') {
      // a list shorter than the total Zoom announced lost a page somewhere: it is not the truth
      if (total !== null && out.length < total) {
        throw new ZoomApiError('invalid_answer', `Zoom listed ${out.length} of the ${total} entries of ${path}`);
      }
      return out;
    }
  }
  throw new ZoomApiError('invalid_answer', `Zoom's list ${path} has more than ${MAX_PAGES} pages`);
}

/** Everyone Zoom lists in a live meeting or webinar (ended connections included, with their leave_time). */
export function liveParticipants(client: ZoomClient, meetingUuid: string, kind: LiveKind): Promise<ZoomParticipant[]> {
  return allPages(
    client,
    `/metrics/${kind}s/${meetingPathSegment(meetingUuid)}/participants`,
    { type: 'live', page_size: '300' },
    'heavy',
    false,
    participantsPage,
    (page: z.infer<typeof participantsPage>) => page.participants,
  );
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The account's live meetings, or its live webinars. */
export function liveMeetings(client: ZoomClient, now: number, kind: LiveKind = 'meeting'): Promise<ZoomLiveMeeting[]> {
  const query = { type: 'live', from: day(now - 86_400_000), to: day(now), page_size: '300' };
  return kind === 'meeting'
    ? allPages(
        client,
        '/metrics/meetings',
        query,
        'list',
        false,
        meetingsPage,
        (page: z.infer<typeof meetingsPage>) => page.meetings,
      )
    : allPages(
        client,
        '/metrics/webinars',
        query,
        'list',
        false,
        webinarsPage,
        (page: z.infer<typeof webinarsPage>) => page.webinars,
      );
}

/**
 * The app's webhook delivery log between two times (Zoom keeps 7 days); whole days are asked for,
 * the rest filtered here. Not a Dashboard call: counted as a per-second one, and a long log waits
 * for the budget page by page rather than giving up.
 */
export async function webhookLogs(
  client: ZoomClient,
  appId: string,
  from: number,
  to: number,
): Promise<WebhookLogEntry[]> {
  const entries = await allPages(
    client,
    `/marketplace/apps/${encodeURIComponent(appId)}/webhook_logs`,
    { from: day(from), to: day(to), page_size: '300' },
    'heavy',
    true,
    webhookLogPage,
    (page: z.infer<typeof webhookLogPage>) => page.webhook_logs,
  );
  return entries.filter((entry) => {
    const at = entry.date_time ? Date.parse(entry.date_time) : NaN;
    return Number.isNaN(at) || (at >= from && at <= to);
  });
}
