import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { testSocket } from '../support/live-clients';
import { MeetingScript } from '../support/meeting-script';
import { parsePrometheus, sampleValue as value, scrape, scrapeSamples } from '../support/prometheus';
import { serversPerTest } from '../support/test-servers';

const TOKEN = 'metrics-token-0123456789abcdef';

const servers = serversPerTest();
const start = (metricsToken?: string) => servers.start({ metricsToken });

describe('GET /metrics', () => {
  it('does not exist without ROOMWATCH_METRICS_TOKEN', async () => {
    const server = await start();
    expect((await scrape(server.url)).status).toBe(404);
    expect((await scrape(server.url, `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const server = await start(TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`, 'Bearer ']) {
      const response = await scrape(server.url, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await response.text()).not.toContain('roomwatch_');
    }
  });

  it('says in Prometheus format what the server did, every series prefixed roomwatch_', async () => {
    const server = await start(TOKEN);
    const socket = servers.keep(testSocket(server.url, await server.login()) as unknown as Socket);
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

    const text = await (await scrape(server.url, `Bearer ${TOKEN}`)).text();
    const { types } = parsePrometheus(text);
    for (const name of types.keys()) expect(name).toMatch(/^roomwatch_/);
    expect(types.get('roomwatch_webhooks_total')).toBe('counter');
    expect(types.get('roomwatch_ingest_batch_size')).toBe('histogram');
    expect(types.get('roomwatch_ingest_commit_seconds')).toBe('histogram');
    expect(types.get('roomwatch_webhook_to_emit_seconds')).toBe('histogram');
    expect(types.get('roomwatch_nodejs_eventloop_lag_seconds')).toBe('gauge');

    const all = await eventually(async () => {
      const now = await scrapeSamples(server.url, TOKEN);
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
