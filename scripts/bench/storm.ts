/**
 * Storm: a big webinar's start, 10,000 people joining within 60 s, sent at the simulator's own
 * delivery times (open loop) while dashboards watch the overview and the webinar. Checks that every
 * join was applied (the webinar's state equals what the simulator expects) and that no delivery was
 * lost (the event log holds every one), and reports the latencies, peak included. The baseline is
 * the bare server, broadcasting stamps, under the same storm.
 */
import Database from 'better-sqlite3';
import { webinarStorm, type ExpectedMeeting } from '../../server/demo/simulator';
import { defaultRealtimeOptions } from '../../server/realtime/options';
import type { MeetingDetail } from '../../shared/state';
import { SECRET, signIn, withServer, type BenchContext, type BenchOutcome, type ServerKind } from './context';
import { Dashboards, type DashboardsResult } from './dashboards';
import { restamp, signDeliveries } from './deliveries';
import { WebhookPoster, openLoop, type OpenLoopResult } from './http-load';
import type { Figure } from './report';
import type { ServerProcess } from './servers';

const DASHBOARDS = { overview: 10, webinar: 10 };
/** as in fanout.ts: few connections keep deliveries nearly in order */
const CONNECTIONS = 8;
/** time to set the dashboards up before the storm begins */
const LEAD_MS = 5_000;
const DRAIN_MS = 10_000;
const KINDS: ServerKind[] = ['bare', 'roomwatch'];

interface StormRun {
  ack: OpenLoopResult;
  outcomes: WebhookPoster['outcomes'];
  dashboards: DashboardsResult;
  sent: number;
  logged: number;
  /** people the webinar shows where the simulator expects them (roomwatch only) */
  applied: number | null;
}

/** rows of the server's log: Roomwatch's event log, or the baseline's table of deliveries */
function loggedRows(server: ServerProcess, kind: ServerKind): number {
  const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    const table = kind === 'roomwatch' ? 'events' : 'deliveries';
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** how many of the people the simulator expects the webinar shows, where and in the role expected */
async function appliedPeople(server: ServerProcess, cookie: string, expected: ExpectedMeeting): Promise<number> {
  const response = await fetch(`${server.url}/api/meetings/${encodeURIComponent(expected.uuid)}`, {
    headers: { cookie },
  });
  if (response.status !== 200) throw new Error(`GET the webinar: HTTP ${response.status}`);
  const detail = (await response.json()) as MeetingDetail;
  const shown = new Map(detail.participants.map((p) => [p.key, p]));
  return expected.participants.filter((person) => {
    const p = person.participantUuid === null ? undefined : shown.get(person.participantUuid);
    return p !== undefined && p.location === person.location && p.role === person.role;
  }).length;
}

export async function storm(context: BenchContext): Promise<BenchOutcome> {
  const size = context.quick ? { attendees: 2_000, withinMs: 12_000 } : { attendees: 10_000, withinMs: 60_000 };
  const tickMs = context.tickMs ?? defaultRealtimeOptions.tickMs;
  const results = {} as Record<ServerKind, StormRun>;
  let expected: ExpectedMeeting | undefined;

  for (const kind of KINDS) {
    context.log(
      `storm: ${kind}, ${size.attendees.toLocaleString('en-US')} people joining a webinar within ${size.withinMs / 1000} s`,
    );
    results[kind] = await withServer(
      context,
      kind,
      'storm',
      async (server) => {
        // the same storm each time, at the simulator's delivery times from LEAD_MS on
        const stream = webinarStorm({ seed: context.seed, ...size, start: Date.now() + LEAD_MS });
        expected = stream.expected[0]!;
        const due = stream.events.map((e) => e.at);
        const deliveries = signDeliveries(
          restamp(
            stream.events.map((e) => e.body),
            due,
          ),
          SECRET,
          Date.now(),
        );
        const poster = new WebhookPoster(server.url, CONNECTIONS);
        // the first delivery creates the webinar, early, so that dashboards can subscribe to it
        if ((await poster.post(deliveries[0]!)) !== 'accepted') throw new Error('the first delivery was refused');
        const cookie = kind === 'roomwatch' ? await signIn(server.url) : null;
        const dashboards = await Dashboards.start({
          url: server.url,
          protocol: kind,
          cookie,
          overview: DASHBOARDS.overview,
          meeting: { uuid: expected.uuid, dashboards: DASHBOARDS.webinar },
        });
        try {
          const schedule = deliveries.slice(1).map((delivery, i) => ({ delivery, dueAt: due[i + 1]! }));
          const plan = schedule.map(({ delivery, dueAt }) => ({
            meetingUuid: delivery.meetingUuid!,
            ts: delivery.ts,
            dueAt,
          }));
          await dashboards.track({ overview: plan, meeting: plan });
          const ack = await openLoop(poster, schedule);
          poster.close();
          return {
            ack,
            outcomes: poster.outcomes,
            dashboards: await dashboards.finish(DRAIN_MS),
            sent: deliveries.length,
            logged: loggedRows(server, kind),
            applied: cookie === null ? null : await appliedPeople(server, cookie, expected),
          };
        } finally {
          dashboards.kill();
        }
      },
      { broadcastTickMs: tickMs },
    );
  }

  const { roomwatch, bare } = results;
  const people = expected!.participants.length;
  const lost = (run: StormRun) => run.sent - run.logged;
  const peak = (run: StormRun) => Math.max(run.dashboards.overview.latency.max, run.dashboards.meeting!.latency.max);
  const figures: Figure[] = [
    {
      benchmark: 'storm',
      name: `people in the webinar where expected (${size.attendees.toLocaleString('en-US')} joined; baseline: expected)`,
      unit: 'count',
      roomwatch: roomwatch.applied!,
      baseline: people,
      target: 'all',
      pass: roomwatch.applied === people,
    },
    {
      benchmark: 'storm',
      name: `deliveries missing from the log (of ${roomwatch.sent.toLocaleString('en-US')} sent)`,
      unit: 'count',
      roomwatch: lost(roomwatch),
      baseline: lost(bare),
      target: '0',
      pass: lost(roomwatch) === 0,
    },
    {
      benchmark: 'storm',
      name: 'ack latency p99',
      unit: 'ms',
      roomwatch: roomwatch.ack.latency.p99,
      baseline: bare.ack.latency.p99,
      target: null,
      pass: null,
    },
    {
      benchmark: 'storm',
      name: 'ack latency, peak',
      unit: 'ms',
      roomwatch: roomwatch.ack.latency.max,
      baseline: bare.ack.latency.max,
      target: null,
      pass: null,
    },
    {
      benchmark: 'storm',
      name: `webhook to dashboard p99, ${DASHBOARDS.overview} on the overview + ${DASHBOARDS.webinar} on the webinar`,
      unit: 'ms',
      roomwatch: Math.max(roomwatch.dashboards.overview.latency.p99, roomwatch.dashboards.meeting!.latency.p99),
      baseline: Math.max(bare.dashboards.overview.latency.p99, bare.dashboards.meeting!.latency.p99),
      target: null,
      pass: null,
    },
    {
      benchmark: 'storm',
      name: 'webhook to dashboard, peak',
      unit: 'ms',
      roomwatch: peak(roomwatch),
      baseline: peak(bare),
      target: null,
      pass: null,
    },
  ];
  return { figures, details: { sizes: size, tickMs, dashboards: DASHBOARDS, results } };
}
