import { answerOf, getAnswer } from '../support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../server/demo/simulator';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const MINUTE = 60_000;
const t = Date.now() - 5 * MINUTE;
const story = new Scenario({ seed: 121, start: t, exactTimes: true });
const weekly = story.meeting({ topic: 'Weekly sync' });
const other = story.meeting({ topic: 'Town hall' });

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const alertsOf = async (uuid: string) =>
  (await getAnswer(server.api, 'GET /api/alerts', { query: { meeting: uuid } })).alerts;
const timelineOf = async (uuid: string) =>
  (await getAnswer(server.api, 'GET /api/meetings/:uuid/events', { params: { uuid } })).entries.map((e) => e.sentence);

beforeAll(async () => {
  server = await startTestServer();
  story.waitUntil(t + MINUTE);
  weekly.alert(['Unstable video quality', 'High CPU occupation']);
  other.alert(['Unstable video quality']);
  for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
});
afterAll(() => server?.close());

describe('acknowledging with a note', () => {
  it('keeps the note on the alert and in the timeline, with who', async () => {
    const [alert] = await alertsOf(other.facts.uuid);
    const response = await server.api(`/api/alerts/${alert!.id}/ack`, json({ note: '  host restarted the router ' }));
    expect(await response.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'admin',
      acknowledgedNote: 'host restarted the router',
    });
    expect(await timelineOf(other.facts.uuid)).toContain(
      'Alert acknowledged by admin: Unstable video quality (“host restarted the router”)',
    );
  });

  it('refuses a note that is too long or not text, and changes nothing', async () => {
    const [, second] = await alertsOf(weekly.facts.uuid);
    for (const body of [{ note: 'x'.repeat(501) }, { note: 42 }, { comment: 'hi' }]) {
      expect((await server.api(`/api/alerts/${second!.id}/ack`, json(body))).status).toBe(400);
    }
    expect((await alertsOf(weekly.facts.uuid)).every((a) => a.status === 'open')).toBe(true);
  });
});

describe('snoozing one kind of alert for one meeting', () => {
  it('marks every alert of that kind in that meeting, and says who and until when in the timeline', async () => {
    const [first] = await alertsOf(weekly.facts.uuid);
    const before = Date.now();
    const response = await server.api(`/api/alerts/${first!.id}/snooze`, json({ minutes: 30 }));
    expect(response.status).toBe(200);
    const snoozed = await answerOf('POST /api/alerts/:id/snooze', response);
    expect(snoozed.snooze).toMatchObject({ by: 'admin' });
    const until = Date.parse(snoozed.snooze!.until!);
    expect(until).toBeGreaterThanOrEqual(before + 30 * MINUTE);
    expect(until).toBeLessThanOrEqual(Date.now() + 30 * MINUTE);
    expect((await alertsOf(weekly.facts.uuid)).map((a) => a.snooze?.by)).toEqual(['admin', 'admin']);
    // the other meeting's alert of the same kind is not snoozed
    expect((await alertsOf(other.facts.uuid)).map((a) => a.snooze)).toEqual([null]);
    const hhmm = new Date(until).toISOString().slice(11, 16);
    expect(await timelineOf(weekly.facts.uuid)).toContain(
      `Alerts snoozed by admin until ${hhmm} UTC: Quality issues reported by Zoom`,
    );
  });

  it('snoozes until the meeting ends, and new alerts of the kind carry the snooze', async () => {
    const [first] = await alertsOf(weekly.facts.uuid);
    const response = await server.api(`/api/alerts/${first!.id}/snooze`, json({ untilMeetingEnds: true }));
    expect((await answerOf('POST /api/alerts/:id/snooze', response)).snooze).toMatchObject({
      by: 'admin',
      until: null,
    });
    story.waitUntil(t + 2 * MINUTE);
    weekly.alert(['Unstable audio quality']);
    for (const { body } of story.take()) expect((await server.post(body)).status).toBe(200);
    const audio = (await alertsOf(weekly.facts.uuid)).find((a) => a.subject === 'Unstable audio quality');
    expect(audio!.snooze).toMatchObject({ by: 'admin', until: null });
    expect(await timelineOf(weekly.facts.uuid)).toContain(
      'Alerts snoozed by admin until the meeting ends: Quality issues reported by Zoom',
    );
  });

  it('refuses a bad duration (400) and an unknown alert (404)', async () => {
    const [first] = await alertsOf(other.facts.uuid);
    for (const body of [{ minutes: 0 }, { minutes: 1441 }, { minutes: 2.5 }, { untilMeetingEnds: false }, {}]) {
      expect((await server.api(`/api/alerts/${first!.id}/snooze`, json(body))).status).toBe(400);
    }
    expect((await server.api('/api/alerts/99999/snooze', json({ minutes: 10 }))).status).toBe(404);
    expect((await alertsOf(other.facts.uuid)).map((a) => a.snooze)).toEqual([null]);
  });
});
