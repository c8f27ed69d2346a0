/**
 * The REST API's contract: for each JSON route, the schema of its answer (shared/api/answers.ts).
 * The server's handlers answer `satisfies Answer<route>`, the dashboard's client (web/src/lib/api.ts)
 * and the tests' `answerOf` (test/support/api.ts) are typed from the same table, so a renamed field
 * fails to compile on both sides.
 */
import { z } from 'zod';
import {
  alertSettings,
  alertView,
  auditPage,
  authMethods,
  backfillReport,
  channelView,
  countsAnswer,
  deliveryPage,
  meetingDetail,
  meetingReport,
  meetingSummary,
  overviewCountsAnswer,
  quarantinePage,
  repairStatusView,
  searchResult,
  setupCheck,
  sessionInfo,
  statusView,
  timelinePage,
  webhookOutcome,
} from './answers';

/** `null` where the route answers 204 No Content */
const noContent = z.null();

export const apiAnswers = {
  'GET /healthz': z.object({ status: z.literal('ok') }),
  'POST /webhooks/zoom': webhookOutcome,
  'GET /api/auth/methods': authMethods,
  'POST /api/login': sessionInfo,
  /** a redirect to the single sign-on provider's sign-out, else 204 */
  'POST /api/logout': z.object({ redirect: z.string() }).or(noContent),
  'GET /api/session': sessionInfo,
  'GET /api/meetings': z.object({ meetings: z.array(meetingSummary) }),
  'GET /api/meetings/:uuid': meetingDetail,
  'GET /api/meetings/:uuid/state': meetingDetail,
  'GET /api/meetings/:uuid/counts': countsAnswer,
  'GET /api/meetings/:uuid/report': meetingReport,
  'GET /api/meetings/:uuid/events': timelinePage,
  'GET /api/counts': overviewCountsAnswer,
  'GET /api/events': timelinePage,
  'GET /api/search': searchResult,
  'GET /api/alerts': z.object({ alerts: z.array(alertView) }),
  'POST /api/alerts/:id/ack': alertView,
  'POST /api/alerts/:id/snooze': alertView,
  'GET /api/alert-settings': alertSettings,
  'PUT /api/alert-settings': alertSettings,
  'GET /api/audit': auditPage,
  'GET /api/status': statusView,
  'GET /api/quarantine': quarantinePage,
  'GET /api/notification-channels': z.object({ channels: z.array(channelView) }),
  'POST /api/notification-channels': channelView,
  'GET /api/notification-channels/:id': channelView,
  'PATCH /api/notification-channels/:id': channelView,
  'DELETE /api/notification-channels/:id': noContent,
  'POST /api/notification-channels/:id/test': z.object({ delivered: z.literal(true) }),
  'GET /api/notification-deliveries': deliveryPage,
  'GET /api/repair': repairStatusView,
  'GET /api/repair/check': z.array(setupCheck),
  'POST /api/repair/backfill': z.array(backfillReport),
} as const satisfies Record<string, z.ZodType>;

export type Route = keyof typeof apiAnswers;
export type Answer<R extends Route> = z.infer<(typeof apiAnswers)[R]>;
export type Method = Route extends `${infer M} ${string}` ? M : never;
/** The paths one method serves: PathOf<'GET'> is '/api/meetings' | '/api/meetings/:uuid' | ... */
export type PathOf<M extends Method> = Route extends infer R ? (R extends `${M} ${infer Path}` ? Path : never) : never;
/** The route of a method and a path: RouteAt<'GET', '/api/meetings'> */
export type RouteAt<M extends Method, P extends PathOf<M>> = Extract<Route, `${M} ${P}`>;

type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;
type PathIn<R extends Route> = R extends `${string} ${infer Path}` ? Path : never;

/** The route's `:name` parts: a meeting's uuid, an alert's or a channel's id. */
export type Params<R extends Route> = Record<ParamNames<PathIn<R>>, string | number>;
/** Query parameters; undefined ones are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

export interface Call<R extends Route> {
  params?: Params<R>;
  query?: Query;
}

/** The URL of a call: each `:name` replaced by its parameter, URL-encoded, then the query. */
export function urlOf<R extends Route>(route: R, call: Call<R> = {}): string {
  const params: Record<string, string | number> = call.params ?? {};
  const path = route.slice(route.indexOf(' ') + 1).replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route} needs its parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.set(name, String(value));
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Parses an answer with its route's schema: a drifted field throws, naming where. */
export function parseAnswer<R extends Route>(route: R, body: unknown): Answer<R> {
  const parsed = apiAnswers[route].safeParse(body);
  if (!parsed.success) throw new Error(`${route} answered out of contract: ${z.prettifyError(parsed.error)}`);
  return parsed.data as Answer<R>;
}
