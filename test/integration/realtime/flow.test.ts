/**
 * How much goes out, and when: ticks are driven by a fake clock, so nothing depends on how fast the
 * machine is. What is stated is the protocol's promise (design.md, "Realtime protocol"): clients
 * converge with the API, and a burst reaches them as at most one diff per channel per tick, in
 * whatever order the channels flush.
 */
import { answerOf } from '../../support/api';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal';
import { Scenario, type Identity, type MeetingSpec, type SimMeeting } from '../../../server/demo/simulator';
import type { Diff } from '../../../shared/realtime/protocol';
import { FakeClock } from '../../support/fake-clock';
import {
  connectClient,
  eventually,
  expectConverged,
  signIn,
  type Dashboard,
  type TestClient,
} from '../../support/live-clients';
import type { TestServer, TestServerOptions } from '../../support/server';
import { serversPerTest } from '../../support/test-servers';

const OPS: Principal = { username: 'ops', accountIds: null, role: 'viewer' };
const TICK_MS = 40;
const STALE_AFTER_MS = 6 * 3_600_000;

let server: TestServer;
let ops: Dashboard;
let clock: FakeClock;
/** what happens in Zoom, at the fake clock's time */
let story: Scenario;
let meeting: SimMeeting;
const servers = serversPerTest();

async function start(options: TestServerOptions = {}): Promise<void> {
  clock = new FakeClock();
  server = await servers.start({
    clock,
    staleAfterMs: STALE_AFTER_MS,
    ...options,
    realtime: { tickMs: TICK_MS, ...options.realtime },
  });
  ops = await signIn(server, OPS);
  story = new Scenario({ seed: 17, start: clock.now(), exactTimes: true });
}

function client(): TestClient {
  const created = connectClient(server.url, ops);
  servers.keep(created.store);
  return created;
}

/** Posts what the story did since the last post. */
async function post(): Promise<void> {
  for (const { body } of story.take()) {
    const response = await server.post(body);
    expect((await answerOf('POST /webhooks/zoom', response)).status).toBe('accepted');
  }
}

/** The meeting starts now, with its host in it; returns its uuid. */
async function startMeeting(spec: Omit<MeetingSpec, 'kind'> = {}): Promise<string> {
  meeting = story.waitUntil(clock.now()).meeting(spec);
  await post();
  return meeting.facts.uuid;
}

/** Someone joins the meeting now: a guest, or the given person. */
async function join(person?: Identity): Promise<void> {
  story.waitUntil(clock.now());
  meeting.join(person);
  await post();
}

/** A whole tick: the meetings' and the overview's diffs, and half a tick later the alerts'. */
const tick = () => clock.advance(TICK_MS * 1.5);

/** How many diffs each channel sent: at most one per tick is the promise. */
function perChannel(diffs: readonly Diff[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const diff of diffs) counts[diff.channel] = (counts[diff.channel] ?? 0) + 1;
  return counts;
}

const overviewDiffs = (c: TestClient) => c.diffs.filter((d): d is Diff<'overview'> => d.channel === 'overview');
const meetingDiffs = (c: TestClient) => c.diffs.filter((d): d is Diff<'meeting'> => d.channel === 'meeting');

describe('realtime flow control', () => {
  it('coalesces a burst of 500 joins within a tick into one diff per channel', async () => {
    await start();
    const dashboard = client();
    const uuid = await startMeeting();
    tick();
    await eventually(() => expect(dashboard.store.meetings.has(uuid)).toBe(true));
    dashboard.store.select(uuid);
    await eventually(() => expect(dashboard.store.meeting?.summary).not.toBeNull());
    const before = dashboard.diffs.length;

    // colleagues signed in to the account, so that no two of them pass for the same person rejoining
    const colleague = { signedIn: 1, guest: 0, phone: 0 };
    for (let i = 0; i < 500; i++) await join(story.world.identity(null, meeting.account, colleague));
    clock.advance(TICK_MS);
    // the host, and the 500 who joined
    await eventually(() => expect(dashboard.store.meeting!.participants.size).toBe(501));
    await eventually(() => expect(dashboard.store.meetings.get(uuid)!.counts.main).toBe(501));
    // one tick: one diff for the meeting and one for the overview, not one per join
    expect(perChannel(dashboard.diffs.slice(before))).toEqual({ meeting: 1, overview: 1 });

    // the burst is a join storm: its alert goes out in one diff of the alerts channel
    clock.advance(TICK_MS / 2);
    await eventually(() => expect(dashboard.store.alerts.size).toBe(1));
    const burst = dashboard.diffs.slice(before);
    expect(perChannel(burst)).toEqual({ meeting: 1, overview: 1, alerts: 1 });
    const alerts = burst.filter((d): d is Diff<'alerts'> => d.channel === 'alerts');
    expect(alerts.flatMap((d) => d.data.changes.map((c) => `${c.change} ${c.alert.kind}`))).toEqual([
      'opened join_storm',
    ]);
    expect([...dashboard.store.alerts.values()].map((a) => a.kind)).toEqual(['join_storm']);
    // the overview's clients hold the meeting: only what changed goes to them
    expect(overviewDiffs(dashboard).at(-1)!.data).toEqual({
      upsert: [],
      patch: [{ uuid, counts: { main: 501, breakout: 0, waiting: 0 }, lastEventAt: expect.any(String) }],
      remove: [],
    });
    expect(meetingDiffs(dashboard).at(-1)!.data.upsert).toHaveLength(500);
    await expectConverged(server.url, dashboard);
  });

  it('sends one change per alert per tick: a waiting room filling up opens its alert once, with the newest count', async () => {
    await start();
    const dashboard = client();
    const uuid = await startMeeting({ waitingRoom: true });
    tick();
    await eventually(() => expect(dashboard.store.meetings.has(uuid)).toBe(true));
    const before = dashboard.diffs.length;

    // more than 10 waiting opens the alert (the 11th), and each one after updates its count
    for (let i = 0; i < 15; i++) await join();
    tick();
    await eventually(() => expect(dashboard.store.meetings.get(uuid)!.counts.waiting).toBe(15));
    // the alerts' diff comes half a tick after the overview's, maybe in a later read of the socket
    await eventually(() => expect(dashboard.store.alerts.size).toBe(1));

    const changes = dashboard.diffs
      .slice(before)
      .filter((d): d is Diff<'alerts'> => d.channel === 'alerts')
      .flatMap((d) => d.data.changes);
    expect(changes.map((c) => `${c.change} ${c.alert.kind} ${JSON.stringify(c.alert.details)}`)).toEqual([
      expect.stringMatching(/^opened waiting_room_backlog \{"waiting":15,/),
    ]);
    await expectConverged(server.url, dashboard);
  });

  it('gives a client that connects between an event and its tick what the others hold, so patches fit it', async () => {
    await start();
    const early = client();
    const uuid = await startMeeting();
    tick();
    await eventually(() => expect(early.store.meetings.get(uuid)?.recording).toBe(false));

    // recording on, and off again, within one tick: the tick's patch says nothing of recording,
    // so a snapshot that had shown it on would keep it on for good
    story.waitUntil(clock.now());
    meeting.startRecording();
    await post();
    const late = client();
    await eventually(() => expect(late.store.meetings.has(uuid)).toBe(true));
    expect(late.store.meetings.get(uuid)!.recording).toBe(false);
    meeting.stopRecording();
    await post();
    tick();
    const last = () => overviewDiffs(late).at(-1)?.data.patch ?? [];
    await eventually(() => expect(last()).toHaveLength(1));
    expect(last()[0]).not.toHaveProperty('recording');
    for (const dashboard of [early, late]) {
      expect(dashboard.store.meetings.get(uuid)!.recording).toBe(false);
      await expectConverged(server.url, dashboard);
    }
  });

  it('replays what a client missed while it was away, or sends a snapshot when too much was missed', async () => {
    await start({ realtime: { replayLimit: 4 } });
    const dashboard = client();
    await startMeeting();
    tick();
    await eventually(() => expect(dashboard.store.meetings.size).toBe(1));

    const away = async (ticks: number) => {
      dashboard.socket.disconnect();
      for (let i = 0; i < ticks; i++) {
        await join();
        tick();
      }
      dashboard.socket.connect();
      await expectConverged(server.url, dashboard);
      return dashboard.syncs.filter((sync) => sync.channel === 'overview').at(-1)!.type;
    };
    expect(await away(3)).toBe('replay');
    expect(await away(6)).toBe('snapshot');
  });

  it('keeps the channels of a client that left for a while, to replay, then drops them', async () => {
    await start({ realtime: { idleChannelMs: 60_000, housekeepingMs: 10_000 } });
    const dashboard = client();
    const uuid = await startMeeting();
    tick();
    await eventually(() => expect(dashboard.store.meetings.size).toBe(1));
    dashboard.store.select(uuid);
    await eventually(() => expect(dashboard.store.meeting?.summary).not.toBeNull());
    const { stats } = server.application.realtime;

    const away = async (ms: number) => {
      const before = { ...stats };
      dashboard.socket.disconnect();
      await join();
      clock.advance(ms);
      dashboard.socket.connect();
      await expectConverged(server.url, dashboard);
      return { replays: stats.replays - before.replays, snapshots: stats.snapshots - before.snapshots };
    };
    // the overview, the alerts and the meeting, each resumed from its position
    expect(await away(30_000)).toEqual({ replays: 3, snapshots: 0 });
    expect(await away(120_000)).toEqual({ replays: 0, snapshots: 3 });
  });

  it('cuts off a stalled client without slowing the others, and resyncs it once it reads again', async () => {
    await start({ realtime: { maxQueuedPackets: 8 } });
    const [fast, stalled] = [client(), client()];
    // a long agenda in the topic: every diff of the meeting (with its whole summary) weighs 300 KB,
    // which fills socket buffers quickly
    const topic = `All hands — 전체 회의 — ${'Agenda: quarterly results, hiring plan, roadmap. '.repeat(6_000)}`;
    const uuid = await startMeeting({ topic });
    tick();
    await eventually(() => expect(stalled.store.meetings.size).toBe(1));
    stalled.store.select(uuid);
    await eventually(() => expect(stalled.store.meeting?.summary).not.toBeNull());
    const ws = (stalled.socket.io.engine.transport as unknown as { ws: { pause(): void; resume(): void } }).ws;
    ws.pause();

    const { stats } = server.application.realtime;
    let joined = 0;
    // the host, and those who joined
    const present = () => joined + 1;
    while (stats.overflows === 0 && joined < 300) {
      await join();
      joined++;
      tick();
      // the fast client sees every tick while the other one piles up
      await eventually(() => expect(fast.store.meetings.get(uuid)!.counts.main).toBe(present()));
    }
    expect(stats.overflows).toBe(1);
    const cutOffAt = joined;
    for (let i = 0; i < 5; i++) {
      await join();
      joined++;
      tick();
    }
    await expectConverged(server.url, fast);

    ws.resume();
    await expectConverged(server.url, stalled);
    expect(stalled.store.meetings.get(uuid)!.counts.main).toBe(present());
    // at most one diff per tick (the start, then each join) reached the fast client; the stalled one
    // got none after it was cut off, and caught up by subscribing again from its position
    expect(overviewDiffs(fast).length).toBeLessThanOrEqual(joined + 1);
    expect(overviewDiffs(stalled).length).toBeLessThanOrEqual(cutOffAt);
    expect(overviewDiffs(stalled).length).toBeLessThan(overviewDiffs(fast).length);
    expect(stalled.subscribes).toContainEqual(
      expect.objectContaining({ channel: 'overview', from: expect.anything() }),
    );
  });

  it('tells clients when a meeting goes stale without any event', async () => {
    await start();
    const dashboard = client();
    const uuid = await startMeeting();
    tick();
    await eventually(() => expect(dashboard.store.meetings.get(uuid)?.status).toBe('live'));
    clock.advance(STALE_AFTER_MS + 10_000 + TICK_MS);
    await eventually(() => expect(dashboard.store.meetings.get(uuid)?.status).toBe('stale'));
    await expectConverged(server.url, dashboard);
  });
});
