/**
 * Ingest: signed webhooks through the real endpoint and the whole pipeline (verify, validate, log,
 * reduce, alerts, broadcast), against the bare baseline that only verifies and inserts.
 * - throughput: closed loop, CONCURRENCY posts in flight for the measured window, in PAIRS of a
 *   baseline run then a Roomwatch run (fresh servers, the same deliveries, the same durations): the
 *   machine's speed drifts within a run, so the figure is the median pair's and its ratio;
 * - acknowledgement latency: open loop at RATE per second, each post at its due time.
 */
import { SECRET, withServer, type BenchContext, type BenchOutcome, type ServerKind } from './context';
import { fixedRate, signDeliveries } from './deliveries';
import { WebhookPoster, openLoop, postAll, type OpenLoopResult } from './http-load';
import type { Figure } from './report';
import { wallClock } from './stats';
import { CONCURRENCY, sustainedThroughput, type ThroughputResult } from './throughput';
import { busyTraffic } from './workloads';

const RATE = 1_000;
/** Zoom redelivers now and then; the redeliveries are answered as duplicates */
const REDELIVERY_RATE = 0.002;
const KINDS: ServerKind[] = ['bare', 'roomwatch'];
/** deliveries posted before the open loop, so that a cold start is no part of it */
const WARMUP = 1_000;
/** throughput measured as baseline then Roomwatch, this many times (odd: the median is a pair measured) */
const PAIRS = 3;

interface Pair {
  bare: ThroughputResult;
  roomwatch: ThroughputResult;
  /** Roomwatch's throughput over the baseline's */
  share: number;
}

export async function ingest(context: BenchContext): Promise<BenchOutcome> {
  const size = context.quick
    ? { warmupMs: 1_000, measureMs: 3_000, pool: 25_000, latencyMs: 4_000 }
    : { warmupMs: 2_000, measureMs: 10_000, pool: 60_000, latencyMs: 15_000 };
  const latencyCount = (RATE * size.latencyMs) / 1000;
  const bodies = busyTraffic(context.seed, size.pool + WARMUP + latencyCount, REDELIVERY_RATE);
  const throughputBodies = bodies.slice(0, size.pool);
  const latencyBodies = bodies.slice(size.pool);

  const pairs: Pair[] = [];
  for (let i = 1; i <= PAIRS; i++) {
    const pair = {} as Record<ServerKind, ThroughputResult>;
    for (const kind of KINDS) {
      context.log(`ingest: ${kind} throughput, pair ${i} of ${PAIRS} (closed loop, ${CONCURRENCY} in flight)`);
      pair[kind] = await sustainedThroughput(context, kind, `ingest-throughput-${i}`, throughputBodies, size);
    }
    pairs.push({ ...pair, share: pair.roomwatch.perSecond / pair.bare.perSecond });
  }
  const shares = pairs.map((pair) => pair.share).sort((a, b) => a - b);
  const throughput = pairs.find((pair) => pair.share === shares[(PAIRS - 1) / 2])!;
  const percent = (share: number) => Math.round(share * 100);

  const latency = {} as Record<ServerKind, OpenLoopResult & { outcomes: WebhookPoster['outcomes'] }>;
  for (const kind of KINDS) {
    context.log(`ingest: ${kind} acknowledgement latency (open loop, ${RATE}/s for ${size.latencyMs / 1000} s)`);
    latency[kind] = await withServer(context, kind, 'ingest-latency', async (server) => {
      const poster = new WebhookPoster(server.url, CONCURRENCY);
      const signed = signDeliveries(latencyBodies, SECRET, Date.now());
      await postAll(poster, signed.slice(0, WARMUP), 8);
      const deliveries = signed.slice(WARMUP);
      const due = fixedRate(deliveries.length, RATE, wallClock() + 200);
      const result = await openLoop(
        poster,
        deliveries.map((delivery, i) => ({ delivery, dueAt: due[i]! })),
      );
      poster.close();
      return { ...result, outcomes: poster.outcomes };
    });
  }

  const failed =
    pairs.some((pair) => KINDS.some((kind) => pair[kind].outcomes.failed > 0)) ||
    KINDS.some((kind) => latency[kind].outcomes.failed > 0);
  const figures: Figure[] = [
    {
      benchmark: 'ingest',
      name:
        `sustained throughput, signed webhooks (${percent(throughput.share)} % of baseline: the median of ` +
        `${PAIRS} pairs, ${percent(shares[0]!)} to ${percent(shares.at(-1)!)} %)`,
      unit: 'per_second',
      roomwatch: throughput.roomwatch.perSecond,
      baseline: throughput.bare.perSecond,
      target: '≥ 80 % of baseline',
      pass: throughput.share >= 0.8 && !failed,
    },
    {
      benchmark: 'ingest',
      name: `ack latency p50 at ${RATE.toLocaleString('en-US')}/s`,
      unit: 'ms',
      roomwatch: latency.roomwatch.latency.p50,
      baseline: latency.bare.latency.p50,
      target: null,
      pass: null,
    },
    {
      benchmark: 'ingest',
      name: `ack latency p99 at ${RATE.toLocaleString('en-US')}/s`,
      unit: 'ms',
      roomwatch: latency.roomwatch.latency.p99,
      baseline: latency.bare.latency.p99,
      target: '< 20 ms',
      pass: latency.roomwatch.latency.p99 < 20 && !failed,
    },
  ];
  return { figures, details: { rate: RATE, concurrency: CONCURRENCY, sizes: size, throughput: pairs, latency } };
}
