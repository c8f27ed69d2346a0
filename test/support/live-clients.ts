/**
 * Dashboards in tests: the real LiveStore over a real socket.io-client, signed in through a fake
 * session cookie that testAuthenticate maps to a Principal.
 */
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { expect, vi } from 'vitest';
import type { Authenticate } from '../../server/auth/authenticate';
import type { Principal } from '../../server/auth/principal';
import type { Diff, Sync } from '../../shared/realtime/protocol';
import type { MeetingDetail, MeetingSummary } from '../../shared/state';
import { LiveStore, type LiveSocket } from '../../web/src/lib/live-store.svelte';

const COOKIE = 'roomwatch_test_session';

export const sessionCookie = (username: string) => `${COOKIE}=${encodeURIComponent(username)}`;

/** Lets in the users of the map, by the name in their test session cookie. */
export function testAuthenticate(users: Record<string, Principal>): Authenticate {
  return (request) => {
    const cookie = (request.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
    const username = cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : null;
    return username !== null ? (users[username] ?? null) : null;
  };
}

export interface TestClient {
  store: LiveStore;
  socket: LiveSocket;
  principal: Principal;
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

/** A socket.io-client with the test cookie and fast reconnection. */
export function testSocket(
  url: string,
  username: string | null,
  options: Partial<ManagerOptions & SocketOptions> = {},
): LiveSocket {
  return io(url, {
    transports: ['websocket'],
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    extraHeaders: username === null ? {} : { cookie: sessionCookie(username) },
    ...options,
  });
}

export function connectClient(url: string, principal: Principal, options: ClientOptions = {}): TestClient {
  let socket: LiveSocket | undefined;
  const diffs: Diff[] = [];
  const syncs: Sync[] = [];
  const subscribes: unknown[] = [];
  const store = new LiveStore({
    connect: (connectOptions) => {
      const created = testSocket(url, principal.username, connectOptions);
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
  return { store, socket: socket!, principal, diffs, syncs, subscribes };
}

/** Waits (without any timed assertion) until check() stops throwing. */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 20_000, interval: 20 });
}

const byUuid = (a: MeetingSummary, b: MeetingSummary) => (a.uuid < b.uuid ? -1 : 1);

/** What the API says this principal's overview and selected meeting are. */
export async function apiState(
  url: string,
  principal: Principal,
  selected: string | null,
): Promise<{ meetings: MeetingSummary[]; meeting: MeetingDetail | null }> {
  const { meetings } = (await (await fetch(`${url}/api/meetings`)).json()) as { meetings: MeetingSummary[] };
  const visible = meetings.filter((m) => principal.accountIds === null || principal.accountIds.includes(m.accountId));
  const meeting =
    selected === null
      ? null
      : ((await (await fetch(`${url}/api/meetings/${encodeURIComponent(selected)}`)).json()) as MeetingDetail);
  return { meetings: visible.sort(byUuid), meeting };
}

/** Waits until the client's store holds exactly what the API serves. */
export async function expectConverged(url: string, client: TestClient): Promise<void> {
  await eventually(async () => {
    const { store } = client;
    const expected = await apiState(url, client.principal, store.meeting?.uuid ?? null);
    expect(store.connection).toBe('live');
    expect(store.staleSince).toBeNull();
    expect([...store.meetings.values()].sort(byUuid)).toEqual(expected.meetings);
    expect(store.meeting?.toDetail() ?? null).toEqual(expected.meeting);
  });
}
