/**
 * The dashboard's pages and their addresses. Routing is by the URL's hash (#/meetings/<uuid>), so
 * every page survives a reload and the server needs no knowledge of client paths.
 */
import { ALERT_STATUSES, type AlertStatus } from '../../../shared/alerts';

export type Route =
  | { page: 'overview' }
  | {
      page: 'meeting';
      uuid: string;
      /** a participant key to point at (from search) */
      person: string | null;
      /** the moment shown (ms), null for live */
      at: number | null;
    }
  | { page: 'report'; uuid: string }
  | { page: 'alerts'; status: AlertStatus }
  | { page: 'timeline'; type: string | null; meeting: string | null }
  | { page: 'audit'; actor: string | null; action: string | null }
  | { page: 'notifications' }
  | { page: 'repair' }
  | { page: 'not-found'; hash: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { page: 'overview' };
  if (parts[0] === 'meetings' && parts.length === 2) {
    const uuid = decode(parts[1]!);
    const at = Date.parse(params.get('at') ?? '');
    if (uuid) return { page: 'meeting', uuid, person: params.get('person'), at: Number.isNaN(at) ? null : at };
  }
  if (parts[0] === 'meetings' && parts.length === 3 && parts[2] === 'report') {
    const uuid = decode(parts[1]!);
    if (uuid) return { page: 'report', uuid };
  }
  if (parts[0] === 'alerts' && parts.length === 1) {
    const status = params.get('status');
    return { page: 'alerts', status: ALERT_STATUSES.find((s) => s === status) ?? 'open' };
  }
  if (parts[0] === 'timeline' && parts.length === 1) {
    return { page: 'timeline', type: params.get('type') || null, meeting: params.get('meeting') || null };
  }
  if (parts[0] === 'audit' && parts.length === 1) {
    return { page: 'audit', actor: params.get('actor') || null, action: params.get('action') || null };
  }
  if (parts[0] === 'notifications' && parts.length === 1) return { page: 'notifications' };
  if (parts[0] === 'repair' && parts.length === 1) return { page: 'repair' };
  return { page: 'not-found', hash };
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part) || null;
  } catch {
    return null;
  }
}

function withQuery(path: string, params: Record<string, string | null>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The href of a page ("#/meetings/tubFEWg9SAaVamwu6V0%2Bkw%3D%3D"). */
export function routeHref(route: Exclude<Route, { page: 'not-found' }>): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'meeting':
      return withQuery(`#/meetings/${encodeURIComponent(route.uuid)}`, {
        person: route.person,
        at: route.at === null ? null : new Date(route.at).toISOString(),
      });
    case 'report':
      return `#/meetings/${encodeURIComponent(route.uuid)}/report`;
    case 'alerts':
      return withQuery('#/alerts', { status: route.status === 'open' ? null : route.status });
    case 'timeline':
      return withQuery('#/timeline', { type: route.type, meeting: route.meeting });
    case 'audit':
      return withQuery('#/audit', { actor: route.actor, action: route.action });
    case 'notifications':
      return '#/notifications';
    case 'repair':
      return '#/repair';
  }
}

export const meetingHref = (uuid: string, person: string | null = null, at: number | null = null) =>
  routeHref({ page: 'meeting', uuid, person, at });

export const reportHref = (uuid: string) => routeHref({ page: 'report', uuid });
