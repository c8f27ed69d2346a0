import { describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelinePage } from '../../../shared/timeline/entry';
import { urlOf, type Call, type Route } from '../../../shared/api/contract';
import type { ApiClient } from '../../../web/src/lib/api';
import { PAGE_SIZE, TimelineFeed } from '../../../web/src/lib/timeline-feed.svelte';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';

function entry(seq: number, at: string, sentence = `Event ${seq}`): TimelineEntry {
  return {
    id: `e${seq}`,
    source: 'zoom',
    type: 'meeting.participant_joined',
    category: 'participants',
    severity: 'info',
    at,
    meetingUuid: UUID,
    meetingTopic: 'Quarterly planning',
    sentence,
  };
}

/** Answers GET requests from a list of pages, and records the paths asked. */
function fakeApi(answer: (path: string) => TimelinePage) {
  const asked: string[] = [];
  const api = {
    get: async (path: string, call: Call<Route>) => {
      const url = urlOf(`GET ${path}` as Route, call);
      asked.push(url);
      return answer(url);
    },
  } as unknown as ApiClient;
  return { api, asked };
}

describe('timeline feed', () => {
  it('merges what is new on top without reloading what is shown', async () => {
    let newest: TimelinePage = {
      entries: [entry(2, '2026-11-24T09:02:00Z'), entry(1, '2026-11-24T09:01:00Z')],
      nextCursor: 'c1',
    };
    const { api, asked } = fakeApi(() => newest);
    const feed = new TimelineFeed(api, { path: '/api/meetings/:uuid/events', uuid: UUID });
    await feed.refresh();
    expect(feed.entries.map((e) => e.id)).toEqual(['e2', 'e1']);
    // a late delivery lands where it happened, not on top
    newest = {
      entries: [entry(4, '2026-11-24T09:04:00Z'), entry(3, '2026-11-24T09:01:30Z'), entry(2, '2026-11-24T09:02:00Z')],
      nextCursor: 'c2',
    };
    await feed.refresh();
    expect(feed.entries.map((e) => e.id)).toEqual(['e4', 'e2', 'e3', 'e1']);
    // the older pages already loaded stay reachable from the first cursor
    expect(feed.nextCursor).toBe('c1');
    expect(asked[0]).toBe(`/api/meetings/${encodeURIComponent(UUID)}/events?limit=${PAGE_SIZE}`);
  });

  it('starts over when more happened than a page holds', async () => {
    let page: TimelinePage = { entries: [entry(1, '2026-11-24T09:01:00Z')], nextCursor: null };
    const { api } = fakeApi(() => page);
    const feed = new TimelineFeed(api, { path: '/api/events', query: { type: 'recording' } });
    await feed.refresh();
    page = { entries: [entry(90, '2026-11-24T10:00:00Z'), entry(89, '2026-11-24T09:59:00Z')], nextCursor: 'c89' };
    await feed.refresh();
    expect(feed.entries.map((e) => e.id)).toEqual(['e90', 'e89']);
    expect(feed.nextCursor).toBe('c89');
  });

  it('appends older pages by cursor', async () => {
    const { api, asked } = fakeApi((path) =>
      path.includes('cursor=')
        ? { entries: [entry(1, '2026-11-24T09:01:00Z')], nextCursor: null }
        : { entries: [entry(2, '2026-11-24T09:02:00Z')], nextCursor: 'e2/x+y' },
    );
    const feed = new TimelineFeed(api, { path: '/api/events', query: { type: 'recording' } });
    await feed.refresh();
    await feed.more();
    expect(feed.entries.map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(feed.nextCursor).toBeNull();
    expect(asked[1]).toBe(`/api/events?type=recording&limit=${PAGE_SIZE}&cursor=e2%2Fx%2By`);
  });

  it('runs refreshes asked while one is on its way once more, not once each', async () => {
    const { api, asked } = fakeApi(() => ({ entries: [], nextCursor: null }));
    const feed = new TimelineFeed(api, { path: '/api/events' });
    await Promise.all([feed.refresh(), feed.refresh(), feed.refresh()]);
    expect(asked).toHaveLength(2);
  });

  it('says why it could not load', async () => {
    const api = {
      get: async () => Promise.reject(new Error('Roomwatch could not be reached.')),
    } as unknown as ApiClient;
    const feed = new TimelineFeed(api, { path: '/api/events' });
    await feed.refresh();
    expect(feed.error).toBe('Roomwatch could not be reached.');
    expect(feed.loaded).toBe(false);
  });
});
