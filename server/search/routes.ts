import type { Answer } from '../../shared/api/contract';
import { Hono } from 'hono';
import {
  SEARCH_LIMIT,
  foldForSearch,
  matchRank,
  searchQuerySchema,
  type SearchHit,
  type SearchResult,
} from '../../shared/search';
import type { MeetingSummary } from '../../shared/state';
import type { AuthEnv } from '../auth/auth';
import { canSeeAccount, type Principal } from '../auth/principal';
import type { LiveState } from '../state/live-state';
import { participantView, roomLabels, summaryView } from '../state/views';

/**
 * Everyone present in a live or stale meeting whose name or email contains the query, best matches
 * first. It runs here rather than in the browser because the dashboard holds participants only of
 * the meeting it shows (a socket subscribes to at most 20), while live state has all of them in memory.
 */
export function searchLive(live: LiveState, principal: Principal, query: string): SearchResult {
  const folded = foldForSearch(query);
  const found: { rank: number; hit: SearchHit }[] = [];
  for (const state of live.inMemory()) {
    const status = live.status(state.meeting);
    if (status === 'ended' || !canSeeAccount(principal, state.meeting.accountId)) continue;
    let meeting: { summary: MeetingSummary; labels: Map<string, string> } | undefined;
    for (const record of state.participants.values()) {
      const participant = participantView(record);
      if (participant === null) continue;
      const rank = matchRank(folded, participant.name, participant.email);
      if (rank === null) continue;
      meeting ??= { summary: summaryView(state, status), labels: roomLabels(state.meeting) };
      const { summary, labels } = meeting;
      found.push({
        rank,
        hit: {
          meetingUuid: summary.uuid,
          meetingTopic: summary.topic,
          meetingId: summary.id,
          kind: summary.kind,
          status,
          participant,
          roomLabel: participant.breakoutRoomUuid === null ? null : (labels.get(participant.breakoutRoomUuid) ?? null),
        },
      });
    }
  }
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.hit.participant.name.localeCompare(b.hit.participant.name) ||
      a.hit.meetingTopic.localeCompare(b.hit.meetingTopic) ||
      (a.hit.participant.key < b.hit.participant.key ? -1 : 1),
  );
  return { hits: found.slice(0, SEARCH_LIMIT).map((f) => f.hit), truncated: found.length > SEARCH_LIMIT };
}

export function searchRoutes(live: LiveState): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/', (c) => {
    const { q } = searchQuerySchema.parse(c.req.query());
    return c.json(searchLive(live, c.get('principal'), q) satisfies Answer<'GET /api/search'>);
  });
  return app;
}
