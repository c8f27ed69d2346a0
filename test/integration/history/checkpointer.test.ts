import { afterEach, describe, expect, it } from 'vitest';
import { Scenario } from '../../../server/demo/simulator';
import { eventually } from '../../support/eventually';
import { FakeClock } from '../../support/fake-clock';
import { startTestServer, type TestServer } from '../../support/server';

let server: TestServer;
afterEach(() => server.close());

describe('checkpoints of running meetings', () => {
  it('are written every few seconds for meetings with enough new events, and dropped by a late event', async () => {
    const clock = new FakeClock();
    server = await startTestServer({ clock, checkpointEvents: 10 });
    const story = new Scenario({ seed: 5, start: clock.now() - 10 * 60_000, exactTimes: true });
    const meeting = story.meeting({ topic: 'Busy' });
    for (let i = 0; i < 30; i++) {
      meeting.join();
      story.wait(5_000);
    }
    const bodies = story.events().map((e) => e.body);
    const late = bodies.splice(5, 1)[0]!;
    for (const body of bodies) expect((await server.post(body)).status).toBe(200);
    const uuid = bodies[0]!.payload.object.uuid as string;
    const checkpoints = () =>
      (
        server.db.$client.prepare('SELECT at FROM checkpoints WHERE meeting_uuid = ? ORDER BY at').all(uuid) as {
          at: number;
        }[]
      ).map((row) => row.at);
    expect(checkpoints()).toEqual([]);

    clock.advance(10_000);
    const written = checkpoints();
    expect(written.length).toBeGreaterThanOrEqual(2);

    // an event of a time before them makes them wrong: they go with its transaction
    expect((await server.post(late)).status).toBe(200);
    expect(checkpoints()).toEqual(written.filter((at) => at < late.event_ts));
  });

  it('are as many events apart as a quarter of the records they hold, when that is more than the minimum', async () => {
    const clock = new FakeClock();
    server = await startTestServer({ clock, checkpointEvents: 2 });
    const story = new Scenario({ seed: 6, start: clock.now() - 60 * 60_000, exactTimes: true });
    const meeting = story.meeting({ topic: 'Growing' });
    for (let i = 0; i < 80; i++) {
      meeting.join();
      story.wait(5_000);
    }
    const bodies = story.events().map((e) => e.body);
    for (const body of bodies) expect((await server.post(body)).status).toBe(200);
    const uuid = bodies[0]!.payload.object.uuid as string;
    // a look into the past writes every checkpoint due
    server.application.history.counts(uuid);

    const sqlite = server.db.$client;
    const written = (
      sqlite.prepare('SELECT at FROM checkpoints WHERE meeting_uuid = ? ORDER BY at').all(uuid) as { at: number }[]
    ).map((row) => row.at);
    const eventsBetween = (from: number, to: number) =>
      (
        sqlite
          .prepare(
            "SELECT count(*) AS n FROM events WHERE meeting_uuid = ? AND kind = 'known' AND event_ts > ? AND event_ts <= ?",
          )
          .get(uuid, from, to) as { n: number }
      ).n;
    const gaps = written.map((at, i) => {
      const state = server.application.history.stateAt(uuid, at)!;
      return {
        events: eventsBetween(written[i - 1] ?? -Infinity, at),
        records: state.participants.size + state.shares.size,
      };
    });
    // a meeting growing to 80 people: a few events apart at first, then further apart as it grows
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    for (const gap of gaps) expect(gap.events).toBeGreaterThanOrEqual(Math.max(2, Math.ceil(gap.records / 4)));
    expect(gaps.at(-1)!.records).toBeGreaterThan(40);
  });

  it('are caught up one meeting per turn of the event loop, so that a busy hour does not stall webhooks', async () => {
    const clock = new FakeClock();
    server = await startTestServer({ clock, checkpointEvents: 10 });
    const story = new Scenario({ seed: 7, start: clock.now() - 10 * 60_000, exactTimes: true });
    const meetings = [
      story.meeting({ topic: 'One' }),
      story.meeting({ topic: 'Two' }),
      story.meeting({ topic: 'Three' }),
    ];
    for (let i = 0; i < 20; i++) {
      for (const meeting of meetings) meeting.join();
      story.wait(5_000);
    }
    for (const { body } of story.events()) expect((await server.post(body)).status).toBe(200);
    const withCheckpoints = () =>
      (server.db.$client.prepare('SELECT count(DISTINCT meeting_uuid) AS n FROM checkpoints').get() as { n: number }).n;
    expect(withCheckpoints()).toBe(0);

    clock.advance(10_000);
    expect(withCheckpoints()).toBe(1);
    await eventually(() => Promise.resolve(withCheckpoints() === 3));
  });

  it("write a long backlog a few checkpoints per turn of the event loop, until the meeting's log is covered", async () => {
    const clock = new FakeClock();
    server = await startTestServer({ clock, checkpointEvents: 5 });
    const story = new Scenario({ seed: 8, start: clock.now() - 10 * 60_000, exactTimes: true });
    const meeting = story.meeting({ topic: 'Backlog' });
    for (let i = 0; i < 40; i++) {
      meeting.join();
      story.wait(5_000);
    }
    const bodies = story.events().map((e) => e.body);
    for (const body of bodies) expect((await server.post(body)).status).toBe(200);
    const uuid = bodies[0]!.payload.object.uuid as string;
    const checkpoints = () =>
      (
        server.db.$client.prepare('SELECT count(*) AS n FROM checkpoints WHERE meeting_uuid = ?').get(uuid) as {
          n: number;
        }
      ).n;

    clock.advance(10_000);
    expect(checkpoints()).toBe(2);
    // the same checkpoints as a look into the past writes at once
    const all = await eventually(async () => {
      const n = checkpoints();
      await new Promise((resolve) => setImmediate(resolve));
      return n > 2 && n === checkpoints() ? n : null;
    });
    server.application.history.counts(uuid);
    expect(checkpoints()).toBe(all);
  });
});
