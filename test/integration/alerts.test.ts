import { answerOf, errorOf } from '../support/api';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notFound, onError } from '../../server/http/errors';
import { alertRoutes } from '../../server/alerts/routes';
import { AlertSettingsStore } from '../../server/alerts/user-settings';
import type { Principal } from '../../server/auth/principal';
import { Scenario, type SimEvent } from '../../server/demo/simulator';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const MINUTE = 60_000;
const get = (path: string) => server.api(path);
const ack = (id: number | string) => server.api(`/api/alerts/${id}/ack`, { method: 'POST' });
const alertsOf = async (path: string) => (await answerOf('GET /api/alerts', await get(path))).alerts;

async function deliver(events: SimEvent[]): Promise<void> {
  for (const { body } of events) {
    const response = await server.post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'accepted' });
  }
}

describe('alerts over HTTP, from signed webhooks', () => {
  const t = Date.now() - 5 * MINUTE;
  const story = new Scenario({ seed: 101, start: t, exactTimes: true });
  const weekly = story.meeting({ topic: 'Weekly sync / 주간 회의' });
  const townHall = story.meeting({ topic: 'Town hall 🎤' });
  const raid = {
    post_platform: 'Facebook',
    social_link: 'https://www.facebook.com/groups/raiders/posts/8812',
    post_time: new Date(t).toISOString(),
    post_user: 'Raid Crew',
    recommended_enable_settings: ['enableWaitingRoom'],
    recommended_disable_settings: ['enableScreenShare'],
  };

  beforeAll(async () => {
    story.waitUntil(t + MINUTE);
    weekly.alert(['Unstable video quality', 'Call Reconnection']);
    story.waitUntil(t + 2 * MINUTE);
    weekly.alert(['Unstable video quality']);
    story.waitUntil(t + 3 * MINUTE);
    townHall.riskAlert(raid);
    await deliver(story.take());
  });

  it('lists open and acknowledged alerts by default, newest first, with their meeting', async () => {
    const alerts = await alertsOf('/api/alerts');
    expect(alerts.map((a) => [a.meetingTopic, a.kind, a.subject, a.count]).sort()).toEqual([
      ['Town hall 🎤', 'at_risk_meeting', 'https://www.facebook.com/groups/raiders/posts/8812', 1],
      ['Weekly sync / 주간 회의', 'quality_issue', 'Call Reconnection', 1],
      ['Weekly sync / 주간 회의', 'quality_issue', 'Unstable video quality', 2],
    ]);
    const seen = alerts.map((a) => a.lastSeenAt);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(alerts[0]!.kind).toBe('at_risk_meeting');
  });

  it('filters by meeting (URL-encoded uuid) and status, and limits', async () => {
    const mine = await alertsOf(`/api/alerts?meeting=${encodeURIComponent(weekly.facts.uuid)}`);
    expect(mine.map((a) => a.meetingUuid)).toEqual([weekly.facts.uuid, weekly.facts.uuid]);
    expect(await alertsOf('/api/alerts?status=resolved')).toEqual([]);
    expect(await alertsOf('/api/alerts?status=open,acknowledged&limit=1')).toHaveLength(1);
  });

  it('refuses a bad status or limit with a JSON 400', async () => {
    for (const query of ['status=closed', 'limit=0', 'limit=lots', 'limit=5000']) {
      const response = await get(`/api/alerts?${query}`);
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(/status|limit/);
    }
  });

  it('acknowledges idempotently, answers 404 for unknown ids and 400 for ids that are not numbers', async () => {
    const [risk] = await alertsOf(`/api/alerts?meeting=${encodeURIComponent(townHall.facts.uuid)}`);
    const first = await ack(risk!.id);
    expect(first.status).toBe(200);
    const acknowledged = await answerOf('POST /api/alerts/:id/ack', first);
    expect(acknowledged).toMatchObject({ id: risk!.id, status: 'acknowledged', acknowledgedBy: 'admin' });
    const second = await ack(risk!.id);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(acknowledged);

    const unknown = await ack(risk!.id + 1000);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'alert_not_found' } });
    expect((await ack('abc')).status).toBe(400);
  });

  it('resolves a meeting’s alerts when it ends, refuses to acknowledge them then, and keeps the timeline', async () => {
    story.waitUntil(Date.now());
    weekly.end();
    await deliver(story.take());
    const resolved = await alertsOf(`/api/alerts?status=resolved&meeting=${encodeURIComponent(weekly.facts.uuid)}`);
    expect(resolved.map((a) => [a.subject, a.resolvedReason]).sort()).toEqual([
      ['Call Reconnection', 'meeting_ended'],
      ['Unstable video quality', 'meeting_ended'],
    ]);
    const refused = await ack(resolved[0]!.id);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'alert_resolved' } });
    const transitions = server.application.alerts
      .transitions(weekly.facts.uuid)
      .map((x) => `${x.title}: ${x.transition}`);
    expect(transitions).toEqual([
      'Unstable video quality: opened',
      'Call Reconnection: opened',
      'Unstable video quality: repeated',
      'Unstable video quality: resolved',
      'Call Reconnection: resolved',
    ]);
  });

  it('keeps an acknowledgement across a restart on the same database', async () => {
    const before = await alertsOf('/api/alerts?status=acknowledged');
    expect(before).toHaveLength(1);
    const dir = server.dir;
    await server.stop();
    server = await startTestServer({ dir });
    const after = await alertsOf('/api/alerts?status=acknowledged');
    expect(after).toEqual(before);
    // and the restarted service still counts repeats on it rather than opening another
    story.waitUntil(Date.now());
    townHall.riskAlert({ post_platform: 'Facebook', social_link: before[0]!.subject });
    await deliver(story.take());
    expect(await alertsOf('/api/alerts?status=open,acknowledged')).toMatchObject([
      { id: before[0]!.id, status: 'acknowledged', count: 2 },
    ]);
  });
});

describe('alerts and the signed-in principal', () => {
  /** The alert routes behind a stand-in for the auth middleware, on the running server's service. */
  function asPrincipal(principal: Principal) {
    const app = new Hono<{ Variables: { principal: Principal } }>();
    app.onError(onError);
    app.notFound(notFound);
    app.use(async (c, next) => {
      c.set('principal', principal);
      await next();
    });
    app.route(
      '/api',
      alertRoutes(server.application.alerts, server.application.audit, new AlertSettingsStore(server.db, Date.now)),
    );
    return app;
  }

  it('shows only the alerts of the accounts a user may see, hides the others (404) and records who acknowledged', async () => {
    // a meeting in each of two Zoom accounts, with the same alert
    const story = new Scenario({ seed: 111, start: Date.now(), exactTimes: true });
    const [emea, apac] = story.world.accounts.map((account) => account.id);
    const mine = story.meeting({ account: 0 });
    const theirs = story.meeting({ account: 1 });
    mine.alert(['High CPU occupation']);
    theirs.alert(['High CPU occupation']);
    await deliver(story.take());
    const ana = asPrincipal({ username: 'ana.lima', accountIds: [emea!], role: 'operator' });
    const listed = (await answerOf('GET /api/alerts', await ana.request('/api/alerts'))).alerts;
    expect(listed.map((a) => a.accountId)).toEqual([emea]);

    const [hidden] = await alertsOf(`/api/alerts?meeting=${encodeURIComponent(theirs.facts.uuid)}`);
    expect(hidden!.accountId).toBe(apac);
    const refused = await ana.request(`/api/alerts/${hidden!.id}/ack`, { method: 'POST' });
    expect(refused.status).toBe(404);
    expect((await alertsOf(`/api/alerts?meeting=${encodeURIComponent(theirs.facts.uuid)}`))[0]!.status).toBe('open');

    const done = await ana.request(`/api/alerts/${listed[0]!.id}/ack`, { method: 'POST' });
    expect(await done.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ana.lima' });
    const nobody = asPrincipal({ username: 'ken', accountIds: [], role: 'viewer' });
    expect((await answerOf('GET /api/alerts', await nobody.request('/api/alerts'))).alerts).toEqual([]);
  });
});
