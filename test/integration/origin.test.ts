/**
 * Another origin of the same site (a sibling subdomain) gets the session cookie despite
 * SameSite=Strict: its pages must neither open the socket nor change anything.
 */
import { errorOf, getAnswer } from '../support/api';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { RealtimeError, Sync } from '../../shared/realtime/protocol';
import { testSocket } from '../support/live-clients';
import { MeetingScript } from '../support/meeting-script';
import type { TestServer } from '../support/server';
import { serversPerTest } from '../support/test-servers';

const SIBLING = 'https://uploads.roomwatch.example';

const { start, keep } = serversPerTest();

/** POSTs with the admin's session and the headers a browser would add. */
async function post(server: TestServer, path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie: await server.login(), ...headers } });
}

async function openAlert(server: TestServer): Promise<number> {
  const script = new MeetingScript({
    uuid: 'b3JpZ2luLXRlc3QtbWVldA==',
    topic: 'Origins',
    id: '81234567890',
    start: Date.now(),
  });
  for (const body of [script.started(0), script.alert(['Unstable audio quality'], 5)]) {
    expect((await server.post(body)).status).toBe(200);
  }
  const { alerts } = await getAnswer(server.api, 'GET /api/alerts');
  return alerts[0]!.id;
}

function handshake(
  server: TestServer,
  cookie: string,
  origin: string,
): Promise<(Error & { data?: RealtimeError }) | Sync> {
  const socket = keep(
    testSocket(server.url, null, {
      extraHeaders: { cookie, origin },
      reconnection: false,
    }) as unknown as Socket,
  );
  return new Promise((resolve) => {
    socket.once('connect_error', resolve);
    socket.once('sync', resolve);
  });
}

describe('state-changing requests', () => {
  it('are refused from another origin, by Origin or by Sec-Fetch-Site, and nothing changes', async () => {
    const server = await start();
    const id = await openAlert(server);
    const ack = await post(server, `/api/alerts/${id}/ack`, { origin: SIBLING });
    expect(ack.status).toBe(403);
    expect(await errorOf(ack)).toEqual({
      code: 'cross_origin',
      message: `refused a request from origin ${SIBLING}: only this server's own pages (${new URL(server.url).host}) may do this`,
    });
    const cookie = await server.login();
    const logout = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-site' },
    });
    expect(logout.status).toBe(403);
    expect((await errorOf(logout)).code).toBe('cross_origin');
    expect((await fetch(`${server.url}/api/session`, { headers: { cookie } })).status).toBe(200);
    expect((await post(server, '/api/logout', { origin: 'null' })).status).toBe(403);
    const { alerts } = await getAnswer(server.api, 'GET /api/alerts');
    expect(alerts.find((a) => a.id === id)!.status).toBe('open');
  });

  it('work from the same origin, and from clients that are no browser (no Origin)', async () => {
    const server = await start();
    const id = await openAlert(server);
    const ack = await post(server, `/api/alerts/${id}/ack`, { origin: server.url, 'sec-fetch-site': 'same-origin' });
    expect(ack.status).toBe(200);
    const cookie = await server.login();
    expect((await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie } })).status).toBeLessThan(300);
    // the webhook is Zoom's, never a browser's: no origin rule applies
    const script = new MeetingScript({
      uuid: 'd2ViaG9vay1vcmlnaW4tdA==',
      topic: 'Hook',
      id: '81234567891',
      start: Date.now(),
    });
    const body = script.started(0);
    expect((await server.post(body)).status).toBe(200);
  });

  it('are allowed only from ROOMWATCH_PUBLIC_URL when it is set', async () => {
    const server = await start({ publicUrl: 'https://roomwatch.example' });
    const id = await openAlert(server);
    const own = await post(server, `/api/alerts/${id}/ack`, { origin: server.url });
    expect(own.status).toBe(403);
    expect((await errorOf(own)).message).toBe(
      `refused a request from origin ${server.url}: only https://roomwatch.example may do this`,
    );
    expect((await post(server, `/api/alerts/${id}/ack`, { origin: 'https://roomwatch.example' })).status).toBe(200);
  });
});

describe('the socket handshake', () => {
  it('is refused from another origin with a connect_error the client can read, and works from the same origin', async () => {
    const server = await start();
    const cookie = await server.login();
    const refused = (await handshake(server, cookie, SIBLING)) as Error & { data?: RealtimeError };
    expect(refused).toBeInstanceOf(Error);
    expect(refused.data?.error.code).toBe('cross_origin');
    expect(refused.message).toContain(SIBLING);
    const sync = (await handshake(server, cookie, server.url)) as Sync;
    expect(sync).toMatchObject({ type: 'snapshot' });
  });
});
