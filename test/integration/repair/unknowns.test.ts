import { getAnswer } from '../../support/api';
import { afterEach, describe, expect, it } from 'vitest';
import { Scenario } from '../../../server/demo/simulator';
import { FakeClock } from '../../support/fake-clock';
import { connectionTo, startFakeZoom } from '../../support/fake-zoom';
import { startTestServer, type TestServer } from '../../support/server';

const MINUTE = 60_000;
let closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing) await close().catch(() => undefined);
  closing = [];
});

/** A live meeting with Ana, and Bo who dropped without any event: a ghost Zoom no longer lists. */
async function ghostStory(
  fakeOptions: { tokenSeconds?: number; account?: { scopes?: string[]; dashboard?: boolean } } = {},
  /** how long before repair starts the last webhook came */
  quietFor = 20 * MINUTE,
) {
  const clock = new FakeClock();
  const story = new Scenario({ seed: 4, start: clock.now() - quietFor, exactTimes: true, accounts: 1 });
  const meeting = story.meeting({ topic: 'Design review' });
  meeting.join('Ana Lima');
  const bo = meeting.join('Bo Chen');
  bo.drop();
  const fake = await startFakeZoom({ world: story.world, clock, ...fakeOptions });
  const server = await startTestServer({
    clock,
    zoom: connectionTo(fake, story.world, { meetingsIntervalMs: MINUTE, appId: null }),
  });
  closing.push(
    () => server.close(),
    () => fake.close(),
  );
  for (const { body } of story.events()) expect((await server.post(body)).status).toBe(200);
  const present = () =>
    [...server.application.live.get(meeting.facts.uuid)!.participants.values()]
      .filter((p) => p.present)
      .map((p) => p.name?.value)
      .sort();
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(1000);
      await server.application.repairer!.tick();
    }
  };
  const status = () => server.application.repairer!.status().accounts[0]!;
  return { clock, fake, server, present, run, status, uuid: meeting.facts.uuid, hostName: meeting.hostIdentity.name };
}

const participantsPath = /\/participants$/;

describe('repair: unknown is never empty', () => {
  it('failed calls, answers that are not lists, and partial pages change nothing', async () => {
    const { fake, present, run, status, hostName } = await ghostStory();
    const before = present();
    expect(before).toEqual(['Ana Lima', 'Bo Chen', hostName].sort());
    const entry = { user_id: '1', participant_uuid: 'x', user_name: 'Ana Lima', status: 'in_meeting' };
    fake.script(
      participantsPath,
      { status: 500, body: { message: 'Internal error' } },
      { status: 200, body: { oops: true } },
      // one page of three where Zoom announced five: a page went missing
      { status: 200, body: { total_records: 5, next_page_token: '', participants: [entry, entry, entry] } },
      { status: 404, body: { code: 3001, message: 'Meeting does not exist' } },
      { status: 200, body: { total_records: 5, next_page_token: '', participants: [] } },
      { status: 404, body: { code: 3001, message: 'Meeting does not exist' } },
    );
    await run(6 * MINUTE);
    expect(fake.callsTo(participantsPath)).toHaveLength(6);
    expect(present()).toEqual(before);
    // Zoom's "meeting not found" is an answer (the meeting has ended), not a failure, and the live list decides
    expect(status().checks.failed).toBeGreaterThanOrEqual(4);
    expect(status().calls.notFound).toBe(2);
    expect(status().corrections['roomwatch.repair.participant_left']).toBe(0);
    expect(status().lastError?.message).toMatch(/Zoom listed 0 of the 5 entries/);
    // once Zoom answers again, two complete checks repair the ghost
    await run(2 * MINUTE);
    expect(present()).toEqual(['Ana Lima', hostName].sort());
  }, 60_000);

  it('an empty list while people were heard from recently changes nothing', async () => {
    // "recently": the last webhook is 7 minutes old when repair starts, 9 at its second check
    const { fake, present, run, status } = await ghostStory({}, 7 * MINUTE);
    const before = present();
    const empty = { status: 200, body: { total_records: 0, next_page_token: '', participants: [] } };
    fake.script(participantsPath, empty, empty);
    await run(2.5 * MINUTE);
    expect(present()).toEqual(before);
    expect(status().checks.ignored).toBeGreaterThan(0);
  }, 60_000);

  it('honours Retry-After on a 429: no call at all until it has passed', async () => {
    const { fake, present, run, status, clock } = await ghostStory();
    const before = present();
    fake.script(/\/metrics\/meetings$/, {
      status: 429,
      body: { code: 429, message: 'Too many requests' },
      headers: { 'retry-after': '300' },
    });
    await run(MINUTE);
    const limitedAt = clock.now();
    expect(status().calls.rateLimited).toBe(1);
    expect(Date.parse(status().calls.pausedUntil!)).toBe(limitedAt + 300_000);
    const callsThen = fake.callCount;
    await run(4 * MINUTE);
    expect(fake.callCount).toBe(callsThen);
    expect(present()).toEqual(before);
    await run(3 * MINUTE);
    expect(fake.callCount).toBeGreaterThan(callsThen);
    expect(present()).not.toContain('Bo Chen');
  }, 60_000);

  it('renews the token shortly before it expires, and once after a 401', async () => {
    const { fake, run, status } = await ghostStory({ tokenSeconds: 150 });
    await run(MINUTE + 1000);
    expect(fake.tokensIssued).toBe(1);
    // a 150 s token is renewed 60 s before it expires: the call at 180 s gets a new one
    await run(2 * MINUTE);
    expect(fake.tokensIssued).toBe(2);
    fake.revokeTokens();
    const failedBefore = status().checks.failed;
    await run(MINUTE);
    expect(fake.tokensIssued).toBe(3);
    expect(status().checks.failed).toBe(failedBefore);
    expect(fake.calls.some((c) => c.status === 401)).toBe(true);
  }, 60_000);
});

describe('repair: the setup check', () => {
  const check = async (server: TestServer) => {
    return (await getAnswer(server.api, 'GET /api/repair/check'))[0]!;
  };

  it('says the token works and the Dashboard is there', async () => {
    const { server } = await ghostStory();
    expect(await check(server)).toMatchObject({
      tokenError: null,
      missingScopes: [],
      dashboard: 'available',
      problems: [],
    });
  });

  it('names the missing scopes (Zoom code 4711)', async () => {
    const { server } = await ghostStory({ account: { scopes: ['meeting:read:admin'] } });
    const result = await check(server);
    expect(result.missingScopes).toEqual([
      'dashboard:read:list_meetings:admin',
      'dashboard:read:list_meeting_participants:admin',
    ]);
    expect(result.problems.join(' ')).toMatch(/Add the scopes/);
  });

  it('says when the plan has no Dashboard (HTTP 400, code 200), and repair then changes nothing', async () => {
    const { server, run, present, status } = await ghostStory({ account: { dashboard: false } });
    const result = await check(server);
    expect(result.dashboard).toBe('unavailable');
    expect(result.problems.join(' ')).toMatch(/no Dashboard/);
    const before = present();
    await run(4 * MINUTE);
    expect(present()).toEqual(before);
    expect(status().dashboard).toBe('unavailable');
  }, 60_000);

  it('says when the credentials are refused, without showing the secret', async () => {
    const clock = new FakeClock();
    const story = new Scenario({ seed: 4, accounts: 1 });
    const fake = await startFakeZoom({ world: story.world, clock });
    const zoom = connectionTo(fake, story.world);
    zoom.accounts[0]!.clientSecret = 'wrong-secret-value';
    const server = await startTestServer({ clock, zoom });
    closing.push(
      () => server.close(),
      () => fake.close(),
    );
    const result = await check(server);
    expect(result.tokenError).toMatch(/Zoom refused the token request \(400\)/);
    expect(JSON.stringify(result)).not.toContain('wrong-secret-value');
  });
});
