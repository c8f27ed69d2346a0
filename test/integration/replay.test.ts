import { getAnswer } from '../support/api';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyZoomSignature } from '../../server/ingest/signature';
import { Scenario } from '../../server/demo/simulator';
import { Progress } from '../../server/replay/progress';
import { countLines, replayFile } from '../../server/replay/replay';
import { WebhookSender, webhookUrl } from '../../server/replay/webhook-sender';
import { runCli } from '../support/cli';
import { realisticEvent } from '../support/realistic-events';
import { startTestServer, type TestServer } from '../support/server';
import { TEST_SECRET } from '../support/signing';

const CAPTURES = fileURLToPath(new URL('../fixtures/zoom-captures-2026-04.ndjson', import.meta.url));

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'roomwatch-replay-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const sender = (secret = TEST_SECRET) => new WebhookSender({ url: server.url, secret, retryDelaysMs: [0, 0, 0] });
const sql = <T>(query: string, ...params: unknown[]) => server.db.$client.prepare(query).all(...params) as T[];

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('replay into a real server', () => {
  it('posts the 162 real captures, then recognises all of them as duplicates', async () => {
    const first = await replayFile({ file: CAPTURES, sender: sender(), speed: null });
    expect(first).toEqual({
      sent: 162,
      accepted: 162,
      duplicates: 0,
      quarantined: 0,
      failed: 0,
      badLines: 0,
      failures: {},
    });
    const uuids = sql<{ meeting_uuid: string }>('SELECT DISTINCT meeting_uuid FROM events ORDER BY 1').map(
      (r) => r.meeting_uuid,
    );
    expect(uuids).toEqual(expect.arrayContaining(['TESTUUID0001==', 'TESTUUID0004==']));
    const again = await replayFile({ file: CAPTURES, sender: sender(), speed: null });
    expect(again).toMatchObject({ sent: 162, accepted: 0, duplicates: 162, failed: 0 });
  });

  it('skips bad lines with their number, posts the rest, and counts what the server did', async () => {
    const story = new Scenario({ seed: 21, start: Date.now() - 60_000 });
    const meeting = story.meeting({ topic: 'Replay 🎬 회의' });
    meeting.join('Zoë Müller');
    const [started, hostJoined, zoeJoined] = story.events().map((e) => e.body);
    // the exact bytes of a pretty-printed body survive as a "raw" string
    const pretty = JSON.stringify(realisticEvent('meeting.sharing_started', { seed: 5 }), null, 2);
    const noPayload = { ...realisticEvent('meeting.participant_left', { seed: 6 }) };
    delete noPayload.payload;
    const path = file('mixed.ndjson', [
      JSON.stringify(started),
      '{"event": "meeting.started", "payload": ',
      '',
      JSON.stringify({ received_at: '2026-04-03T17:06:28.995Z', raw: hostJoined }),
      '[1, 2, 3]',
      JSON.stringify({ raw: pretty }),
      JSON.stringify({ note: 'not a webhook' }),
      JSON.stringify({ raw: '' }),
      JSON.stringify({ raw: zoeJoined, received_at: 'yesterday' }),
      JSON.stringify(noPayload),
      `  ${JSON.stringify(zoeJoined)}  \r`,
    ]);
    const reports: string[] = [];
    const summary = await replayFile({ file: path, sender: sender(), speed: null, report: (m) => reports.push(m) });
    expect(summary).toEqual({
      sent: 5,
      accepted: 4,
      duplicates: 0,
      quarantined: 1,
      failed: 0,
      badLines: 5,
      failures: {},
    });
    expect(reports).toEqual([
      expect.stringMatching(/^line 2: skipped: not JSON/),
      'line 5: skipped: not a JSON object',
      'line 7: skipped: no webhook body: expected an "event" field (a body) or a "raw" field (a recorded delivery)',
      'line 8: skipped: raw: must not be empty',
      expect.stringMatching(/^line 9: skipped: received_at: /),
    ]);
    expect(sql('SELECT seq FROM events WHERE raw = ?', pretty)).toHaveLength(1);
    expect(sql('SELECT seq FROM events WHERE raw = ?', JSON.stringify(zoeJoined))).toHaveLength(1);
    const detail = await getAnswer(server.api, 'GET /api/meetings/:uuid', { params: { uuid: meeting.facts.uuid } });
    expect(detail.participants.map((p) => p.name).sort()).toEqual([meeting.hostIdentity.name, 'Zoë Müller'].sort());
  });

  it('reports every post refused for a wrong secret as failed, without retrying a 4xx', async () => {
    const path = file(
      'three.ndjson',
      [1, 2, 3].map((seed) => JSON.stringify(realisticEvent('meeting.alert', { seed }))),
    );
    const before = server.application.metrics.rejected.bad_signature;
    const summary = await replayFile({ file: path, sender: sender('not-the-secret'), speed: null });
    expect(summary).toMatchObject({ sent: 3, accepted: 0, failed: 3, failures: { 'HTTP 401 bad_signature': 3 } });
    expect(server.application.metrics.rejected.bad_signature).toBe(before + 3);
  });

  it('paces lines by received_at at --speed, as fast as possible for lines without one', async () => {
    const body = (seed: number) => realisticEvent('meeting.alert', { seed: 100 + seed });
    const path = file('paced.ndjson', [
      JSON.stringify({ received_at: '2026-04-03T17:00:00.000Z', raw: body(1) }),
      JSON.stringify({ received_at: '2026-04-03T17:00:01.000Z', raw: body(2) }),
      JSON.stringify(body(3)),
      JSON.stringify({ received_at: Date.parse('2026-04-03T17:00:05.000Z'), raw: body(4) }),
      JSON.stringify({ received_at: '2026-04-03T16:59:00.000Z', raw: body(5) }),
    ]);
    let now = 1_000_000;
    const sleeps: number[] = [];
    const summary = await replayFile({
      file: path,
      sender: sender(),
      speed: 2,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    expect(summary).toMatchObject({ sent: 5, accepted: 5 });
    expect(sleeps).toEqual([500, 2_000]);
  });
});

describe('WebhookSender', () => {
  async function stub(answers: number[]) {
    const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
    const stubServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ headers: request.headers, body });
        const status = answers[seen.length - 1] ?? 200;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(status === 200 ? '{"status":"accepted","seq":1}' : '{"error":{"code":"store_failed"}}');
      });
    });
    await new Promise<void>((resolve) => stubServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(stubServer.address() as AddressInfo).port}`;
    return { url, seen, close: () => new Promise((resolve) => stubServer.close(resolve)) };
  }

  it('retries after a 5xx and signs every attempt over the exact body', async () => {
    const endpoint = await stub([503, 500, 200]);
    const body = '{"event":"meeting.started","note":"café 🎉"}';
    const outcome = await new WebhookSender({ url: endpoint.url, secret: 's3cret', retryDelaysMs: [0, 0, 0] }).send(
      body,
    );
    expect(outcome).toEqual({ status: 'accepted' });
    expect(endpoint.seen).toHaveLength(3);
    for (const { headers, body: received } of endpoint.seen) {
      expect(received).toBe(body);
      const check = verifyZoomSignature({
        signature: headers['x-zm-signature'] as string,
        timestamp: headers['x-zm-request-timestamp'] as string,
        rawBody: Buffer.from(received),
        secrets: ['s3cret'],
        nowMs: Date.now(),
      });
      expect(check.ok).toBe(true);
    }
    await endpoint.close();
  });

  it('gives up after its retries, with the last reason', async () => {
    const endpoint = await stub([503, 503, 503]);
    const outcome = await new WebhookSender({ url: endpoint.url, secret: 's', retryDelaysMs: [0, 0] }).send('{}');
    expect(outcome).toEqual({ status: 'failed', reason: 'HTTP 503 store_failed' });
    expect(endpoint.seen).toHaveLength(3);
    await endpoint.close();
    const refused = await new WebhookSender({ url: endpoint.url, secret: 's', retryDelaysMs: [0] }).send('{}');
    expect(refused).toEqual({ status: 'failed', reason: 'ECONNREFUSED' });
  });

  it('posts to /webhooks/zoom of a base URL, and to a full URL as given', () => {
    expect(webhookUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/webhooks/zoom');
    expect(webhookUrl('https://rooms.example.com/')).toBe('https://rooms.example.com/webhooks/zoom');
    expect(webhookUrl('https://proxy.example.com/zoom/hook')).toBe('https://proxy.example.com/zoom/hook');
  });
});

describe('Progress', () => {
  it('draws a bar on a terminal and plain periodic lines elsewhere', () => {
    let now = 0;
    const tty = { text: '', isTTY: true, write: (t: string) => (tty.text += t) };
    const bar = new Progress(tty, 'replay', 200, () => now);
    now = 2_000;
    bar.update({ done: 100, failed: 3 });
    bar.log('line 7: skipped: not JSON');
    bar.finish();
    expect(tty.text).toContain('replay [████████████░░░░░░░░░░░░] 100/200 50.0%  50/s  failed 3');
    expect(tty.text).toContain('\r\x1b[2Kline 7: skipped: not JSON\n');
    const pipe = { text: '', isTTY: false, write: (t: string) => (pipe.text += t) };
    const plain = new Progress(pipe, 'replay', 10, () => now);
    plain.update({ done: 1, failed: 0 });
    now += 500;
    plain.update({ done: 2, failed: 0 });
    plain.finish();
    expect(pipe.text.split('\n').filter(Boolean)).toEqual([
      'replay: 1/10 (10.0%), 1/s, 0 failed',
      'replay: 2/10 (20.0%), 2/s, 0 failed',
    ]);
    expect(pipe.text).not.toContain('\r');
  });

  it('counts lines, the last one without a newline included', async () => {
    expect(await countLines(file('count-a.ndjson', ['a', 'b', 'c']))).toBe(3);
    writeFileSync(join(dir, 'count-b.ndjson'), 'a\nb\n');
    expect(await countLines(join(dir, 'count-b.ndjson'))).toBe(2);
    expect(await countLines(CAPTURES)).toBe(162);
  });
});

describe('npm run replay', () => {
  it('replays a file, prints the summary and exits 0 when everything went through', async () => {
    const story = new Scenario({ seed: 22, start: Date.now() - 60_000 });
    story.meeting().join('Olu Adeyemi');
    const path = file(
      'story.ndjson',
      story.events().map((e) => JSON.stringify(e.body)),
    );
    const result = await runCli('replay', [path, '--url', server.url], {
      env: { ZOOM_WEBHOOK_SECRET_TOKEN: `${TEST_SECRET},older-secret` },
    });
    expect(result.stdout).toMatch(/replayed to http:\/\/127\.0\.0\.1:\d+\/webhooks\/zoom in \d+\.\d s/);
    expect(result.stdout).toContain('sent 3  accepted 3  duplicates 0  quarantined 0  failed 0  bad lines 0');
    expect(result.stderr).toContain('replay: 3/3 (100.0%)');
    expect(result.code).toBe(0);
  });

  it('reports bad lines by number and exits 1', async () => {
    const path = file('bad.ndjson', ['nonsense', JSON.stringify(realisticEvent('meeting.alert', { seed: 31 }))]);
    const result = await runCli('replay', [
      path,
      '--url',
      server.url,
      '--secret',
      TEST_SECRET,
      '--as-fast-as-possible',
    ]);
    expect(result.stderr).toContain('line 1: skipped: not JSON');
    expect(result.stdout).toContain('sent 1  accepted 1  duplicates 0  quarantined 0  failed 0  bad lines 1');
    expect(result.code).toBe(1);
  });

  it('refuses bad flags with one clear line', async () => {
    const cases: [string[], string][] = [
      [[CAPTURES, '--speed', 'fast'], '--speed must be a positive number (got "fast")'],
      [[CAPTURES, '--speed', '2', '--as-fast-as-possible'], '--speed takes --speed or --as-fast-as-possible, not both'],
      [[CAPTURES, '--url', 'ftp://example.com'], '--url must be an http(s) URL'],
      [[], 'expects exactly one FILE to replay'],
      [[join(dir, 'missing.ndjson'), '--secret', 's'], 'cannot read'],
      [[CAPTURES], 'needs the secret token'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli('replay', args, { env: { ZOOM_WEBHOOK_SECRET_TOKEN: undefined } });
      expect(result.stderr).toContain(message);
      expect(result.code).toBe(2);
    }
  });
});
