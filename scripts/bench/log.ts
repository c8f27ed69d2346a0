/**
 * Log: the cost of an event must not grow with the log. Sustained throughput (closed loop) of the
 * busy account's traffic into a Roomwatch whose event log already holds 1,000,000 events, against
 * the same into one whose log holds 1,000. The old events (copies of simulated traffic, moved two
 * days back, each copy its own meetings) are written straight into the database file before the
 * server starts, for speed: log rows only, as retention would leave the log of meetings it pruned.
 */
import Database from 'better-sqlite3';
import type { ZoomBody } from '../../server/demo/simulator';
import { openDatabase } from '../../server/db/open';
import type { BenchContext, BenchOutcome } from './context';
import type { Figure } from './report';
import { roomwatchDatabase } from './servers';
import { sustainedThroughput, type ThroughputResult } from './throughput';
import { busyTraffic } from './workloads';

const SHORT = 1_000;
const TWO_DAYS_MS = 2 * 86_400_000;

/** Writes `count` logged events into the (migrated) database in the folder. */
function fillLog(dir: string, pool: readonly ZoomBody[], count: number): void {
  const path = roomwatchDatabase(dir);
  openDatabase(path).$client.close();
  const sqlite = new Database(path);
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(
    `INSERT INTO events (received_at, event, event_ts, meeting_uuid, account_id, dedup_key, kind, raw)
     VALUES (?, ?, ?, ?, ?, ?, 'known', ?)`,
  );
  const now = Date.now();
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const copy = Math.floor(i / pool.length);
      const body = pool[i % pool.length]!;
      const uuid = `${String(body.payload.object.uuid)}-${copy}`;
      const ts = body.event_ts - TWO_DAYS_MS;
      const logged = { ...body, event_ts: ts, payload: { ...body.payload, object: { ...body.payload.object, uuid } } };
      insert.run(
        now - TWO_DAYS_MS + i,
        body.event,
        ts,
        uuid,
        body.payload.account_id,
        `${body.event}:${ts}:old-${i}`,
        JSON.stringify(logged),
      );
    }
  })();
  sqlite.close();
}

export async function log(context: BenchContext): Promise<BenchOutcome> {
  const sizes = context.quick
    ? { long: 200_000, warmupMs: 1_000, measureMs: 3_000, pool: 25_000 }
    : { long: 1_000_000, warmupMs: 2_000, measureMs: 10_000, pool: 60_000 };
  const bodies = busyTraffic(context.seed, sizes.pool);
  const old = busyTraffic(context.seed + 3, 10_000);
  const results: Record<'short' | 'long', ThroughputResult> = {} as never;
  for (const [which, count] of [
    ['short', SHORT],
    ['long', sizes.long],
  ] as const) {
    context.log(`log: roomwatch after ${count.toLocaleString('en-US')} logged events (written into the file first)`);
    results[which] = await sustainedThroughput(context, 'roomwatch', `log-${which}`, bodies, sizes, {
      prepare: (dir) => fillLog(dir, old, count),
    });
  }
  const share = results.long.perSecond / results.short.perSecond;
  const failed = results.long.outcomes.failed + results.short.outcomes.failed > 0;
  const figures: Figure[] = [
    {
      benchmark: 'log',
      name: `throughput after ${sizes.long.toLocaleString('en-US')} logged events (${Math.round(share * 100)} %; baseline column: after ${SHORT.toLocaleString('en-US')})`,
      unit: 'per_second',
      roomwatch: results.long.perSecond,
      baseline: results.short.perSecond,
      target: '≥ 90 % of after 1,000',
      pass: share >= 0.9 && !failed,
    },
  ];
  return { figures, details: { sizes, results } };
}
