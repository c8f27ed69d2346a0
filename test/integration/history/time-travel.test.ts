import { answerOf, errorOf, getAnswer } from '../../support/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountPoint } from '../../../shared/history';
import type { MeetingDetail } from '../../../shared/state';
import { Traffic, type ZoomBody } from '../../../server/demo/simulator';
import { classify } from '../../../server/events/validate';
import { ReducerHarness } from '../../support/reducer-harness';
import { rng } from '../../support/realistic-events';
import { startTestServer, type TestServer } from '../../support/server';

/** A checkpoint every few events, so that a short story crosses many of them. */
const CHECKPOINT_EVENTS = 7;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let stories = 0;

/** One meeting's story, in the order things happened; each call's meeting is a new instance. */
function story(seed: number, events: number): ZoomBody[] {
  const traffic = new Traffic({ seed, meetings: 1, webinars: 0, breakoutEvents: 0.5 });
  const stream = traffic.take(events);
  traffic.end();
  stream.push(...traffic.flush());
  const bodies = stream.map((e) => e.body).filter((b) => b.payload.object.uuid === stream[0]!.body.payload.object.uuid);
  const uuid = JSON.stringify(bodies[0]!.payload.object.uuid);
  const instance = JSON.stringify(`story-${++stories}-${seed}==`);
  return bodies
    .map((body) => JSON.parse(JSON.stringify(body).replaceAll(uuid, instance)) as ZoomBody)
    .sort((a, b) => a.event_ts - b.event_ts);
}

interface Moment {
  ts: number;
  detail: MeetingDetail;
}

/** The live detail after each moment of the story delivered in order (events of one time together). */
function liveMoments(bodies: readonly ZoomBody[], uuid: string): Moment[] {
  const harness = new ReducerHarness();
  const moments: Moment[] = [];
  bodies.forEach((body, i) => {
    harness.apply(body);
    if (bodies[i + 1]?.event_ts !== body.event_ts && harness.states.has(uuid))
      moments.push({ ts: body.event_ts, detail: harness.detail(uuid) });
  });
  return moments;
}

function countsAt(points: readonly CountPoint[], ts: number) {
  const point = points.filter((p) => p[0] <= ts).at(-1);
  return point ? { main: point[1], breakout: point[2], waiting: point[3] } : undefined;
}

describe('the past of a meeting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ checkpointEvents: CHECKPOINT_EVENTS });
  });
  afterAll(() => server.close());

  /** stores the bodies in this order, as deliveries of one moment (one transaction) */
  const store = async (bodies: readonly ZoomBody[]) => {
    await Promise.all(
      bodies.map((body) => {
        const raw = new TextEncoder().encode(JSON.stringify(body));
        const classified = classify(raw);
        if (classified.kind === 'url_validation') throw new Error('not an event');
        return server.application.ingest.submit(classified, raw);
      }),
    );
  };
  const stateResponse = (uuid: string, ts: number) =>
    server.api(`/api/meetings/${encodeURIComponent(uuid)}/state?at=${new Date(ts).toISOString()}`);
  const stateAt = async (uuid: string, ts: number) => {
    const response = await stateResponse(uuid, ts);
    expect(response.status).toBe(200);
    return answerOf('GET /api/meetings/:uuid/state', response);
  };
  const counts = async (uuid: string) =>
    (await getAnswer(server.api, 'GET /api/meetings/:uuid/counts', { params: { uuid } })).points;

  it('the state at the time of each event equals the live state after it, whatever the delivery order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 30, max: 160 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (storySeed, events, deliverySeed) => {
          const bodies = story(storySeed, events);
          const uuid = bodies[0]!.payload.object.uuid as string;
          const moments = liveMoments(bodies, uuid);
          const delivery = shuffled(bodies, deliverySeed);
          // looking into the past halfway writes checkpoints that the late events then invalidate
          const half = Math.floor(delivery.length / 2);
          await store(delivery.slice(0, half));
          // (moments before the first event delivered so far answer 400)
          for (const { ts } of moments.filter((_, i) => i % 5 === 0)) await stateResponse(uuid, ts);
          // and the curve, which the rest of the deliveries extend or, coming late, make replay
          await counts(uuid);
          await store(delivery.slice(half));
          for (const { ts, detail } of moments) expect(await stateAt(uuid, ts)).toEqual(detail);
          const points = await counts(uuid);
          for (const { ts, detail } of moments) expect(countsAt(points, ts)).toEqual(detail.counts);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);

  it('keeps the curve of a running meeting in step as its events come, in order or late', async () => {
    const bodies = story(99, 120).filter((b) => b.event !== 'meeting.ended');
    const uuid = bodies[0]!.payload.object.uuid as string;
    const late = bodies.filter((_, i) => i > 10 && i % 17 === 3);
    const inOrder = bodies.filter((b) => !late.includes(b));
    await store(inOrder.slice(0, 10));
    await counts(uuid);
    for (const body of inOrder.slice(10)) await store([body]);
    let points = await counts(uuid);
    for (const { ts, detail } of liveMoments(inOrder, uuid)) expect(countsAt(points, ts)).toEqual(detail.counts);
    for (const body of late) await store([body]);
    points = await counts(uuid);
    for (const { ts, detail } of liveMoments(bodies, uuid)) expect(countsAt(points, ts)).toEqual(detail.counts);
  });

  it('rebuilds missing and corrupt checkpoints from the log, and answers the same', async () => {
    const bodies = story(4242, 200);
    const uuid = bodies[0]!.payload.object.uuid as string;
    await store(bodies);
    const moments = liveMoments(bodies, uuid);
    const before = await counts(uuid);
    const sqlite = server.db.$client;
    const checkpoints = () =>
      sqlite.prepare('SELECT at FROM checkpoints WHERE meeting_uuid = ? ORDER BY at').all(uuid) as { at: number }[];
    const written = checkpoints();
    expect(written.length).toBeGreaterThan(5);

    // one lost in the middle, one with unreadable state, one with unreadable counts
    const [a, b, c] = [written[1]!.at, written[3]!.at, written.at(-2)!.at];
    sqlite.prepare('DELETE FROM checkpoints WHERE meeting_uuid = ? AND at = ?').run(uuid, a);
    sqlite.prepare(`UPDATE checkpoints SET state = x'00ff00' WHERE meeting_uuid = ? AND at = ?`).run(uuid, b);
    sqlite.prepare(`UPDATE checkpoints SET points = '[[1,2' WHERE meeting_uuid = ? AND at = ?`).run(uuid, c);
    expect(await counts(uuid)).toEqual(before);
    for (const { ts, detail } of moments) expect(await stateAt(uuid, ts)).toEqual(detail);
    expect(checkpoints()).toEqual(written);

    sqlite.prepare('DELETE FROM checkpoints').run();
    for (const { ts, detail } of moments.slice(-3)) expect(await stateAt(uuid, ts)).toEqual(detail);
    expect(await counts(uuid)).toEqual(before);
    expect(checkpoints()).toEqual(written);
  });

  it('answers clear errors for a bad time, and nothing of meetings the user may not see', async () => {
    // still running (stale, by now), so that the overview's counts hold it
    const bodies = story(77, 40).filter((b) => b.event !== 'meeting.ended');
    const uuid = bodies[0]!.payload.object.uuid as string;
    await store(bodies);
    const path = `/api/meetings/${encodeURIComponent(uuid)}`;
    const error = async (response: Response) => {
      expect(response.status).toBe(400);
      return (await errorOf(response)).message;
    };
    expect(await error(await server.api(`${path}/state`))).toMatch(/^at: /);
    expect(await error(await server.api(`${path}/state?at=yesterday`))).toMatch(/at must be an ISO 8601 date-time/);
    expect(await error(await server.api(`${path}/state?at=2999-01-01T00:00:00Z`))).toMatch(/future/);
    const early = new Date(bodies[0]!.event_ts - 1).toISOString();
    expect(await error(await server.api(`${path}/state?at=${early}`))).toMatch(/before the meeting's first event/);
    expect(await error(await server.api('/api/counts?since=2000-01-01T00:00:00Z'))).toMatch(/within the last day/);
    expect((await server.api(`/api/meetings/nope/state?at=${early}`)).status).toBe(404);

    await server.application.auth.users.add('other', 'other-correct-horse', ['SomeOtherAccount']);
    const cookie = await server.login('other', 'other-correct-horse');
    const at = new Date(bodies.at(-1)!.event_ts).toISOString();
    for (const hidden of [`${path}/state?at=${at}`, `${path}/counts`]) {
      expect((await fetch(`${server.url}${hidden}`, { headers: { cookie } })).status).toBe(404);
    }
    const overview = await answerOf(
      'GET /api/counts',
      await fetch(`${server.url}/api/counts`, { headers: { cookie } }),
    );
    expect(overview.meetings[uuid]).toBeUndefined();
    const mine = await getAnswer(server.api, 'GET /api/counts');
    expect(mine.meetings[uuid]).toEqual([expect.any(Array)]);
  });
});
