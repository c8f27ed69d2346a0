import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { testSocket } from '../support/live-clients';
import { MeetingScript } from '../support/meeting-script';
import { startTestServer, type TestServer } from '../support/server';

const TOKEN = 'metrics-token-0123456789abcdef';

const servers: TestServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(metricsToken?: string): Promise<TestServer> {
  const server = await startTestServer({ metricsToken });
  servers.push(server);
  return server;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (0.0.4); throws on any line that is not a comment or a sample. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a Prometheus line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g)) {
      labels[key!] = value!;
    }
    // Go's ParseFloat, as Prometheus reads it: NaN and infinities in any case
    const raw = sample[3]!;
    const value = /^nan$/i.test(raw)
      ? NaN
      : /^[+-]?inf$/i.test(raw)
        ? raw.startsWith('-')
          ? -Infinity
          : Infinity
        : Number(raw);
    if (Number.isNaN(value) && !/^nan$/i.test(raw)) throw new Error(`not a number: ${line}`);
    samples.push({ name: sample[1]!, labels, value });
  }
  return { samples, types };
}

const scrape = (server: TestServer, authorization?: string) =>
  fetch(`${server.url}/metrics`, { headers: authorization === undefined ? {} : { authorization } });

async function samples(server: TestServer): Promise<Sample[]> {
  const response = await scrape(server, `Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parse(await response.text()).samples;
}

const value = (all: Sample[], name: string, labels: Record<string, string> = {}) =>
  all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('GET /metrics', () => {
  it('does not exist without ROOMWATCH_METRICS_TOKEN', async () => {
    const server = await start();
    expect((await scrape(server)).status).toBe(404);
    expect((await scrape(server, `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const server = await start(TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`, 'Bearer ']) {
      const response = await scrape(server, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await response.text()).not.toContain('roomwatch_');
    }
  });

  it('says in Prometheus format what the server did, every series prefixed roomwatch_', async () => {
    const server = await start(TOKEN);
    const socket = testSocket(server.url, await server.login()) as unknown as Socket;
    sockets.push(socket);
    await new Promise((resolve) => socket.once('sync', resolve));
    const script = new MeetingScript({
      uuid: 'bWV0cmljcy10ZXN0LW1lZXQ=',
      topic: 'Metrics',
      id: '81234567892',
      start: Date.now(),
    });
    const bodies = [
      script.started(0),
      script.join(script.person('Ana Lima'), 10),
      script.alert(['Unstable audio quality'], 20),
    ];
    for (const body of bodies) expect((await server.post(body)).status).toBe(200);
    expect((await server.post(bodies[0])).status).toBe(200);
    expect((await server.post(bodies[0], { secret: 'not-the-secret' })).status).toBe(401);

    const text = await (await scrape(server, `Bearer ${TOKEN}`)).text();
    const { types } = parse(text);
    for (const name of types.keys()) expect(name).toMatch(/^roomwatch_/);
    expect(types.get('roomwatch_webhooks_total')).toBe('counter');
    expect(types.get('roomwatch_ingest_batch_size')).toBe('histogram');
    expect(types.get('roomwatch_ingest_commit_seconds')).toBe('histogram');
    expect(types.get('roomwatch_webhook_to_emit_seconds')).toBe('histogram');
    expect(types.get('roomwatch_nodejs_eventloop_lag_seconds')).toBe('gauge');

    const all = await eventually(async () => {
      const now = await samples(server);
      // the diffs go out at the next realtime tick
      return (value(now, 'roomwatch_webhook_to_emit_seconds_count') ?? 0) >= 3 ? now : null;
    });
    expect(value(all, 'roomwatch_webhooks_total', { outcome: 'accepted' })).toBe(3);
    expect(value(all, 'roomwatch_webhooks_total', { outcome: 'duplicate' })).toBe(1);
    expect(value(all, 'roomwatch_webhooks_total', { outcome: 'refused_bad_signature' })).toBe(1);
    expect(value(all, 'roomwatch_webhooks_total', { outcome: 'store_failed' })).toBe(0);
    expect(value(all, 'roomwatch_ingest_batch_size_sum')).toBe(4);
    expect(value(all, 'roomwatch_ingest_commit_seconds_count')).toBe(value(all, 'roomwatch_ingest_batch_size_count'));
    expect(value(all, 'roomwatch_alerts_open', { severity: 'warning' })).toBe(1);
    expect(value(all, 'roomwatch_alerts_open', { severity: 'critical' })).toBe(0);
    expect(value(all, 'roomwatch_sockets', { channel: 'overview' })).toBe(1);
    expect(value(all, 'roomwatch_sockets', { channel: 'alerts' })).toBe(1);
    expect(value(all, 'roomwatch_sockets', { channel: 'meeting' })).toBe(0);
    expect(value(all, 'roomwatch_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(all, 'roomwatch_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
