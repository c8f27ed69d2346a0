/** The past of meetings over HTTP: the state at a moment, counts over time, the meeting report. */
import type { Answer } from '../../shared/api/contract';
import { ALERT_STATUSES } from '../../shared/alerts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { MeetingReport, OverviewCountsAnswer } from '../../shared/history';
import type { AlertService } from '../alerts/service';
import type { AuthEnv } from '../auth/auth';
import { accountFilter } from '../auth/scope';
import type { Clock } from '../clock';
import { ApiError } from '../http/errors';
import { meetingUuidParam } from '../http/params';
import { visibleMeeting } from '../meetings/visible';
import { isoTimeParam } from '../http/query';
import type { LiveState } from '../state/live-state';
import { detailView, meetingStatus, summaryView } from '../state/views';
import type { History } from './history';
import { meetingReport } from './report';

/** The overview asks for an hour; a day bounds what one request replays. */
const OVERVIEW_MAX_MS = 86_400_000;

const stateQuery = z.object({ at: isoTimeParam('at') });
const countsQuery = z.object({ since: isoTimeParam('since').optional() });

export interface HistoryRouteDeps {
  live: LiveState;
  alerts: AlertService;
  history: History;
  clock: Clock;
  staleAfterMs: number;
}

export function historyRoutes({ live, alerts, history, clock, staleAfterMs }: HistoryRouteDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/meetings/:uuid/state', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    const { at } = stateQuery.parse(c.req.query());
    const meeting = visibleMeeting(live, c.get('principal'), uuid);
    if (at > clock.now()) throw new ApiError(400, 'invalid_request', 'at must not be in the future');
    const state = history.stateAt(uuid, at);
    if (!state) {
      const first = new Date(meeting.firstEventTs).toISOString();
      throw new ApiError(400, 'invalid_request', `at must not be before the meeting's first event (${first})`);
    }
    return c.json(
      detailView(
        state,
        meetingStatus(state.meeting, at, staleAfterMs),
      ) satisfies Answer<'GET /api/meetings/:uuid/state'>,
    );
  });

  app.get('/meetings/:uuid/counts', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    visibleMeeting(live, c.get('principal'), uuid);
    return c.json({ points: history.counts(uuid) } satisfies Answer<'GET /api/meetings/:uuid/counts'>);
  });

  app.get('/meetings/:uuid/report', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    const meeting = visibleMeeting(live, c.get('principal'), uuid);
    const state = live.get(uuid)!;
    const report: MeetingReport = meetingReport({
      meeting,
      summary: summaryView(state, live.status(meeting)),
      events: history.loggedEvents(uuid),
      points: history.counts(uuid),
      alerts: alerts.list({ statuses: ALERT_STATUSES, meetingUuid: uuid, accountIds: null, limit: 1_000 }).reverse(),
      now: clock.now(),
    });
    return c.json(report satisfies Answer<'GET /api/meetings/:uuid/report'>);
  });

  app.get('/counts', (c) => {
    const now = clock.now();
    const { since = now - 3_600_000 } = countsQuery.parse(c.req.query());
    if (since > now) throw new ApiError(400, 'invalid_request', 'since must not be in the future');
    if (since < now - OVERVIEW_MAX_MS) throw new ApiError(400, 'invalid_request', 'since must be within the last day');
    const meetings: OverviewCountsAnswer['meetings'] = {};
    for (const state of live.list(new Set(['live', 'stale']), { visibleTo: accountFilter(c.get('principal')) })) {
      meetings[state.meeting.uuid] = history.countsSince(state.meeting.uuid, since);
    }
    return c.json({ since, meetings } satisfies Answer<'GET /api/counts'>);
  });

  return app;
}
