import { Hono } from 'hono';
import { z } from 'zod';
import type { MeetingStatus, MeetingSummary } from '../../shared/state';
import type { AuthEnv } from '../auth/auth';
import { canSeeAccount, type Principal } from '../auth/principal';
import type { MeetingRecord } from '../state/records';
import type { LiveState } from '../state/live-state';
import { detailView, summaryView } from '../state/views';
import { ApiError } from '../http/errors';
import { meetingUuidParam } from '../http/params';
import { valueList } from '../http/query';

const STATUSES = ['live', 'stale', 'ended'] as const;

const listQuery = z.object({ status: valueList('status', STATUSES, ['live', 'stale']) });

/** The meeting's record, or a 404 when it does not exist or belongs to an account the user may not see. */
export function visibleMeeting(live: LiveState, principal: Principal, uuid: string): MeetingRecord {
  const meeting = live.meetingRecord(uuid);
  // a meeting of an account the user may not see does not exist for them
  if (!meeting || !canSeeAccount(principal, meeting.accountId))
    throw new ApiError(404, 'meeting_not_found', `no meeting with uuid ${uuid}`);
  return meeting;
}

export function meetingRoutes(live: LiveState): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/', (c) => {
    const { status } = listQuery.parse(c.req.query());
    const wanted = new Set<MeetingStatus>(status);
    const meetings: MeetingSummary[] = [];
    for (const state of live.list(wanted, { visibleTo: c.get('principal') }))
      meetings.push(summaryView(state, live.status(state.meeting)));
    return c.json({ meetings });
  });

  app.get('/:uuid', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    visibleMeeting(live, c.get('principal'), uuid);
    const state = live.get(uuid)!;
    return c.json(detailView(state, live.status(state.meeting)));
  });

  return app;
}
