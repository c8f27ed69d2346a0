import { afterEach, describe, expect, it } from 'vitest';
import { Scenario } from '../../../server/demo/simulator';
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
});
