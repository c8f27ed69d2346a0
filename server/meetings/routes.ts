import type { Answer } from '../../shared/api/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import type { MeetingStatus, MeetingSummary } from '../../shared/state';
import type { AuthEnv } from '../auth/auth';
import { accountFilter } from '../auth/scope';
import type { LiveState } from '../state/live-state';
import { detailView, summaryView } from '../state/views';
import { visibleMeeting } from './visible';
import { meetingUuidParam } from '../http/params';
import { valueList } from '../http/query';

const STATUSES = ['live', 'stale', 'ended'] as const;

const listQuery = z.object({ status: valueList('status', STATUSES, ['live', 'stale']) });

export function meetingRoutes(live: LiveState): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/', (c) => {
    const { status } = listQuery.parse(c.req.query());
    const wanted = new Set<MeetingStatus>(status);
    const meetings: MeetingSummary[] = [];
    for (const state of live.list(wanted, { visibleTo: accountFilter(c.get('principal')) }))
      meetings.push(summaryView(state, live.status(state.meeting)));
    return c.json({ meetings } satisfies Answer<'GET /api/meetings'>);
  });

  app.get('/:uuid', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    visibleMeeting(live, c.get('principal'), uuid);
    const state = live.get(uuid)!;
    return c.json(detailView(state, live.status(state.meeting)) satisfies Answer<'GET /api/meetings/:uuid'>);
  });

  return app;
}
