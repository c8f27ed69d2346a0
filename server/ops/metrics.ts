/**
 * Every Prometheus series of Roomwatch, in one registry, named `roomwatch_*`. Counters kept
 * elsewhere (the webhook counters of /api/status) are read at scrape time rather than counted
 * twice; what only Prometheus needs (histograms) is observed here. Other capabilities add their
 * series here too, so that /metrics stays one list.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../shared/alerts';
import type { IngestMetrics } from '../ingest/metrics';

export const METRIC_PREFIX = 'roomwatch_';

/** Sockets listening to each kind of channel (a socket on several meetings counts once). */
export type SocketCounts = Record<'overview' | 'alerts' | 'meeting', number>;

export interface MetricsSources {
  /** open alerts by severity (absent: none) */
  openAlerts: () => Map<AlertSeverity, number>;
  ingest: IngestMetrics;
  sockets: () => SocketCounts;
}

export class Metrics {
  readonly registry = new Registry();
  readonly webhookToEmitSeconds = new Histogram({
    name: `${METRIC_PREFIX}webhook_to_emit_seconds`,
    help: 'From a webhook handed to ingest to the realtime diff carrying its change, written to the sockets',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly socketsCutOff = new Counter({
    name: `${METRIC_PREFIX}sockets_cut_off_total`,
    help: 'Sockets disconnected for asking too much (requests) or reading too little (queued bytes)',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    const { ingest } = sources;
    const batchSize = new Histogram({
      name: `${METRIC_PREFIX}ingest_batch_size`,
      help: 'Deliveries stored by one ingest transaction (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [this.registry],
    });
    const commitSeconds = new Histogram({
      name: `${METRIC_PREFIX}ingest_commit_seconds`,
      help: 'Time to store one ingest transaction, reduction and fsync included',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [this.registry],
    });
    ingest.onCommit((deliveries, seconds) => {
      batchSize.observe(deliveries);
      commitSeconds.observe(seconds);
    });
    new Counter({
      name: `${METRIC_PREFIX}webhooks_total`,
      help: 'Webhook deliveries since start-up by outcome (refused_*: by why the signature was refused)',
      labelNames: ['outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        const outcomes: Record<string, number> = {
          accepted: ingest.accepted,
          unknown: ingest.unknown,
          duplicate: ingest.duplicates,
          quarantined: ingest.quarantined,
          store_failed: ingest.storeFailures,
        };
        for (const [reason, n] of Object.entries(ingest.rejected)) outcomes[`refused_${reason}`] = n;
        for (const [outcome, n] of Object.entries(outcomes)) this.inc({ outcome }, n);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}sockets`,
      help: 'Connected dashboard sockets by the kind of channel they listen to',
      labelNames: ['channel'],
      registers: [this.registry],
      collect() {
        for (const [channel, n] of Object.entries(sources.sockets())) this.set({ channel }, n);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}alerts_open`,
      help: 'Open (neither acknowledged nor resolved) alerts by severity',
      labelNames: ['severity'],
      registers: [this.registry],
      collect() {
        const counts = sources.openAlerts();
        for (const severity of ALERT_SEVERITIES) this.set({ severity }, counts.get(severity) ?? 0);
      },
    });
  }

  /**
   * The process's own series (memory, CPU, event-loop lag as roomwatch_nodejs_eventloop_lag_*):
   * only where /metrics is served, since their event-loop monitor runs for the rest of the process.
   */
  withProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    return this;
  }
}
