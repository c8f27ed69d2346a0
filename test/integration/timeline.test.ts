import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelinePage } from '../../shared/timeline/entry';
import { answerOf, errorOf } from '../support/api';
import { FakeClock } from '../support/fake-clock';
import { MeetingScript } from '../support/meeting-script';
import { startTestServer, type TestServer } from '../support/server';

const UUID = '/abC+dEf/Gh9iJkLmN0pQ==';
const OTHER = 'tubFEWg9SAaVamwu6V0+kw==';
const ROOM = 'Kx2/bQ7sR5ycnpK0+Vh1Tg==';

let server: TestServer;
const script = new MeetingScript({ uuid: UUID, topic: 'Design review 디자인' });
const other = new MeetingScript({ uuid: OTHER, topic: 'Other team', accountId: 'OtherAccount0000000000' });

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(script.at(200)) });
  const ana = script.person('Ana Lima');
  const ken = script.person('Ken Watanabe');
  script.started(0);
  script.join(ana, 10);
  script.enterWaitingRoom(ken, 20);
  script.admit(ken, 80);
  script.moveToBreakout(ana, ROOM, 120);
  script.share(ken, true, 130, 'whiteboard');
  script.alert(['Unstable audio quality'], 140);
  other.started(5);
  other.join(other.person('이서연'), 15);
  // delivered out of order: the timeline still reads in the order things happened
  const bodies = [...script.events, ...other.events].reverse();
  for (const body of bodies) expect((await server.post(body)).status).toBe(200);
});
afterAll(() => server.close());

/** the route of a timeline path: a meeting's or everyone's (the same answer) */
const routeOf = (path: string) =>
  path.startsWith('/api/meetings/') ? 'GET /api/meetings/:uuid/events' : 'GET /api/events';
/** what `fetcher` gets at a timeline path that must answer */
const pageAt = async (fetcher: (path: string) => Promise<Response>, path: string) => {
  const response = await fetcher(path);
  return { status: response.status, body: await answerOf(routeOf(path), response) };
};
const get = (path: string) => pageAt(server.api, path);
/** what the server says to a timeline path it must refuse */
const refused = async (path: string) => {
  const response = await server.api(path);
  return { status: response.status, error: await errorOf(response) };
};
const enc = encodeURIComponent;

describe('GET /api/meetings/:uuid/events', () => {
  it('tells the meeting in words, newest first by when it happened, with alert steps', async () => {
    const { status, body } = await get(`/api/meetings/${enc(UUID)}/events`);
    expect(status).toBe(200);
    const sentences = body.entries.map((e) => e.sentence);
    expect(sentences).toEqual(
      expect.arrayContaining([
        'Ana Lima joined',
        'Ana Lima moved to breakout room 1',
        'Ken Watanabe started sharing a whiteboard',
        'Quality alert: unstable audio',
        expect.stringMatching(/^Alert: /),
      ]),
    );
    expect(sentences.some((s) => /admitted Ken Watanabe|Ken Watanabe was admitted/.test(s))).toBe(true);
    const times = body.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(body.entries.at(-1)).toMatchObject({
      type: 'meeting.started',
      category: 'meeting',
      source: 'zoom',
      meetingUuid: UUID,
      meetingTopic: 'Design review 디자인',
    });
    expect(body.entries.find((e) => e.type === 'meeting.alert')).toMatchObject({
      severity: 'warning',
      category: 'alerts',
    });
    expect(body.entries.every((e) => e.meetingUuid === UUID)).toBe(true);
    expect(body.nextCursor).toBeNull();
  });

  it('pages with a cursor through exactly the same entries', async () => {
    const all = (await get(`/api/meetings/${enc(UUID)}/events?limit=500`)).body.entries;
    const paged: TimelineEntry[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: TimelinePage } = await get(
        `/api/meetings/${enc(UUID)}/events?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(body.entries.length).toBeLessThanOrEqual(3);
      paged.push(...body.entries);
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
  });

  it('takes the uuid URL-encoded once or twice', async () => {
    const once = await get(`/api/meetings/${enc(UUID)}/events`);
    const twice = await get(`/api/meetings/${enc(enc(UUID))}/events`);
    expect(twice.body).toEqual(once.body);
  });

  it('answers 404 for a meeting it never saw, and 400 for bad parameters', async () => {
    expect((await refused(`/api/meetings/${enc('nope==')}/events`)).error.code).toBe('meeting_not_found');
    for (const query of ['limit=0', 'limit=501', 'limit=ten', 'cursor=garbage']) {
      const { status, error } = await refused(`/api/meetings/${enc(UUID)}/events?${query}`);
      expect(status, query).toBe(400);
      expect(error.code).toBe('invalid_request');
    }
  });
});

describe('GET /api/events', () => {
  it('lists every meeting, newest first', async () => {
    const { body } = await get('/api/events');
    expect(new Set(body.entries.map((e) => e.meetingUuid))).toEqual(new Set([UUID, OTHER]));
    expect(body.entries.find((e) => e.meetingUuid === OTHER)?.meetingTopic).toBe('Other team');
  });

  it('filters by category, event name, meeting and time', async () => {
    const breakout = (await get('/api/events?type=breakout_rooms')).body.entries;
    expect(breakout.map((e) => e.type)).toEqual(['meeting.participant_joined_breakout_room']);
    const joins = (await get('/api/events?type=meeting.participant_joined,waiting_room')).body.entries;
    expect(new Set(joins.map((e) => e.type))).toEqual(
      new Set([
        'meeting.participant_joined',
        'meeting.participant_joined_waiting_room',
        'meeting.participant_admitted',
        'meeting.participant_left_waiting_room',
      ]),
    );
    const alerts = (await get('/api/events?type=alerts')).body.entries;
    expect(alerts.filter((e) => e.source === 'zoom').map((e) => e.type)).toEqual(['meeting.alert']);
    // Ken sharing without being host or co-host, and Zoom's quality alert (delivered first)
    expect(alerts.filter((e) => e.source === 'alert').map((e) => e.sentence)).toEqual([
      'Alert: Ken Watanabe is sharing',
      'Alert: Unstable audio quality',
    ]);
    const theirs = (await get(`/api/events?meeting=${enc(OTHER)}`)).body.entries;
    expect(theirs.map((e) => e.sentence)).toEqual(['이서연 joined', expect.stringContaining('started')]);
    const since = new Date(script.at(125)).toISOString();
    const recent = (await get(`/api/events?since=${enc(since)}&type=sharing,alerts`)).body.entries;
    expect(recent.length).toBeGreaterThanOrEqual(3);
    expect(recent.every((e) => Date.parse(e.at) >= Date.parse(since))).toBe(true);
  });

  it('refuses unknown types, bad times and bad limits with a clear message', async () => {
    const bad = await refused('/api/events?type=participants,bogus');
    expect(bad.status).toBe(400);
    expect(bad.error.message).toContain('type "bogus"');
    expect((await refused('/api/events?since=yesterday')).error.message).toContain('since');
    expect((await refused('/api/events?limit=-1')).status).toBe(400);
  });

  it('shows a user limited to some accounts only their meetings, events and alert steps', async () => {
    await server.application.auth.users.add('other', 'other-correct-horse', ['OtherAccount0000000000']);
    const cookie = await server.login('other', 'other-correct-horse');
    const fetchAs = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } });
    const as = (path: string) => pageAt(fetchAs, path);
    const all = await as('/api/events?limit=500');
    expect(all.body.entries.length).toBeGreaterThan(0);
    expect(new Set(all.body.entries.map((e) => e.meetingUuid))).toEqual(new Set([OTHER]));
    expect((await as('/api/events?type=alerts')).body.entries).toEqual([]);
    expect((await as(`/api/events?meeting=${enc(UUID)}`)).body.entries).toEqual([]);
    expect((await fetchAs(`/api/meetings/${enc(UUID)}/events`)).status).toBe(404);
    expect((await as(`/api/meetings/${enc(OTHER)}/events`)).status).toBe(200);
  });
});
