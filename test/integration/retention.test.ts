import { answerOf, getAnswer } from '../support/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { PruneReport } from '../../server/retention/retention';
import { FakeClock } from '../support/fake-clock';
import { meetingEvent } from '../support/meetings';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server';

const DAY = 86_400_000;
const HOUR = 3_600_000;

let server: TestServer;
afterEach(() => server.close());

async function start(clock: FakeClock, options: TestServerOptions = {}) {
  server = await startTestServer({ clock, ...options });
  const post = async (body: unknown) => {
    const response = await server.post(body, { timestampSec: Math.floor(clock.now() / 1000) });
    return (await answerOf('POST /webhooks/zoom', response)).status;
  };
  const at = () => new Date(clock.now());
  const count = (table: string, where = '1', ...params: unknown[]) =>
    (server.db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;
  return { post, at, count };
}

/** started, someone joins and shares, and optionally ended: rows in meetings, participants and shares */
function meetingLife(uuid: string, accountId: string, at: Date, ended: boolean) {
  const events = [
    meetingEvent('meeting.started', { uuid, accountId, at, seed: 1 }),
    meetingEvent('meeting.participant_joined', { uuid, accountId, at, seed: 2, name: 'Priya Raman' }),
    meetingEvent('meeting.sharing_started', { uuid, accountId, at, seed: 3, name: 'Priya Raman' }),
  ];
  if (ended) events.push(meetingEvent('meeting.ended', { uuid, accountId, at, seed: 4 }));
  return events;
}

describe('retention', () => {
  it('prunes ended and long-stale meetings with all their rows and events, keeping what is younger', async () => {
    const clock = new FakeClock();
    const { post, at, count } = await start(clock, { checkpointEvents: 1 });
    const pruned: PruneReport[] = [];
    server.application.retention.onPruned((report) => pruned.push(report));

    const endedLongAgo = 'QWxsRW5kZWRMb25nQWdvMQ==';
    const abandoned = 'TmV2ZXJFbmRlZFN0YWxlMg==';
    const endedRecently = 'U3RhcnRlZE9sZEVuZGVkTmV3';
    for (const body of [
      ...meetingLife(endedLongAgo, 'acc-1', at(), true),
      ...meetingLife(abandoned, 'acc-1', at(), false),
      ...meetingLife(endedRecently, 'acc-2', at(), false),
    ]) {
      expect(await post(body)).toBe('accepted');
    }
    const aboutNoMeeting = {
      event: 'account.settings_updated',
      event_ts: clock.now(),
      payload: { account_id: 'acc-1' },
    };
    expect(await post(aboutNoMeeting)).toBe('accepted');
    expect(await post('{"event": "meeting.started", "payload": ')).toBe('quarantined');
    // looking at their history writes their checkpoints
    for (const uuid of [endedLongAgo, abandoned, endedRecently]) {
      server.application.history.counts(uuid);
      expect(count('checkpoints', 'meeting_uuid = ?', uuid)).toBeGreaterThan(0);
    }

    clock.advance(29 * DAY);
    expect(
      await post(meetingEvent('meeting.ended', { uuid: endedRecently, accountId: 'acc-2', at: at(), seed: 9 })),
    ).toBe('accepted');
    expect(await post('{"event": "meeting.ended", "payload": ')).toBe('quarantined');
    const endedRecentlyEvents = count('events', 'meeting_uuid = ?', endedRecently);
    expect(endedRecentlyEvents).toBe(4);

    clock.advance(2 * DAY);

    for (const uuid of [endedLongAgo, abandoned]) {
      expect(count('meetings', 'uuid = ?', uuid)).toBe(0);
      expect(count('participants', 'meeting_uuid = ?', uuid)).toBe(0);
      expect(count('shares', 'meeting_uuid = ?', uuid)).toBe(0);
      expect(count('events', 'meeting_uuid = ?', uuid)).toBe(0);
      expect(count('checkpoints', 'meeting_uuid = ?', uuid)).toBe(0);
      expect([...server.application.live.inMemory()].map((s) => s.meeting.uuid)).not.toContain(uuid);
      expect((await server.api(`/api/meetings/${encodeURIComponent(uuid)}`)).status).toBe(404);
    }
    // a meeting is kept whole while any of its events is younger than the retention age
    expect(count('meetings', 'uuid = ?', endedRecently)).toBe(1);
    expect(count('participants', 'meeting_uuid = ?', endedRecently)).toBe(1);
    expect(count('events', 'meeting_uuid = ?', endedRecently)).toBe(endedRecentlyEvents);
    expect(count('checkpoints', 'meeting_uuid = ?', endedRecently)).toBeGreaterThan(0);
    expect(count('events', 'meeting_uuid IS NULL')).toBe(0);
    expect(count('quarantine')).toBe(1);
    expect(pruned.flatMap((r) => r.meetingUuids).sort()).toEqual([endedLongAgo, abandoned].sort());

    const list = await getAnswer(server.api, 'GET /api/meetings', { query: { status: 'live,stale,ended' } });
    expect(list.meetings.map((m) => m.uuid)).toEqual([endedRecently]);
  });

  it('never prunes a live meeting, even when all its events are older than the retention age', async () => {
    const clock = new FakeClock();
    const { post, at, count } = await start(clock, { retentionMs: HOUR, staleAfterMs: 6 * HOUR });
    const running = 'U3RpbGxSdW5uaW5nTWVldGlu';
    for (const body of meetingLife(running, 'acc-1', at(), false)) expect(await post(body)).toBe('accepted');

    clock.advance(5 * HOUR);
    expect(count('meetings', 'uuid = ?', running)).toBe(1);
    expect(count('events', 'meeting_uuid = ?', running)).toBe(3);
    const detail = await getAnswer(server.api, 'GET /api/meetings/:uuid', { params: { uuid: running } });
    expect(detail).toMatchObject({ status: 'live' });
    expect(detail.participants).toHaveLength(1);

    // stale once Zoom has been silent for 6 hours; then it goes at the next hourly run
    clock.advance(2 * HOUR);
    expect(count('meetings', 'uuid = ?', running)).toBe(0);
    expect(count('events')).toBe(0);
  });

  it('prunes at start-up too, and keeps the retention age configurable', async () => {
    const clock = new FakeClock();
    const { post, at } = await start(clock, { retentionMs: 2 * DAY });
    const old = 'T2xkQXRTdGFydHVwTWVldGlu';
    for (const body of meetingLife(old, 'acc-1', at(), true)) expect(await post(body)).toBe('accepted');
    const { dir } = server;
    await server.stop();

    clock.advance(3 * DAY);
    server = await startTestServer({ clock, dir, retentionMs: 2 * DAY });
    const rows = server.db.$client.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    expect(rows.n).toBe(0);
  });

  it('keeps an ended meeting in memory for an hour, then only in SQLite, where reads still find it', async () => {
    const clock = new FakeClock();
    const { post, at } = await start(clock);
    const ended = 'RW5kZWRBbmRFdmljdGVkTWVl';
    const running = 'U3RpbGxSdW5uaW5nQWdhaW4x';
    for (const body of [...meetingLife(ended, 'acc-1', at(), true), ...meetingLife(running, 'acc-1', at(), false)]) {
      expect(await post(body)).toBe('accepted');
    }
    const inMemory = () => [...server.application.live.inMemory()].map((s) => s.meeting.uuid).sort();
    expect(inMemory()).toEqual([ended, running].sort());
    const before = await (await server.api(`/api/meetings/${encodeURIComponent(ended)}`)).json();

    clock.advance(2 * HOUR);
    expect(inMemory()).toEqual([running]);
    expect(await (await server.api(`/api/meetings/${encodeURIComponent(ended)}`)).json()).toEqual(before);
    // a late leave still finds it, and never reopens it
    expect(
      await post(
        meetingEvent('meeting.participant_left', {
          uuid: ended,
          accountId: 'acc-1',
          at: at(),
          seed: 7,
          name: 'Priya Raman',
        }),
      ),
    ).toBe('accepted');
    expect(await (await server.api(`/api/meetings/${encodeURIComponent(ended)}`)).json()).toMatchObject({
      status: 'ended',
      participants: [],
    });
  });
});
