import { getAnswer } from '../support/api';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Traffic } from '../../server/demo/simulator';
import { exportEvents } from '../../server/replay/export';
import { replayFile } from '../../server/replay/replay';
import { WebhookSender } from '../../server/replay/webhook-sender';
import { runCli } from '../support/cli';
import { FakeClock } from '../support/fake-clock';
import { realisticEvent } from '../support/realistic-events';
import { startTestServer, type TestServer } from '../support/server';
import { TEST_SECRET } from '../support/signing';

const HOUR = 3_600_000;

/** server A received a first batch at t0 and a second one two hours later */
let source: TestServer;
let clock: FakeClock;
let t0: number;
let firstBatch: { events: number; firstSeq: number; lastSeq: number };
let secondBatch: { events: number; firstSeq: number; lastSeq: number };
/** bodies whose exact bytes a re-serialisation would change */
const pretty = JSON.stringify(realisticEvent('meeting.sharing_started', { seed: 41 }), null, 2);
const escaped = JSON.stringify(realisticEvent('meeting.alert', { seed: 42 })).replace('"issues"', '"\\u0069ssues"');

const rows = (server: TestServer) =>
  server.db.$client
    .prepare('SELECT event, event_ts, meeting_uuid, account_id, dedup_key, kind, raw FROM events ORDER BY seq')
    .all();

async function postAll(bodies: (object | string)[]): Promise<void> {
  for (const body of bodies) {
    const response = await source.post(body, { timestampSec: Math.floor(clock.now() / 1000) });
    expect(response.status).toBe(200);
  }
}

beforeAll(async () => {
  t0 = Date.now();
  clock = new FakeClock(t0);
  source = await startTestServer({ clock });
  const traffic = new Traffic({ seed: 51, rate: 3, start: t0 - HOUR });
  const first = traffic.advanceTo(t0 - 50 * 60_000);
  await postAll(first.map((e) => e.body));
  clock.advance(2 * HOUR);
  const second = [...traffic.advanceTo(t0 - 40 * 60_000), ...traffic.flush()];
  const unknown = {
    event: 'meeting.hologram_started',
    event_ts: t0,
    payload: { account_id: 'a', object: { uuid: 'h0l0==' } },
  };
  await postAll([...second.map((e) => e.body), pretty, escaped, unknown, pretty]);
  const batch = (from: number, to: number) =>
    source.db.$client
      .prepare(
        `SELECT count(*) AS events, min(seq) AS firstSeq, max(seq) AS lastSeq FROM events
         WHERE received_at >= ? AND received_at < ?`,
      )
      .get(from, to) as { events: number; firstSeq: number; lastSeq: number };
  firstBatch = batch(0, t0 + HOUR);
  secondBatch = batch(t0 + HOUR, Number.MAX_SAFE_INTEGER);
  expect(firstBatch.events).toBeGreaterThan(100);
  expect(secondBatch.events).toBeGreaterThan(100);
}, 120_000);
afterAll(() => source.close());

async function exportTo(path: string, since: number | null = null, until: number | null = null) {
  const out = createWriteStream(path);
  const summary = await exportEvents({ dbPath: source.dbPath, since, until, out });
  out.end();
  await finished(out);
  return summary;
}

const apiState = async (server: TestServer) => {
  const list = await getAnswer(server.api, 'GET /api/meetings', { query: { status: 'live,stale,ended' } });
  const details = [];
  for (const { uuid } of list.meetings) {
    details.push(await (await server.api(`/api/meetings/${encodeURIComponent(uuid)}`)).json());
  }
  return { list, details };
};

describe('export -> replay round trip', () => {
  it('gives a fresh server the same event log, byte for byte, and the same live state', async () => {
    const path = join(source.dir, 'all.ndjson');
    const summary = await exportTo(path);
    expect(summary).toEqual({
      events: firstBatch.events + secondBatch.events,
      firstSeq: firstBatch.firstSeq,
      lastSeq: secondBatch.lastSeq,
    });

    const target = await startTestServer();
    try {
      const replayed = await replayFile({
        file: path,
        sender: new WebhookSender({ url: target.url, secret: TEST_SECRET }),
        speed: null,
      });
      expect(replayed).toMatchObject({ sent: summary.events, accepted: summary.events, failed: 0, badLines: 0 });
      expect(rows(target)).toEqual(rows(source));
      const [before, after] = [await apiState(source), await apiState(target)];
      expect(before.list.meetings.length).toBeGreaterThan(5);
      expect(after).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('writes readable lines, keeping as a string only a body whose bytes re-serialising would change', async () => {
    const path = join(source.dir, 'lines.ndjson');
    await exportTo(path);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const parsed = lines.map(
      (line) => JSON.parse(line) as { seq: number; received_at: string; event: string; raw: unknown },
    );
    // in log order (a redelivery, refused as a duplicate, leaves a gap in seq)
    for (let i = 1; i < parsed.length; i++) expect(parsed[i]!.seq).toBeGreaterThan(parsed[i - 1]!.seq);
    expect(parsed[0]).toMatchObject({ received_at: new Date(t0).toISOString(), raw: { event: parsed[0]!.event } });
    const strings = parsed.filter((l) => typeof l.raw === 'string').map((l) => l.raw);
    expect(strings).toEqual([pretty, escaped]);
  });

  it('keeps to --since and --until', async () => {
    expect(await exportTo(join(source.dir, 'later.ndjson'), t0 + HOUR)).toEqual(secondBatch);
    expect(await exportTo(join(source.dir, 'earlier.ndjson'), null, t0 + HOUR)).toEqual(firstBatch);
    expect(await exportTo(join(source.dir, 'none.ndjson'), t0 + 3 * HOUR)).toEqual({
      events: 0,
      firstSeq: null,
      lastSeq: null,
    });
  });
});

describe('npm run export', () => {
  it('writes the events since an ISO date to --out and says how many', async () => {
    const out = join(source.dir, 'cli.ndjson');
    const since = new Date(t0 + HOUR).toISOString();
    const result = await runCli('export', ['--db', source.dbPath, '--since', since, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr.trim()).toBe(
      `exported ${secondBatch.events} events (seq ${secondBatch.firstSeq} to ${secondBatch.lastSeq}) from ${source.dbPath} to ${out}`,
    );
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(secondBatch.events);
    for (const line of lines) {
      expect(Date.parse((JSON.parse(line) as { received_at: string }).received_at)).toBeGreaterThanOrEqual(t0 + HOUR);
    }
  });

  it('writes to standard output with DATABASE_PATH and a duration', async () => {
    // every event was received within the last 24 hours (the second batch, by the fake clock, even later)
    const result = await runCli('export', ['--since', '24h'], { env: { DATABASE_PATH: source.dbPath } });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(firstBatch.events + secondBatch.events);
  });

  it('says what is wrong with the database or the flags', async () => {
    const notRoomwatch = join(source.dir, 'other.db');
    new Database(notRoomwatch).exec('CREATE TABLE t (x)');
    writeFileSync(join(source.dir, 'empty.txt'), '');
    const cases: [string[], number, string][] = [
      [['--db', join(source.dir, 'missing.db')], 1, 'cannot open the database'],
      [['--db', notRoomwatch], 1, 'is not a Roomwatch database (it has no events table)'],
      [['--db', source.dbPath, '--out', join(source.dir, 'no', 'such', 'dir.ndjson')], 1, 'cannot write'],
      [['--since', 'last week'], 2, '--since must be an ISO date (2026-04-03T17:00:00Z) or a duration (90m, 24h, 7d)'],
      [['--since', '1h', '--until', '2h'], 2, '--until must be later than --since'],
      [['--format', 'csv'], 2, "Unknown option '--format'"],
    ];
    for (const [args, code, message] of cases) {
      const result = await runCli('export', args);
      expect(result.stderr).toContain(message);
      expect(result.code).toBe(code);
    }
  });
});
