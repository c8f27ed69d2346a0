import { describe, expect, it } from 'vitest';
import { meetingHref, parseRoute, routeHref, type Route } from '../../../web/src/lib/routes';

const UUID = '/abC+dEf/Gh9iJkLmN0pQ==';

describe('routes', () => {
  it('give every page an address that reads back as the same page', () => {
    const pages: Exclude<Route, { page: 'not-found' }>[] = [
      { page: 'overview' },
      { page: 'meeting', uuid: UUID, person: null, at: null },
      { page: 'meeting', uuid: 'tubFEWg9SAaVamwu6V0+kw==', person: '0000002A-D51D-137B-20AF-64D77D0CE70D', at: null },
      { page: 'meeting', uuid: UUID, person: null, at: Date.parse('2026-11-24T09:12:34.567Z') },
      { page: 'report', uuid: UUID },
      { page: 'alerts', status: 'open' },
      { page: 'alerts', status: 'resolved' },
      { page: 'timeline', type: null, meeting: null },
      { page: 'timeline', type: 'recording,meeting.sharing_started', meeting: UUID },
      { page: 'audit', actor: null, action: null },
      { page: 'audit', actor: 'ana.lima@example.com', action: 'sign_in,sign_out' },
      { page: 'notifications' },
      { page: 'repair' },
    ];
    for (const route of pages) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('encode meeting UUIDs, whose / + and = would break a path', () => {
    expect(meetingHref(UUID)).toBe('#/meetings/%2FabC%2BdEf%2FGh9iJkLmN0pQ%3D%3D');
  });

  it('read the empty address as the overview and anything unknown as not found', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/')).toEqual({ page: 'overview' });
    expect(parseRoute('#/alerts?status=whatever')).toEqual({ page: 'alerts', status: 'open' });
    expect(parseRoute('#/meetings/%E0%A4%A')).toEqual({ page: 'not-found', hash: '#/meetings/%E0%A4%A' });
    expect(parseRoute(`${meetingHref(UUID)}?at=soon`)).toEqual({ page: 'meeting', uuid: UUID, person: null, at: null });
    expect(parseRoute('#/settings')).toEqual({ page: 'not-found', hash: '#/settings' });
  });
});
