/**
 * Ingest: signed webhooks through the real endpoint and the whole pipeline (verify, validate, log,
 * reduce, alerts, broadcast), against the bare baseline that only verifies and inserts.
 * - throughput: closed loop, CONCURRENCY posts in flight for the measured window;
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

export async function ingest(context: BenchContext): Promise<BenchOutcome> {
  const size = context.quick
    ? { warmupMs: 1_000, measureMs: 3_000, pool: 25_000, latencyMs: 4_000 }
    : { warmupMs: 2_000, measureMs: 10_000, pool: 60_000, latencyMs: 15_000 };
  const latencyCount = (RATE * size.latencyMs) / 1000;
  const bodies = busyTraffic(context.seed, size.pool + WARMUP + latencyCount, REDELIVERY_RATE);
  const throughputBodies = bodies.slice(0, size.pool);
  const latencyBodies = bodies.slice(size.pool);

  const throughput = {} as Record<ServerKind, ThroughputResult>;
  for (const kind of KINDS) {
    context.log(`ingest: ${kind} throughput (closed loop, ${CONCURRENCY} in flight)`);
    throughput[kind] = await sustainedThroughput(context, kind, 'ingest-throughput', throughputBodies, size);
  }

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

  const share = throughput.roomwatch.perSecond / throughput.bare.perSecond;
  const failed = KINDS.some((kind) => throughput[kind].outcomes.failed + latency[kind].outcomes.failed > 0);
  const figures: Figure[] = [
    {
      benchmark: 'ingest',
      name: `sustained throughput, signed webhooks (${Math.round(share * 100)} % of baseline)`,
      unit: 'per_second',
      roomwatch: throughput.roomwatch.perSecond,
      baseline: throughput.bare.perSecond,
      target: '≥ 80 % of baseline',
      pass: share >= 0.8 && !failed,
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
  return { figures, details: { rate: RATE, concurrency: CONCURRENCY, sizes: size, throughput, latency } };
}
