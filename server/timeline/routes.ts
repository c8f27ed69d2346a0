import type { Answer } from '../../shared/api/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import { timelineCategories, type TimelineCategory } from '../../shared/timeline/categories';
import type { AuthEnv } from '../auth/auth';
import { ApiError } from '../http/errors';
import { meetingUuidParam } from '../http/params';
import { isoTimeParam, wholeNumberParam } from '../http/query';
import { decodeCursor, type Timeline, type TimelineQuery } from './timeline';

const CATEGORY_IDS = new Set<string>(timelineCategories.map((c) => c.id));
const EVENT_NAME = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

const limit = wholeNumberParam('limit', 500).default(100);

const cursor = z
  .string()
  .transform((text, ctx) => {
    const decoded = decodeCursor(text);
    if (!decoded) ctx.addIssue({ code: 'custom', message: 'cursor is not one this server handed out' });
    return decoded ?? undefined;
  })
  .optional();

const types = z
  .string()
  .transform((text, ctx) => {
    const categories = new Set<TimelineCategory>();
    const names = new Set<string>();
    for (const token of text.split(',').map((t) => t.trim())) {
      if (CATEGORY_IDS.has(token)) categories.add(token as TimelineCategory);
      else if (EVENT_NAME.test(token)) names.add(token);
      else
        ctx.addIssue({
          code: 'custom',
          message: `type "${token}" is neither a category (${[...CATEGORY_IDS].join(', ')}) nor an event name`,
        });
    }
    return { categories, names };
  })
  .optional();

const since = isoTimeParam('since').optional();

const meetingPageQuery = z.object({ limit, cursor });
const globalQuery = z.object({ limit, cursor, type: types, since, meeting: z.string().min(1).optional() });

export function timelineRoutes(timeline: Timeline): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/meetings/:uuid/events', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    const q = meetingPageQuery.parse(c.req.query());
    const query: TimelineQuery = {
      meetingUuid: uuid,
      accountIds: c.get('principal').accountIds,
      limit: q.limit,
      cursor: q.cursor,
    };
    const page = timeline.page(query);
    if (page.entries.length === 0 && !q.cursor && !timeline.knows(uuid, query.accountIds)) {
      throw new ApiError(404, 'meeting_not_found', `no meeting with uuid ${uuid}`);
    }
    return c.json(page satisfies Answer<'GET /api/meetings/:uuid/events'>);
  });

  app.get('/events', (c) => {
    const q = globalQuery.parse(c.req.query());
    return c.json(
      timeline.page({
        meetingUuid: q.meeting === undefined ? undefined : meetingUuidParam(q.meeting),
        accountIds: c.get('principal').accountIds,
        types: q.type,
        since: q.since,
        cursor: q.cursor,
        limit: q.limit,
      }) satisfies Answer<'GET /api/events'>,
    );
  });

  return app;
}
