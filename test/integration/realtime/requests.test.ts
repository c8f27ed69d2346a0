import { answerOf } from '../../support/api';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal';
import { Scenario } from '../../../server/demo/simulator';
import type { Diff, RealtimeError, Snapshot, Sync } from '../../../shared/realtime/protocol';
import { eventually, signIn, testSocket, type Dashboard } from '../../support/live-clients';
import { startTestServer, type TestServer } from '../../support/server';

// a meeting in each of two Zoom accounts, Acme's and Globex's
const story = new Scenario({ seed: 9, start: Date.now() - 10 * 60_000 });
const ACME = story.world.accounts[0]!.id;
const acmeMeeting = story.meeting({ account: 0 });
const globexMeeting = story.meeting({ account: 1 });
const ACME_MEETING = acmeMeeting.facts.uuid;
const GLOBEX_MEETING = globexMeeting.facts.uuid;
const USERS: Record<string, Principal> = {
  ops: { username: 'ops', accountIds: null, role: 'viewer' },
  acme: { username: 'acme', accountIds: [ACME], role: 'viewer' },
};

let server: TestServer;
const dashboards: Record<string, Dashboard> = {};
const sockets: Socket[] = [];

/** A signed-in socket without the store, to send whatever a client could send. */
async function connected(username: string): Promise<Socket> {
  const socket = testSocket(server.url, dashboards[username]!.cookie) as unknown as Socket;
  sockets.push(socket);
  await new Promise((resolve) => socket.once('connect', () => resolve(null)));
  return socket;
}

function refused(socket: Socket): Promise<Error & { data?: RealtimeError }> {
  sockets.push(socket);
  return new Promise((resolve) => socket.once('connect_error', resolve));
}

/** posts what the story did since the last post */
async function post(): Promise<void> {
  for (const { body } of story.take()) {
    expect((await answerOf('POST /webhooks/zoom', await server.post(body))).status).toBe('accepted');
  }
}

beforeAll(async () => {
  server = await startTestServer({ realtime: { maxSubscriptions: 2 } });
  for (const [name, principal] of Object.entries(USERS)) dashboards[name] = await signIn(server, principal);
  await post();
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
});

describe('realtime handshake', () => {
  it('refuses a connection without a session, with a typed connect_error, and does not retry', async () => {
    const socket = testSocket(server.url, null) as unknown as Socket;
    const error = await refused(socket);
    expect(error.message).toContain('sign in');
    expect(error.data).toEqual({ error: { code: 'unauthorized', message: error.message } });
    expect(socket.active).toBe(false);
  });

  it('refuses a forged session cookie and one that was signed out', async () => {
    const forged = await refused(testSocket(server.url, 'roomwatch_session=bWFsbG9yeQ') as unknown as Socket);
    expect(forged.data?.error.code).toBe('unauthorized');
    const leaving = await signIn(server, { username: 'leaving', accountIds: null, role: 'viewer' });
    const logout = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie: leaving.cookie } });
    expect(logout.status).toBeLessThan(300);
    const signedOut = await refused(testSocket(server.url, leaving.cookie) as unknown as Socket);
    expect(signedOut.data?.error.code).toBe('unauthorized');
  });

  it('refuses a malformed resume position', async () => {
    const socket = testSocket(server.url, dashboards.ops!.cookie, {
      auth: { resume: { overview: { epoch: 7, seq: -1 } } },
    });
    const error = await refused(socket as unknown as Socket);
    expect(error.data?.error.code).toBe('invalid_request');
    expect(error.message).toContain('resume.overview.epoch');
  });
});

describe('realtime requests', () => {
  it('answers malformed requests with typed errors and keeps serving', async () => {
    const socket = await connected('ops');
    const cases: [unknown, string][] = [
      [{ channel: 'meeting' }, 'key'],
      ['tubFEWg9SAaVamwu6V0+kw==', 'channel'],
      [{ channel: 'calendar' }, 'channel must be'],
      [{ channel: 'meeting', key: 'x'.repeat(500) }, 'too long'],
      [{ channel: 'overview', from: { epoch: 'e1', seq: -3 } }, 'from.seq'],
      [null, 'channel'],
    ];
    for (const [request, mention] of cases) {
      const reply = (await socket.emitWithAck('subscribe', request)) as RealtimeError;
      expect(reply.error.code).toBe('invalid_request');
      expect(reply.error.message).toContain(mention);
    }
    expect(await socket.emitWithAck('unsubscribe', { channel: 'meeting', key: 42 })).toMatchObject({
      error: { code: 'invalid_request' },
    });
    expect(await socket.emitWithAck('drop_tables', { all: true })).toEqual({
      error: { code: 'unknown_event', message: 'unknown event "drop_tables"' },
    });
    expect(await socket.emitWithAck('constructor')).toMatchObject({ error: { code: 'unknown_event' } });

    // without an acknowledgement callback, the error comes back as request_error
    const errors: RealtimeError[] = [];
    socket.on('request_error', (reply: RealtimeError) => errors.push(reply));
    socket.emit('subscribe', { channel: 'meeting' });
    socket.emit('shutdown');
    await eventually(() => expect(errors.map((e) => e.error.code)).toEqual(['invalid_request', 'unknown_event']));

    const sync = (await socket.emitWithAck('subscribe', {
      channel: 'meeting',
      key: ACME_MEETING,
    })) as Snapshot<'meeting'>;
    expect(sync).toMatchObject({ type: 'snapshot', channel: 'meeting', key: ACME_MEETING });
    expect(sync.data.uuid).toBe(ACME_MEETING);
  });

  it('answers meeting_not_found for an unknown meeting', async () => {
    const socket = await connected('ops');
    const reply = (await socket.emitWithAck('subscribe', {
      channel: 'meeting',
      key: 'nXq4sL0cR2yUe8vTm1WbJg==',
    })) as RealtimeError;
    expect(reply.error).toEqual({
      code: 'meeting_not_found',
      message: 'no meeting with uuid nXq4sL0cR2yUe8vTm1WbJg==',
    });
  });

  it('limits the meetings one socket subscribes to', async () => {
    const third = story.wait(60_000).meeting({ account: 0 }).facts.uuid;
    await post();
    const socket = await connected('ops');
    const subscribe = (key: string) => socket.emitWithAck('subscribe', { channel: 'meeting', key });
    expect(await subscribe(ACME_MEETING)).toMatchObject({ type: 'snapshot' });
    expect(await subscribe(GLOBEX_MEETING)).toMatchObject({ type: 'snapshot' });
    expect(await subscribe(ACME_MEETING)).toMatchObject({ type: 'snapshot' });
    expect(await subscribe(third)).toMatchObject({ error: { code: 'too_many_subscriptions' } });
    expect(await socket.emitWithAck('unsubscribe', { channel: 'meeting', key: GLOBEX_MEETING })).toEqual({ ok: true });
    expect(await subscribe(third)).toMatchObject({ type: 'snapshot' });
  });
});

describe('realtime access to accounts', () => {
  it('sends a user only the meetings of their accounts: snapshot, subscribe and diffs', async () => {
    const acme = await connected('acme');
    const received: (Sync | Diff)[] = [];
    acme.onAny((_event: string, message: Sync | Diff) => received.push(message));
    const snapshot = (await acme.emitWithAck('subscribe', { channel: 'overview' })) as Snapshot<'overview'>;
    expect(snapshot.type).toBe('snapshot');
    const uuids = snapshot.data.map((m) => m.uuid);
    expect(uuids).toContain(ACME_MEETING);
    expect(uuids).not.toContain(GLOBEX_MEETING);
    expect(await acme.emitWithAck('subscribe', { channel: 'meeting', key: GLOBEX_MEETING })).toEqual({
      error: { code: 'meeting_not_found', message: `no meeting with uuid ${GLOBEX_MEETING}` },
    });

    story.wait(30_000);
    globexMeeting.join();
    await post();
    acmeMeeting.join();
    await post();
    const patches = () => received.flatMap((m) => (m.type === 'diff' && m.channel === 'overview' ? m.data.patch : []));
    // the host and the newcomer
    await eventually(() =>
      expect(patches()).toContainEqual(
        expect.objectContaining({ uuid: ACME_MEETING, counts: expect.objectContaining({ main: 2 }) }),
      ),
    );
    expect(JSON.stringify(received)).not.toContain(GLOBEX_MEETING);
  });
});
