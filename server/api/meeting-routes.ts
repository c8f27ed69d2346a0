import type { Answer } from '../../shared/api/contract';
import { MAX_MEETING_UUID_LENGTH } from '../../shared/meeting-uuid';
import { Hono } from 'hono';
import { z } from 'zod';
import type { MeetingStatus, MeetingSummary } from '../../shared/state';
import type { AuthEnv } from '../auth/auth';
import { canSeeAccount, type Principal } from '../auth/principal';
import type { MeetingRecord } from '../state/records';
import type { LiveState } from '../state/live-state';
import { detailView, summaryView } from '../state/views';
import { ApiError } from './errors';
import { valueList } from './query';

const STATUSES = ['live', 'stale', 'ended'] as const;

const listQuery = z.object({ status: valueList('status', STATUSES, ['live', 'stale']) });

/**
 * Meeting UUIDs may hold `/`, `+` and `=`. Zoom's convention double-encodes UUIDs that start with `/`
 * or contain `//`; the router already decoded once, so decode again while an escape remains
 * (a real UUID never contains `%`).
 */
export function meetingUuidParam(param: string): string {
  let uuid = param;
  for (let i = 0; i < 3 && uuid.includes('%'); i++) {
    try {
      uuid = decodeURIComponent(uuid);
    } catch {
      throw new ApiError(400, 'invalid_uuid', 'meeting uuid is not a valid URL-encoded string');
    }
  }
  if (uuid.length === 0 || uuid.length > MAX_MEETING_UUID_LENGTH)
    throw new ApiError(400, 'invalid_uuid', 'meeting uuid is empty or too long');
  return uuid;
}

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

  app.get('/api/meetings', (c) => {
    const { status } = listQuery.parse(c.req.query());
    const wanted = new Set<MeetingStatus>(status);
    const meetings: MeetingSummary[] = [];
    for (const state of live.list(wanted, { visibleTo: c.get('principal') }))
      meetings.push(summaryView(state, live.status(state.meeting)));
    return c.json({ meetings } satisfies Answer<'GET /api/meetings'>);
  });

  app.get('/api/meetings/:uuid', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    visibleMeeting(live, c.get('principal'), uuid);
    const state = live.get(uuid)!;
    return c.json(detailView(state, live.status(state.meeting)) satisfies Answer<'GET /api/meetings/:uuid'>);
  });

  return app;
}
