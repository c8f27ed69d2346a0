/**
 * Fan-out: how long after a webhook is due each dashboard is shown it, with OVERVIEW dashboards on
 * the overview and MEETING_DASHBOARDS subscribed to one busy meeting, while webhooks arrive (open
 * loop) at half the rate the bare baseline sustains on this machine, measured first: the load
 * scales with the machine. The baseline is the bare server sending, every tick, the newest event_ts
 * of each meeting to the same dashboards: the floor for any realtime server that coalesces per tick.
 */
import { defaultRealtimeOptions } from '../../server/realtime/options';
import type { ZoomBody } from '../../server/demo/simulator';
import { SECRET, signIn, withServer, type BenchContext, type BenchOutcome, type ServerKind } from './context';
import { BACKLOG_WINDOW_MS, Dashboards, type DashboardsResult, type Plans } from './dashboards';
import { fixedRate, restamp, signDeliveries, type Delivery } from './deliveries';
import type { PlannedDelivery } from './delivery-tracker';
import { WebhookPoster, openLoop, postAll, type OpenLoopResult } from './http-load';
import type { Figure } from './report';
import { wallClock } from './stats';
import { sustainedThroughput } from './throughput';
import { busyTraffic } from './workloads';

/** the offered rate, as a share of the baseline's sustained throughput */
const LOAD = 0.5;
const OVERVIEW = 100;
const MEETING_DASHBOARDS = 10;
/**
 * Few connections, so that the server applies deliveries in nearly the order they were sent: a
 * dashboard shown event_ts T is taken to have been shown every earlier delivery of that meeting,
 * which is exact in order and at most CONNECTIONS - 1 deliveries early otherwise. The server
 * handles one request at a time, so more connections would not make it faster.
 */
const CONNECTIONS = 8;
/** how long the dashboards may take to be shown the last deliveries once all are acknowledged */
const DRAIN_MS = 10_000;
const KINDS: ServerKind[] = ['bare', 'roomwatch'];

const ENDS = new Set<string>(['meeting.ended', 'webinar.ended']);
const isEnd = (body: ZoomBody) => ENDS.has(body.event);
const uuidOf = (body: ZoomBody) => String(body.payload.object.uuid);

/** A meeting that exists once the warm-up is in, never ends, and has the most deliveries in the run. */
function busiestMeeting(warmup: readonly ZoomBody[], run: readonly ZoomBody[]): string {
  const started = new Set(warmup.map(uuidOf));
  const ended = new Set([...warmup, ...run].filter(isEnd).map(uuidOf));
  const counts = new Map<string, number>();
  for (const body of run) counts.set(uuidOf(body), (counts.get(uuidOf(body)) ?? 0) + 1);
  const [uuid] = [...counts].filter(([u]) => started.has(u) && !ended.has(u)).sort((a, b) => b[1] - a[1])[0] ?? [];
  if (uuid === undefined) throw new Error('no meeting runs through the whole fan-out run');
  return uuid;
}

/**
 * What each kind of dashboard should be shown: the overview, every delivery of the run up to and
 * including its meeting's end (a meeting that ended leaves the overview, so what comes after is
 * never shown there); the meeting's dashboards, every delivery about it.
 */
function plansOf(
  warmup: readonly ZoomBody[],
  run: readonly Delivery[],
  due: readonly number[],
  meeting: string,
): Plans {
  const ended = new Set(warmup.filter(isEnd).map(uuidOf));
  const overview: PlannedDelivery[] = [];
  const subscribed: PlannedDelivery[] = [];
  run.forEach(({ meetingUuid, ts, name }, i) => {
    if (meetingUuid === null) return;
    const planned = { meetingUuid, ts, dueAt: due[i]! };
    if (!ended.has(meetingUuid)) overview.push(planned);
    if (ENDS.has(name)) ended.add(meetingUuid);
    if (meetingUuid === meeting) subscribed.push(planned);
  });
  return { overview, meeting: subscribed };
}

interface RunResult {
  ack: OpenLoopResult;
  outcomes: WebhookPoster['outcomes'];
  dashboards: DashboardsResult;
}

export async function fanout(context: BenchContext): Promise<BenchOutcome> {
  const size = context.quick
    ? { warmup: 2_000, seconds: 10, probe: { warmupMs: 1_000, measureMs: 3_000, pool: 15_000 } }
    : { warmup: 5_000, seconds: 20, probe: { warmupMs: 2_000, measureMs: 5_000, pool: 30_000 } };
  const tickMs = context.tickMs ?? defaultRealtimeOptions.tickMs;
  context.log(`fanout: bare throughput, to scale the load to this machine`);
  const probe = await sustainedThroughput(
    context,
    'bare',
    'fanout-probe',
    busyTraffic(context.seed + 1, size.probe.pool),
    size.probe,
  );
  const rate = Math.max(1, Math.round(probe.perSecond * LOAD));
  const bodies = busyTraffic(context.seed, size.warmup + rate * size.seconds);
  const warmup = bodies.slice(0, size.warmup);
  const run = bodies.slice(size.warmup);
  const meeting = busiestMeeting(warmup, run);

  const results = {} as Record<ServerKind, RunResult>;
  for (const kind of KINDS) {
    context.log(
      `fanout: ${kind}, ${OVERVIEW} + ${MEETING_DASHBOARDS} dashboards, ${rate}/s for ${size.seconds} s (open loop)`,
    );
    results[kind] = await withServer(
      context,
      kind,
      'fanout',
      async (server) => {
        const poster = new WebhookPoster(server.url, CONNECTIONS);
        // the warm-up's event_ts are 1 ms apart and in the past, the run's near their due times
        const now = Date.now();
        const warm = restamp(
          warmup,
          warmup.map((_, i) => now - warmup.length + i),
        );
        await postAll(poster, signDeliveries(warm, SECRET, now), 16);
        const dashboards = await Dashboards.start({
          url: server.url,
          protocol: kind,
          cookie: kind === 'roomwatch' ? await signIn(server.url) : null,
          overview: OVERVIEW,
          meeting: { uuid: meeting, dashboards: MEETING_DASHBOARDS },
        });
        try {
          const due = fixedRate(run.length, rate, wallClock() + 1_000);
          const deliveries = signDeliveries(restamp(run, due), SECRET, Date.now());
          await dashboards.track(plansOf(warmup, deliveries, due, meeting));
          const ack = await openLoop(
            poster,
            deliveries.map((delivery, i) => ({ delivery, dueAt: due[i]! })),
          );
          poster.close();
          return { ack, outcomes: poster.outcomes, dashboards: await dashboards.finish(DRAIN_MS) };
        } finally {
          dashboards.kill();
        }
      },
      { broadcastTickMs: tickMs },
    );
  }

  const figures: Figure[] = [
    {
      benchmark: 'fanout',
      name: `offered rate: ${LOAD * 100} % of the baseline's sustained ${Math.round(probe.perSecond).toLocaleString('en-US')}/s`,
      unit: 'per_second',
      roomwatch: rate,
      baseline: null,
      target: null,
      pass: null,
    },
  ];
  const { roomwatch, bare } = results;
  const windowS = BACKLOG_WINDOW_MS / 1000;
  for (const [channel, count] of [
    ['overview', OVERVIEW],
    ['meeting', MEETING_DASHBOARDS],
  ] as const) {
    const tracked = roomwatch.dashboards[channel]!;
    const base = bare.dashboards[channel]!;
    const complete = tracked.shown === tracked.expected && roomwatch.outcomes.failed === 0;
    const who = `${count} dashboards on ${channel === 'overview' ? 'the overview' : 'one meeting'}`;
    figures.push(
      {
        benchmark: 'fanout',
        name: `webhook to dashboard p50, ${who}`,
        unit: 'ms',
        roomwatch: tracked.latency.p50,
        baseline: base.latency.p50,
        target: null,
        pass: null,
      },
      {
        benchmark: 'fanout',
        name: `webhook to dashboard p99, ${who}`,
        unit: 'ms',
        roomwatch: tracked.latency.p99,
        baseline: base.latency.p99,
        target: '≤ 2 × baseline',
        pass: tracked.latency.p99 <= 2 * base.latency.p99 && complete,
      },
      {
        benchmark: 'fanout',
        name: `no growing backlog, ${who}: p50 of the last ${windowS} s (baseline column: of the first ${windowS} s)`,
        unit: 'ms',
        roomwatch: tracked.windows.last.p50,
        baseline: tracked.windows.first.p50,
        target: '≤ first + 1 tick',
        // n/a when no webhook of the channel was due in a window (a quiet meeting's last seconds)
        pass:
          tracked.windows.last.count === 0 || tracked.windows.first.count === 0
            ? null
            : tracked.windows.last.p50 <= tracked.windows.first.p50 + tickMs,
      },
      ...(channel === 'overview'
        ? ([
            {
              benchmark: 'fanout',
              name: `of which to the first of the ${count} (the server's part) p99`,
              unit: 'ms',
              roomwatch: tracked.first.p99,
              baseline: base.first.p99,
              target: null,
              pass: null,
            },
            {
              benchmark: 'fanout',
              name: `of which from the first to the last (the dashboards' process) p99`,
              unit: 'ms',
              roomwatch: tracked.spread.p99,
              baseline: base.spread.p99,
              target: null,
              pass: null,
            },
          ] satisfies Figure[])
        : []),
      {
        benchmark: 'fanout',
        name: `deliveries never shown, ${who}`,
        unit: 'count',
        roomwatch: tracked.expected - tracked.shown,
        baseline: base.expected - base.shown,
        target: '0',
        pass: tracked.expected === tracked.shown,
      },
    );
  }
  return {
    figures,
    details: {
      rate,
      probe,
      tickMs,
      sizes: size,
      meeting,
      dashboards: { overview: OVERVIEW, meeting: MEETING_DASHBOARDS },
      results,
    },
  };
}
