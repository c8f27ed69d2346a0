import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf } from '../support/api';
import { realisticEvent } from '../support/realistic-events';
import { signedHeaders } from '../support/signing';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const notUtf8 = new Uint8Array([0x7b, 0x22, 0x65, 0xff, 0xfe, 0x22, 0x7d]);

beforeAll(async () => {
  server = await startTestServer();
  const body = realisticEvent('meeting.started', { seed: 3 });
  await server.post(body);
  await server.post(body);
  await server.post('{"event": "meeting.ended", "payload": ');
  await server.post(notUtf8);
  for (let i = 0; i < 3; i++)
    await server.post({ event: `meeting.started`, event_ts: i, payload: { account_id: 'a' } });
  const raw = JSON.stringify(body);
  await fetch(`${server.url}/webhooks/zoom`, {
    method: 'POST',
    body: raw,
    headers: signedHeaders(raw, 'wrong secret'),
  });
});
afterAll(() => server.close());

/** what an admin gets at `path`, read as `route` answers */
const read = async <R extends 'GET /api/status' | 'GET /api/quarantine'>(route: R, path: string) => {
  const response = await server.api(path);
  return { status: response.status, body: await answerOf(route, response) };
};
const statusOf = async (path: string) => (await server.api(path)).status;

describe('GET /api/status', () => {
  it('counts what the webhook endpoint did since start-up and what the database holds', async () => {
    const { status, body } = await read('GET /api/status', '/api/status');
    expect(status).toBe(200);
    expect(body.webhooks).toMatchObject({ accepted: 1, duplicates: 1, quarantined: 5, rejectedTotal: 1 });
    expect(body.webhooks.rejected.bad_signature).toBe(1);
    expect(body.stored).toMatchObject({ events: 1, quarantined: 5, meetings: 1, liveMeetings: 1 });
  });
});

describe('GET /api/quarantine', () => {
  it('lists quarantined deliveries newest first, with the reason and the start of the body', async () => {
    const { body } = await read('GET /api/quarantine', '/api/quarantine');
    expect(body.deliveries).toHaveLength(5);
    expect(body.deliveries.map((d) => d.reason)).toEqual([
      expect.stringContaining('payload.object'),
      expect.stringContaining('payload.object'),
      expect.stringContaining('payload.object'),
      'body is not valid UTF-8',
      expect.stringContaining('not JSON'),
    ]);
    expect(body.deliveries[3]).toMatchObject({ event: null, bytes: notUtf8.length, preview: '{"e\ufffd\ufffd"}' });
    expect(body.deliveries[0]!.event).toBe('meeting.started');
    expect(body.nextBefore).toBeNull();
  });

  it('pages with before, and serves a body exactly as received', async () => {
    const first = (await read('GET /api/quarantine', '/api/quarantine?limit=2')).body;
    const second = (await read('GET /api/quarantine', `/api/quarantine?limit=2&before=${first.nextBefore}`)).body;
    const third = (await read('GET /api/quarantine', `/api/quarantine?limit=2&before=${second.nextBefore}`)).body;
    expect([...first.deliveries, ...second.deliveries, ...third.deliveries].map((d) => d.id)).toEqual([5, 4, 3, 2, 1]);
    const raw = await server.api(`/api/quarantine/${second.deliveries[1]!.id}/body`);
    expect(raw.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(notUtf8);
    expect(await statusOf('/api/quarantine/999/body')).toBe(404);
  });

  it('refuses bad parameters, anonymous callers and users limited to some accounts', async () => {
    for (const query of ['limit=0', 'limit=x', 'before=-3'])
      expect(await statusOf(`/api/quarantine?${query}`)).toBe(400);
    expect((await fetch(`${server.url}/api/quarantine`)).status).toBe(401);
    await server.application.auth.users.add('emea', 'emea-correct-horse', ['EmeaAccount000000000001']);
    const cookie = await server.login('emea', 'emea-correct-horse');
    for (const path of ['/api/status', '/api/quarantine', '/api/quarantine/1/body']) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(response.status).toBe(403);
    }
  });
});
