import { answerOf } from '../../support/api';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal';
import { Traffic, type SimEvent } from '../../../server/demo/simulator';
import {
  connectClient,
  eventually,
  expectConverged,
  signIn,
  type Dashboard,
  type TestClient,
} from '../../support/live-clients';
import type { TestServer } from '../../support/server';
import { serversPerTest } from '../../support/test-servers';

const EVENTS = 10_000;
// twenty busy meetings and two webinars at a time, of three Zoom accounts, over the last quarter of
// an hour or so; a few breakout room moves come without their breakout room events, a few
// deliveries come twice
const traffic = new Traffic({
  seed: 4242,
  start: Date.now() - 20 * 60_000,
  rate: 2,
  accounts: 3,
  meetings: 20,
  webinars: 2,
  meetingSize: [30, 100],
  breakoutEvents: 0.8,
});
const ACCOUNTS = traffic.world.accounts.map((a) => a.id);
const USERS: Record<string, Principal> = {
  ops: { username: 'ops', accountIds: null, role: 'viewer' },
  acme: { username: 'acme', accountIds: [ACCOUNTS[0]!], role: 'viewer' },
  both: { username: 'both', accountIds: [ACCOUNTS[0]!, ACCOUNTS[1]!], role: 'viewer' },
};

const servers = serversPerTest();
let server: TestServer;

const posted = new Set<string>();

async function post({ body, redelivery }: SimEvent): Promise<void> {
  posted.add(body.event);
  const response = await server.post(body);
  expect(response.status).toBe(200);
  expect((await answerOf('POST /webhooks/zoom', response)).status).toBe(redelivery ? 'duplicate' : 'accepted');
}

describe('realtime: 20 dashboards under a randomized stream of 10,000 events', () => {
  it(
    'each ends with exactly the state of the API, through reconnects and a lost diff',
    { timeout: 240_000 },
    async () => {
      server = await servers.start({ realtime: { replayLimit: 64 } });
      const dashboards: Record<string, Dashboard> = {};
      for (const [name, principal] of Object.entries(USERS)) dashboards[name] = await signIn(server, principal);
      const signedIn: Dashboard[] = [
        ...Array(12).fill(dashboards.ops),
        ...Array(4).fill(dashboards.acme),
        ...Array(4).fill(dashboards.both),
      ];
      const seen = { overview: 0, meeting: 0, alerts: 0 };
      const clients: TestClient[] = signedIn.map((dashboard, i) =>
        connectClient(server.url, dashboard, {
          // client 10 loses its 40th overview diff and its 5th meeting diff
          drop: i === 10 ? (diff) => ++seen[diff.channel] === (diff.channel === 'overview' ? 40 : 5) : undefined,
        }),
      );
      await eventually(() => expect(clients.every((c) => c.store.connection === 'live')).toBe(true));

      const select = (client: TestClient, nth: number) => {
        const uuids = [...client.store.meetings.keys()].sort();
        client.store.select(uuids[nth % uuids.length] ?? null);
      };
      const [short, long] = [clients[8]!, clients[9]!];
      for (let sent = 0; sent < EVENTS;) {
        if (sent === 1000) clients.slice(0, 11).forEach((c, i) => select(c, i));
        if (sent === 2000) [short, long].forEach((c) => c.socket.disconnect());
        if (sent === 2020) {
          short.socket.connect();
          await eventually(() => expect(short.store.staleSince).toBeNull());
        }
        if (sent === 6000) clients.slice(0, 4).forEach((c, i) => select(c, i + 7));
        if (sent === 8000) long.socket.connect();
        const batch = traffic.take(Math.min(10, EVENTS - sent));
        await Promise.all(batch.map(post));
        sent += batch.length;
      }

      // a few more people join its meeting, so that diffs follow the lost one
      const lossy = clients[10]!;
      const meetingDiffs = () => lossy.diffs.filter((d) => d.channel === 'meeting').length;
      while (meetingDiffs() < 6) {
        const before = meetingDiffs();
        const meeting = traffic.world.meetings.find((m) => m.facts.uuid === lossy.store.meeting!.uuid)!;
        expect(meeting.status, 'the lossy client watches a meeting that still runs').toBe('live');
        meeting.join();
        for (const event of traffic.flush()) await post(event);
        await eventually(() => expect(meetingDiffs()).toBeGreaterThan(before));
      }

      expect([...posted]).toEqual(
        expect.arrayContaining([
          'meeting.participant_joined',
          'meeting.participant_left',
          'meeting.participant_joined_breakout_room',
          'meeting.participant_left_breakout_room',
          'meeting.participant_joined_waiting_room',
          'meeting.participant_admitted',
          'meeting.participant_put_in_waiting_room',
          'meeting.participant_jbh_waiting',
          'meeting.participant_role_changed',
          'meeting.sharing_started',
          'meeting.breakout_room_sharing_started',
          'meeting.ended',
          'webinar.participant_joined',
        ]),
      );
      for (const client of clients) await expectConverged(server.url, client);
      const subscribed = clients.filter((c) => c.store.meeting !== null);
      expect(subscribed.length).toBe(11);
      expect(subscribed.some((c) => (c.store.meeting?.participants.size ?? 0) > 10)).toBe(true);
      // the lost diffs were noticed, and resynced from the position held
      for (const channel of ['overview', 'meeting']) {
        expect(lossy.subscribes).toContainEqual(expect.objectContaining({ channel, from: expect.anything() }));
      }
      // a short disconnection resumes with the diffs missed, a long one may need a snapshot
      const lastOverviewSync = short.syncs.filter((sync) => sync.channel === 'overview').at(-1)!;
      expect(lastOverviewSync).toMatchObject({ type: 'replay', epoch: short.syncs[0]!.epoch });
      // the stream raised alerts, and every dashboard holds those its user may see
      expect(clients[0]!.store.alerts.size).toBeGreaterThan(0);
    },
  );
});
