/**
 * Every Prometheus series of Roomwatch, in one registry, named `roomwatch_*`. Counters kept
 * elsewhere (the webhook counters of /api/status) are read at scrape time rather than counted
 * twice; what only Prometheus needs (histograms) is observed here. Other capabilities add their
 * series here too, so that /metrics stays one list.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../shared/alerts';
import type { AccountRepairStatus, RepairStatusView } from '../../shared/repair/status';
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

type Labels = Record<string, string>;
const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * Repair's series, read from its status at scrape time, one sample per account (label `account`)
 * and whatever else `samples` tells apart.
 */
const REPAIR_SERIES: {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  labelNames?: string[];
  samples: (status: AccountRepairStatus) => [Labels, number][];
}[] = [
  {
    name: 'repair_checks_total',
    type: 'counter',
    help: "Complete looks at Zoom's live lists since start-up: one meeting's participants, or the live meetings",
    labelNames: ['check'],
    samples: ({ checks }) => [
      [{ check: 'participants' }, checks.participants],
      [{ check: 'meetings' }, checks.meetings],
    ],
  },
  {
    name: 'repair_looks_unused_total',
    type: 'counter',
    help: 'Looks that changed nothing since start-up: failed or cut short (failed), an empty list while people were seen recently (ignored)',
    labelNames: ['reason'],
    samples: ({ checks }) => [
      [{ reason: 'failed' }, checks.failed],
      [{ reason: 'ignored' }, checks.ignored],
    ],
  },
  {
    name: 'repair_corrections_total',
    type: 'counter',
    help: 'Corrections repair made since start-up by the event it logged (roomwatch.repair.*)',
    labelNames: ['event'],
    samples: ({ corrections }) => Object.entries(corrections).map(([event, n]) => [{ event }, n]),
  },
  {
    name: 'repair_zoom_calls_total',
    type: 'counter',
    help: "Calls to Zoom's REST API since start-up by rate-limit class (list: live lists and the webhook log; heavy: one meeting's participants)",
    labelNames: ['class'],
    samples: ({ calls }) => [
      [{ class: 'list' }, calls.list],
      [{ class: 'heavy' }, calls.heavy],
    ],
  },
  {
    name: 'repair_zoom_answers_total',
    type: 'counter',
    help: "Zoom's answers to those calls by outcome (rate_limited: a 429; not_found: meeting not found, 404 with code 3001, said of a meeting that has ended; error: any other failure, network included)",
    labelNames: ['outcome'],
    samples: ({ calls }) => [
      [{ outcome: 'ok' }, calls.ok],
      [{ outcome: 'rate_limited' }, calls.rateLimited],
      [{ outcome: 'not_found' }, calls.notFound],
      [{ outcome: 'error' }, calls.failed],
    ],
  },
  {
    name: 'repair_zoom_daily_budget_calls',
    type: 'gauge',
    help: "Calls repair may make a Zoom day (its share of the account's daily limit; the day starts at 00:00 UTC)",
    samples: ({ calls }) => [[{}, calls.dailyLimit]],
  },
  {
    name: 'repair_zoom_daily_budget_remaining_calls',
    type: 'gauge',
    help: 'Calls left of that daily budget this Zoom day',
    samples: ({ calls }) => [[{}, Math.max(0, calls.dailyLimit - calls.today)]],
  },
  {
    name: 'repair_zoom_paused_until_timestamp_seconds',
    type: 'gauge',
    help: "While a 429's Retry-After (or the back-off) holds every call to Zoom: until when; else 0",
    samples: ({ calls }) => [[{}, calls.pausedUntil === null ? 0 : seconds(calls.pausedUntil)]],
  },
  {
    name: 'repair_dashboard_available',
    type: 'gauge',
    help: "Whether the account's plan has Zoom's Dashboard, which repair reads (1 yes, 0 no; absent until Zoom answered)",
    samples: ({ dashboard }) => (dashboard === 'unknown' ? [] : [[{}, dashboard === 'available' ? 1 : 0]]),
  },
  {
    name: 'repair_last_check_timestamp_seconds',
    type: 'gauge',
    help: 'When Zoom last answered a look of repair (absent before the first)',
    samples: ({ lastCheckAt }) => (lastCheckAt === null ? [] : [[{}, seconds(lastCheckAt)]]),
  },
  {
    name: 'repair_last_error_timestamp_seconds',
    type: 'gauge',
    help: 'When repair last met an error (absent before the first): its words are in GET /api/repair',
    samples: ({ lastError }) => (lastError === null ? [] : [[{}, seconds(lastError.at)]]),
  },
  {
    name: 'repair_backfill_last_timestamp_seconds',
    type: 'gauge',
    help: 'When the last downtime backfill ran (absent before the first, and without ZOOM_APP_ID)',
    samples: ({ backfill }) => (backfill === null ? [] : [[{}, seconds(backfill.at)]]),
  },
  {
    name: 'repair_backfill_last_success',
    type: 'gauge',
    help: "Whether the last downtime backfill read Zoom's whole webhook log for the time away (1) or stopped on an error (0)",
    samples: ({ backfill }) => (backfill === null ? [] : [[{}, backfill.error === null ? 1 : 0]]),
  },
  {
    name: 'repair_backfill_last_deliveries',
    type: 'gauge',
    help: "What the last downtime backfill found in Zoom's webhook log, by what ingest made of each delivery",
    labelNames: ['outcome'],
    samples: ({ backfill }) =>
      backfill === null
        ? []
        : [
            [{ outcome: 'accepted' }, backfill.accepted],
            [{ outcome: 'duplicate' }, backfill.duplicates],
            [{ outcome: 'quarantined' }, backfill.quarantined],
          ],
  },
];

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

  /** Repair's series, read from its status (GET /api/repair): only with a Zoom connection. */
  withRepair(status: () => RepairStatusView): this {
    for (const series of REPAIR_SERIES) {
      const Type = series.type === 'counter' ? Counter : Gauge;
      new Type({
        name: `${METRIC_PREFIX}${series.name}`,
        help: series.help,
        labelNames: ['account', ...(series.labelNames ?? [])],
        registers: [this.registry],
        collect() {
          this.reset();
          for (const account of status().accounts) {
            for (const [labels, n] of series.samples(account)) this.inc({ account: account.accountId, ...labels }, n);
          }
        },
      });
    }
    return this;
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
