import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal';
import { MeetingTraffic, eventAbout } from '../../support/meeting-traffic';
import {
  connectClient,
  eventually,
  expectConverged,
  signIn,
  type Dashboard,
  type TestClient,
} from '../../support/live-clients';
import { startTestServer, type TestServer } from '../../support/server';

const ACCOUNTS = ['ZqK3bW9xTfa4LmN0pRs2Vg', 'h7Yc1D5eFgH2jK8lMn4PqR', 'Xw6Tz0Ab3Cd9Ef2Gh5Ij8K'];
const USERS: Record<string, Principal> = {
  ops: { username: 'ops', accountIds: null },
  acme: { username: 'acme', accountIds: [ACCOUNTS[0]!] },
  both: { username: 'both', accountIds: [ACCOUNTS[0]!, ACCOUNTS[1]!] },
};
const EVENTS = 10_000;

let server: TestServer;
const dashboards: Record<string, Dashboard> = {};
beforeAll(async () => {
  server = await startTestServer({ realtime: { replayLimit: 64 } });
  for (const [name, principal] of Object.entries(USERS)) dashboards[name] = await signIn(server, principal);
});
afterAll(() => server.close());

const posted = new Set<string>();

async function post(body: Record<string, unknown>): Promise<void> {
  posted.add(body.event as string);
  const response = await server.post(body);
  expect(response.status).toBe(200);
  expect(((await response.json()) as { status: string }).status).toBe('accepted');
}

describe('realtime: 20 dashboards under a randomized stream of 10,000 events', () => {
  it(
    'each ends with exactly the state of the API, through reconnects and a lost diff',
    { timeout: 240_000 },
    async () => {
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
      const traffic = new MeetingTraffic({ seed: 4242, accountIds: ACCOUNTS });

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
        const batch = Array.from({ length: Math.min(10, EVENTS - sent) }, () => traffic.next());
        await Promise.all(batch.map(post));
        sent += batch.length;
      }

      // its meeting may have ended early: a few more events make sure diffs follow the lost one
      const lossy = clients[10]!;
      const meetingDiffs = () => lossy.diffs.filter((d) => d.channel === 'meeting').length;
      for (let seed = 90_000; meetingDiffs() < 6; seed++) {
        const before = meetingDiffs();
        const { uuid, accountId } = lossy.store.meeting!.summary!;
        await post(eventAbout('meeting.participant_joined', { uuid, accountId }, { seed }));
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
          'meeting.sharing_started',
          'meeting.breakout_room_sharing_started',
          'meeting.ended',
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
