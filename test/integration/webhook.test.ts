import { answerOf, errorOf } from '../support/api';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMES, realisticEvent, rng, specEventNames } from '../support/realistic-events';
import { TEST_SECRET, signedHeaders } from '../support/signing';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ webhookSecrets: [TEST_SECRET, 'previous-secret'] });
});
afterAll(() => server.close());

const sql = <T>(query: string, ...params: unknown[]) => server.db.$client.prepare(query).all(...params) as T[];
const count = (table: string) => sql<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;

describe('POST /webhooks/zoom: signature', () => {
  it('refuses a missing, wrong or stale signature with a JSON 401, stores nothing and counts it', async () => {
    const body = JSON.stringify(realisticEvent('meeting.started', { seed: 7 }));
    const before = { events: count('events'), quarantine: count('quarantine') };
    const rejectedBefore = server.application.metrics.rejectedTotal;
    const attempts: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      signedHeaders(body, 'not-the-secret'),
      signedHeaders(body, TEST_SECRET, Math.floor(Date.now() / 1000) - 600),
      signedHeaders(body, TEST_SECRET, Math.floor(Date.now() / 1000) + 600),
      { ...signedHeaders(body), 'x-zm-request-timestamp': '' },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/webhooks/zoom`, { method: 'POST', body, headers });
      expect(response.status).toBe(401);
      const error = await errorOf(response);
      expect(error.code).toMatch(/signature|timestamp/);
      expect(error.message).toContain('signature refused');
    }
    expect(server.application.metrics.rejectedTotal).toBe(rejectedBefore + attempts.length);
    expect({ events: count('events'), quarantine: count('quarantine') }).toEqual(before);
  });

  it('accepts a delivery signed with a rotated (previous) secret', async () => {
    const response = await server.post(realisticEvent('meeting.started', { seed: 8 }), { secret: 'previous-secret' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'accepted' });
  });

  it('verifies the exact bytes of a body with emoji and Korean names', async () => {
    const raw = `{"event":"meeting.participant_joined","event_ts":${Date.now()},"payload":{"account_id":"acc-1","object":{"uuid":"kR/9+emoji==","id":85746065432,"host_id":"h","topic":"회의 🎉","type":2,"duration":60,"participant":{"user_name":"김민준 🎧","user_id":"16778240","participant_uuid":"A1B2C3D4-0000-1111-2222-333344445555","join_time":"2026-11-24T10:00:00Z"}}}}`;
    const response = await server.post(raw);
    expect(response.status).toBe(200);
    const [row] = sql<{ raw: string }>('SELECT raw FROM events WHERE meeting_uuid = ?', 'kR/9+emoji==');
    expect(row!.raw).toBe(raw);
  });
});

describe('POST /webhooks/zoom: endpoint.url_validation', () => {
  it('answers plainToken with the HMAC of the secret that verified the request', async () => {
    for (const secret of [TEST_SECRET, 'previous-secret']) {
      const plainToken = 'qgg8vlvZRS6UYooatFL8Aw';
      const response = await server.post(
        { payload: { plainToken }, event_ts: Date.now(), event: 'endpoint.url_validation' },
        { secret },
      );
      expect(response.status).toBe(200);
      const expected = createHmac('sha256', secret).update(plainToken).digest('hex');
      expect(await response.json()).toEqual({ plainToken, encryptedToken: expected });
    }
  });

  it('does not answer a validation request that is not signed', async () => {
    const body = JSON.stringify({ payload: { plainToken: 'abc' }, event: 'endpoint.url_validation' });
    const response = await fetch(`${server.url}/webhooks/zoom`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(401);
  });
});

describe('POST /webhooks/zoom: every event type of the spec', () => {
  it('lists 105 event types', () => {
    expect(specEventNames).toHaveLength(105);
  });

  it.each(specEventNames)('accepts a realistic %s and appends it to the event log', async (name) => {
    const body = realisticEvent(name, { seed: name.length * 31 + name.charCodeAt(8) });
    const response = await server.post(body);
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as { status: string; seq: number; kind: string };
    expect(outcome).toMatchObject({ status: 'accepted', kind: 'known' });
    const [row] = sql<{ event: string; event_ts: number; account_id: string; raw: string; received_at: number }>(
      'SELECT * FROM events WHERE seq = ?',
      outcome.seq,
    );
    expect(row).toMatchObject({
      event: name,
      event_ts: body.event_ts,
      account_id: (body.payload as { account_id: string }).account_id,
    });
    expect(JSON.parse(row!.raw)).toEqual(body);
    expect(Math.abs(row!.received_at - Date.now())).toBeLessThan(60_000);
  });

  it.each(specEventNames)('quarantines %s without its event_ts or payload, with the reason', async (name) => {
    for (const missing of ['event_ts', 'payload'] as const) {
      const body = realisticEvent(name, { seed: 99 });
      delete body[missing];
      const raw = JSON.stringify(body);
      const response = await server.post(raw);
      expect(response.status).toBe(200);
      const outcome = (await response.json()) as { status: string; reason: string };
      expect(outcome.status).toBe('quarantined');
      expect(outcome.reason).toContain(missing);
      const rows = sql<{ reason: string; event: string; body: Buffer }>(
        'SELECT * FROM quarantine WHERE body = ?',
        Buffer.from(raw),
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.event).toBe(name);
      expect(rows[0]!.reason).toBe(outcome.reason);
    }
  });

  it('quarantines a meeting event whose payload.object lacks the meeting uuid', async () => {
    const body = realisticEvent('meeting.participant_joined', { seed: 5 });
    delete ((body.payload as Record<string, unknown>).object as Record<string, unknown>).uuid;
    const outcome = (await (await server.post(body)).json()) as { status: string; reason: string };
    expect(outcome).toMatchObject({ status: 'quarantined' });
    expect(outcome.reason).toContain('payload.object.uuid');
  });
});

describe('POST /webhooks/zoom: delivery facts', () => {
  it('stores a delivery posted three times once, and acknowledges every copy', async () => {
    const body = JSON.stringify(realisticEvent('meeting.participant_left', { seed: 1234 }));
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await server.post(body);
      statuses.push([response.status, (await answerOf('POST /webhooks/zoom', response)).status]);
    }
    expect(statuses).toEqual([
      [200, 'accepted'],
      [200, 'duplicate'],
      [200, 'duplicate'],
    ]);
    expect(sql('SELECT seq FROM events WHERE raw = ?', body)).toHaveLength(1);
  });

  it('recognises a redelivery re-serialised with other key order and whitespace', async () => {
    const body = realisticEvent('meeting.sharing_started', { seed: 77 });
    expect((await answerOf('POST /webhooks/zoom', await server.post(body))).status).toBe('accepted');
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2);
    expect((await answerOf('POST /webhooks/zoom', await server.post(reordered))).status).toBe('duplicate');
  });

  it('stores a signed event of a type the spec does not list as unknown', async () => {
    const body = {
      event: 'meeting.hologram_started',
      event_ts: Date.now(),
      payload: { account_id: 'a', object: { uuid: 'holo==' } },
    };
    const outcome = (await (await server.post(body)).json()) as { status: string; seq: number; kind: string };
    expect(outcome).toMatchObject({ status: 'accepted', kind: 'unknown' });
    expect(sql<{ kind: string }>('SELECT kind FROM events WHERE seq = ?', outcome.seq)[0]!.kind).toBe('unknown');
  });

  it('quarantines signed bodies that are not JSON or not UTF-8, answering 2xx so Zoom does not retry', async () => {
    const notJson = '{"event":"meeting.started", "payload": ';
    const notUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    for (const raw of [notJson, notUtf8, '[1,2,3]', '"meeting.started"', '{}']) {
      const response = await server.post(raw);
      expect(response.status).toBe(200);
      expect((await answerOf('POST /webhooks/zoom', response)).status).toBe('quarantined');
    }
    const reasons = sql<{ reason: string }>('SELECT reason FROM quarantine ORDER BY id DESC LIMIT 5').map(
      (r) => r.reason,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('not JSON'),
        'body is not valid UTF-8',
        'body is not a JSON object',
        expect.stringContaining('event'),
      ]),
    );
    const stored = sql<{ body: Buffer }>('SELECT body FROM quarantine WHERE reason = ?', 'body is not valid UTF-8');
    expect(new Uint8Array(stored[0]!.body)).toEqual(notUtf8);
  });

  it('answers 413 to a body over 1 MiB, before anything is stored', async () => {
    const before = count('quarantine') + count('events');
    const big = JSON.stringify({ event: 'meeting.started', padding: 'x'.repeat(1024 * 1024) });
    const response = await server.post(big);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
    expect(count('quarantine') + count('events')).toBe(before);
  });

  it('answers 413 to a chunked body that grows past 1 MiB, without reading the rest', async () => {
    const before = count('quarantine') + count('events');
    const { port } = new URL(server.url);
    const chunk = `{"event":"meeting.started","padding":"${'x'.repeat(64 * 1024)}`;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, path: '/webhooks/zoom', method: 'POST', headers: signedHeaders(chunk) },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (text: string) => (body += text));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      request.on('error', reject);
      // no content-length: the size is only known as the chunks arrive, 20 of 64 KiB
      for (let i = 0; i < 20; i++) request.write(i === 0 ? chunk : 'x'.repeat(64 * 1024));
      request.end('"}');
    });
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(count('quarantine') + count('events')).toBe(before);
  });

  it('answers 5xx when the store fails, so that Zoom retries, and accepts the retry once it works', async () => {
    const sqlite = server.db.$client;
    sqlite.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const body = JSON.stringify(realisticEvent('meeting.participant_joined', { seed: 4242 }));
    try {
      const response = await server.post(body);
      expect(response.status).toBe(503);
      expect((await errorOf(response)).code).toBe('store_failed');
    } finally {
      sqlite.exec('DROP TRIGGER fail_insert');
    }
    expect(sql('SELECT seq FROM events WHERE raw = ?', body)).toHaveLength(0);
    const retry = await server.post(body);
    expect((await answerOf('POST /webhooks/zoom', retry)).status).toBe('accepted');
  });

  it('accepts all 162 real Zoom captures, signed and posted in received order', async () => {
    const lines = readFileSync(new URL('../fixtures/zoom-captures-2026-04.ndjson', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(162);
    for (const line of lines) {
      const response = await server.post(JSON.stringify((JSON.parse(line) as { raw: unknown }).raw));
      expect(response.status).toBe(200);
      expect((await answerOf('POST /webhooks/zoom', response)).status).toBe('accepted');
    }
  });
});

describe('POST /webhooks/zoom: 1,000 random and mutated bodies', () => {
  function mutate(random: () => number, value: unknown, depth = 0): unknown {
    const roll = random();
    if (value !== null && typeof value === 'object' && depth < 6) {
      const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...value };
      for (const key of Object.keys(copy)) {
        const r = random();
        if (r < 0.08) delete copy[key];
        else if (r < 0.5) copy[key] = mutate(random, copy[key], depth + 1);
      }
      if (roll < 0.05) copy.__proto__ = { polluted: true };
      return copy;
    }
    if (roll < 0.15) return null;
    if (roll < 0.3) return Math.floor(random() * 1e15) - 5e14;
    if (roll < 0.4) return NAMES[Math.floor(random() * NAMES.length)];
    if (roll < 0.5) return [value, value];
    if (roll < 0.55) return { nested: value };
    if (roll < 0.6) return '\u0000\ud800'.repeat(3);
    if (roll < 0.65) return 1e308 * 10;
    return value;
  }

  it('never answers 5xx and keeps serving', async () => {
    const random = rng(2026);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const name = specEventNames[Math.floor(random() * specEventNames.length)]!;
      let raw = JSON.stringify(mutate(random, realisticEvent(name, { seed: i })));
      const r = random();
      if (r < 0.05) raw = raw.slice(0, Math.floor(random() * raw.length));
      else if (r < 0.08) raw = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      else if (r < 0.1) raw = `{"event":"x","event_ts":1,"payload":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`;
      else if (r < 0.12) raw = String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(random() * 256)));
      const response = await server.post(raw);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      await response.arrayBuffer();
    }
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(statuses.get(200)).toBeGreaterThan(900);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
