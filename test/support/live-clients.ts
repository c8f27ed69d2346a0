/**
 * Dashboards in tests: the real LiveStore over a real socket.io-client, signed in as a real user
 * with a real session cookie, and compared with what the API serves that same user.
 */
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { expect, vi } from 'vitest';
import type { Principal } from '../../server/auth/principal';
import type { AlertView } from '../../shared/alerts';
import type { Diff, Sync } from '../../shared/realtime/protocol';
import type { MeetingDetail, MeetingSummary } from '../../shared/state';
import { LiveStore, type LiveSocket } from '../../web/src/lib/live-store.svelte';
import { getAnswer } from './api';
import type { TestServer } from './server';

/** A signed-in user: who they are and the `Cookie` header of their session. */
export interface Dashboard {
  principal: Principal;
  cookie: string;
}

/** Creates the user (once per server database) with the principal's accounts and role, and signs in. */
export async function signIn(server: TestServer, principal: Principal): Promise<Dashboard> {
  const password = `${principal.username}-correct-horse-battery`;
  const users = server.application.auth.users;
  if (!users.list().some((u) => u.username === principal.username)) {
    await users.add(principal.username, password, principal.accountIds, { role: principal.role });
  }
  return { principal, cookie: await server.login(principal.username, password) };
}

export interface TestClient {
  store: LiveStore;
  socket: LiveSocket;
  dashboard: Dashboard;
  /** every diff the socket received, dropped ones included */
  diffs: Diff[];
  /** overview syncs pushed on (re)connection */
  syncs: Sync[];
  /** subscribe requests the store sent */
  subscribes: unknown[];
}

export interface ClientOptions {
  /** diffs for which this returns true never reach the store, as if lost */
  drop?: (diff: Diff) => boolean;
}

/** A socket.io-client with a session cookie (or none) and fast reconnection. */
export function testSocket(
  url: string,
  cookie: string | null,
  options: Partial<ManagerOptions & SocketOptions> = {},
): LiveSocket {
  return io(url, {
    transports: ['websocket'],
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    extraHeaders: cookie === null ? {} : { cookie },
    ...options,
  });
}

export function connectClient(url: string, dashboard: Dashboard, options: ClientOptions = {}): TestClient {
  let socket: LiveSocket | undefined;
  const diffs: Diff[] = [];
  const syncs: Sync[] = [];
  const subscribes: unknown[] = [];
  const store = new LiveStore({
    connect: (connectOptions) => {
      const created = testSocket(url, dashboard.cookie, connectOptions);
      created.prependAny((event: string, message: unknown) => {
        if (event === 'diff') diffs.push(message as Diff);
        if (event === 'sync') syncs.push(message as Sync);
      });
      created.onAnyOutgoing((event: string, request: unknown) => {
        if (event === 'subscribe') subscribes.push(request);
      });
      if (options.drop) {
        const { drop } = options;
        const on = created.on.bind(created) as (event: string, listener: (message: Diff) => void) => LiveSocket;
        (created as { on: unknown }).on = (event: string, listener: (message: Diff) => void) =>
          on(event, event === 'diff' ? (message) => drop(message) || listener(message) : listener);
      }
      socket = created;
      return created;
    },
  });
  return { store, socket: socket!, dashboard, diffs, syncs, subscribes };
}

/** Waits (without any timed assertion) until check() stops throwing. */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 20_000, interval: 20 });
}

const byUuid = (a: MeetingSummary, b: MeetingSummary) => (a.uuid < b.uuid ? -1 : 1);
const byId = (a: AlertView, b: AlertView) => a.id - b.id;

/** What the API serves this user as overview, selected meeting and unresolved alerts (the API applies their scope). */
export async function apiState(
  url: string,
  dashboard: Dashboard,
  selected: string | null,
): Promise<{ meetings: MeetingSummary[]; meeting: MeetingDetail | null; alerts: AlertView[] }> {
  const fetcher = (path: string) => fetch(`${url}${path}`, { headers: { cookie: dashboard.cookie } });
  const { meetings } = await getAnswer(fetcher, 'GET /api/meetings');
  const meeting =
    selected === null ? null : await getAnswer(fetcher, 'GET /api/meetings/:uuid', { params: { uuid: selected } });
  const { alerts } = await getAnswer(fetcher, 'GET /api/alerts', {
    query: { status: 'open,acknowledged', limit: 1000 },
  });
  const scope = dashboard.principal.accountIds;
  expect([...meetings, ...alerts].every((m) => scope === null || scope.includes(m.accountId!))).toBe(true);
  return { meetings: meetings.sort(byUuid), meeting, alerts: alerts.sort(byId) };
}

/** Waits until the client's store holds exactly what the API serves. */
export async function expectConverged(url: string, client: TestClient): Promise<void> {
  await eventually(async () => {
    const { store } = client;
    const expected = await apiState(url, client.dashboard, store.meeting?.uuid ?? null);
    expect(store.connection).toBe('live');
    expect(store.staleSince).toBeNull();
    expect([...store.meetings.values()].sort(byUuid)).toEqual(expected.meetings);
    expect(store.meeting?.toDetail() ?? null).toEqual(expected.meeting);
    expect([...store.alerts.values()].filter((a) => a.status !== 'resolved').sort(byId)).toEqual(expected.alerts);
  });
}
