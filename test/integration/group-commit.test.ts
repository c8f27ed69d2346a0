import { answerOf, getAnswer } from '../support/api';
import { afterEach, describe, expect, it } from 'vitest';
import { dedupKey } from '../../server/events/dedup';
import { classify, type Classified } from '../../server/events/validate';
import { Traffic, type SimEvent } from '../../server/demo/simulator';
import { FakeClock } from '../support/fake-clock';
import { persistedState, replayLog } from '../support/replay';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
afterEach(() => server.close());

function submit(body: unknown) {
  const raw = new TextEncoder().encode(JSON.stringify(body));
  return server.application.ingest.submit(classify(raw) as Exclude<Classified, { kind: 'url_validation' }>, raw);
}

/** meetings, a webinar and their people: every delivery once, as a webhook endpoint gets them at once */
function stream(seed: number, count: number): { bodies: SimEvent['body'][]; clock: () => FakeClock } {
  const events = new Traffic({ seed, meetings: 2, webinars: 1, redeliveryRate: 0 }).take(count);
  return { bodies: events.map((e) => e.body), clock: () => new FakeClock(events.at(-1)!.at) };
}

const meetingsOf = async () => getAnswer(server.api, 'GET /api/meetings', { query: { status: 'live,stale,ended' } });

describe('group commit', () => {
  it('stores deliveries that arrive together in shared transactions, with the state of a rebuild', async () => {
    const { bodies, clock } = stream(31, 700);
    server = await startTestServer({ clock: clock() });
    // as verified deliveries reach ingest within one turn of the event loop
    const { metrics } = server.application;
    const outcomes = await Promise.all(bodies.map((body) => submit(body)));
    expect(outcomes.map((o) => o.status)).toEqual(bodies.map(() => 'accepted'));
    expect(outcomes.map((o) => (o.status === 'accepted' ? o.seq : 0))).toEqual(bodies.map((_, i) => i + 1));
    expect(metrics.transactions).toBe(Math.ceil(bodies.length / 256));
    // and over HTTP, redelivered all at once: every copy is a duplicate
    const again = await Promise.all(
      bodies.map(async (body) => (await (await server.post(body)).json()) as { status: string }),
    );
    expect(again.every((o) => o.status === 'duplicate')).toBe(true);

    const api = await meetingsOf();
    expect(persistedState(server.db.$client)).toEqual(replayLog(server.db.$client));
    // memory holds what the tables hold: a server restarted on them serves the same
    await server.stop();
    server = await startTestServer({ dir: server.dir, clock: clock() });
    expect(await meetingsOf()).toEqual(api);
  });

  it('fails only the delivery that cannot be stored, and leaves memory as the log says', async () => {
    const { bodies, clock } = stream(32, 100);
    server = await startTestServer({ clock: clock() });
    const poisoned = bodies.findIndex((e, i) => i > 20 && e.event === 'meeting.participant_joined');
    const poison = JSON.stringify(bodies[poisoned]);
    // the write fails after the event was logged and reduced: when its participant's row is written
    const key = dedupKey(bodies[poisoned]);
    for (const when of ['INSERT', 'UPDATE']) {
      server.db.$client.exec(
        `CREATE TRIGGER poison_${when} BEFORE ${when} ON participants WHEN instr(NEW.record, '${key}') > 0
         BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
      );
    }
    // one transaction for the whole stream fails at the poisoned delivery, after the deliveries before
    // it were applied in memory: memory is put back, and every delivery is stored again on its own, so
    // only the poisoned one fails
    const settled = await Promise.allSettled(bodies.map((body) => submit(body)));
    expect(settled[poisoned]).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({ message: 'disk I/O error' }),
    });
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1);
    expect(settled.filter((s) => s.status === 'fulfilled' && s.value.status === 'accepted')).toHaveLength(
      bodies.length - 1,
    );
    // the delivery that could not be stored, once: not also the batch that was tried first
    expect(server.application.metrics.storeFailures).toBe(1);

    const api = await meetingsOf();
    expect(persistedState(server.db.$client)).toEqual(replayLog(server.db.$client));
    await server.stop();
    server = await startTestServer({ dir: server.dir, clock: clock() });
    expect(await meetingsOf()).toEqual(api);

    // over HTTP the failure is a 5xx, so Zoom retries; once the store works, it is applied like any other
    expect((await server.post(poison)).status).toBe(503);
    server.db.$client.exec('DROP TRIGGER poison_INSERT; DROP TRIGGER poison_UPDATE');
    const retry = await server.post(poison);
    expect((await answerOf('POST /webhooks/zoom', retry)).status).toBe('accepted');
  });
});
