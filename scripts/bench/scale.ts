/**
 * Scale: Roomwatch holding a crowd (1,000 live meetings, 50,000 people between them), measured
 * against itself empty in the same run: its memory, the overview snapshot a new dashboard gets
 * (size, and time from connecting to having it), the snapshot of the largest meeting, and
 * GET /api/meetings.
 */
import { io } from 'socket.io-client';
import { crowd } from '../../server/demo/simulator';
import type { RealtimeError, Sync } from '../../shared/realtime/protocol';
import type { MeetingSummary } from '../../shared/state';
import { postBodies, signIn, withServer, type BenchContext, type BenchOutcome } from './context';
import type { Figure } from './report';
import type { Memory, ServerProcess } from './servers';
import { distribution, wallClock } from './stats';

const CONCURRENCY = 32;
/** each timing is the median of this many tries */
const TRIES = 5;

interface Timed {
  ms: number;
  bytes: number;
}

interface Measured {
  memory: Memory;
  overview: Timed;
  api: Timed;
  /** the largest meeting's snapshot, when there is a meeting */
  meeting: (Timed & { participants: number }) | null;
  /** the overview as the last new dashboard got it */
  summaries: MeetingSummary[];
}

/** the median time of TRIES tries, and the size of the last answer */
async function median(attempt: () => Promise<Timed>): Promise<Timed & { worstMs: number }> {
  const tries: Timed[] = [];
  for (let i = 0; i < TRIES; i++) tries.push(await attempt());
  const times = distribution(tries.map((t) => t.ms));
  return { ms: times.p50, worstMs: times.max, bytes: tries.at(-1)!.bytes };
}

/** a new dashboard: connects, and has its overview snapshot; optionally subscribes to a meeting */
async function newDashboard(
  url: string,
  cookie: string,
  meeting: string | null,
): Promise<{ overview: Timed & { summaries: MeetingSummary[] }; meeting: Timed | null }> {
  const startedAt = wallClock();
  const socket = io(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  try {
    const sync = await new Promise<Sync>((resolve, reject) => {
      socket.once('sync', resolve);
      socket.once('connect_error', reject);
    });
    const overview = { ms: wallClock() - startedAt, bytes: Buffer.byteLength(JSON.stringify(sync)) };
    if (sync.type !== 'snapshot' || sync.channel !== 'overview')
      throw new Error(`expected a snapshot, got ${sync.type}`);
    if (meeting === null) return { overview: { ...overview, summaries: sync.data }, meeting: null };
    const subscribedAt = wallClock();
    const answer = (await socket.emitWithAck('subscribe', { channel: 'meeting', key: meeting })) as
      Sync | RealtimeError;
    if ('error' in answer) throw new Error(`subscribe: ${answer.error.message}`);
    return {
      overview: { ...overview, summaries: sync.data },
      meeting: { ms: wallClock() - subscribedAt, bytes: Buffer.byteLength(JSON.stringify(answer)) },
    };
  } finally {
    socket.disconnect();
  }
}

async function measure(server: ServerProcess, cookie: string): Promise<Measured> {
  const memory = await server.memory();
  let summaries: MeetingSummary[] = [];
  const overview = await median(async () => {
    const { overview: got } = await newDashboard(server.url, cookie, null);
    summaries = got.summaries;
    return got;
  });
  const people = (m: MeetingSummary) => m.counts.main + m.counts.breakout + m.counts.waiting;
  const largest = [...summaries].sort((a, b) => people(b) - people(a))[0];
  const meeting = largest
    ? {
        participants: people(largest),
        ...(await median(async () => (await newDashboard(server.url, cookie, largest.uuid)).meeting!)),
      }
    : null;
  const api = await median(async () => {
    const startedAt = wallClock();
    const response = await fetch(`${server.url}/api/meetings`, { headers: { cookie } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /api/meetings: HTTP ${response.status}`);
    return { ms: wallClock() - startedAt, bytes: body.byteLength };
  });
  return { memory, overview, api, meeting, summaries };
}

export async function scale(context: BenchContext): Promise<BenchOutcome> {
  const size = context.quick ? { meetings: 200, participants: 10_000 } : { meetings: 1_000, participants: 50_000 };
  // everyone has joined in the last 11 minutes, so that every meeting is live, none stale
  const stream = crowd({ seed: context.seed, ...size, start: Date.now() - 11 * 60_000 });
  const crowdName = `${size.meetings.toLocaleString('en-US')} meetings, ${size.participants.toLocaleString('en-US')} people`;

  return withServer(context, 'roomwatch', 'scale', async (server) => {
    const cookie = await signIn(server.url);
    const empty = await measure(server, cookie);
    context.log(`scale: posting ${stream.events.length.toLocaleString('en-US')} deliveries (${crowdName})`);
    const startedAt = wallClock();
    const outcomes = await postBodies(
      server.url,
      stream.events.map((e) => e.body),
      CONCURRENCY,
    );
    const loadMs = wallClock() - startedAt;
    const loaded = await measure(server, cookie);

    const shownPeople = loaded.summaries.reduce((n, m) => n + m.counts.main + m.counts.breakout + m.counts.waiting, 0);
    const expectedPeople = stream.expected.reduce((n, m) => n + m.participants.length, 0);
    const consistent = loaded.summaries.length === stream.expected.length && shownPeople === expectedPeople;
    const kb = (bytes: number) => bytes / 1024;
    const figures: Figure[] = [
      {
        benchmark: 'scale',
        name: `people on the overview (${crowdName}; baseline: expected)`,
        unit: 'count',
        roomwatch: shownPeople,
        baseline: expectedPeople,
        target: 'all, in every meeting',
        pass: consistent && outcomes.accepted === stream.events.length,
      },
      {
        benchmark: 'scale',
        name: `server RSS (baseline: empty server)`,
        unit: 'MB',
        roomwatch: loaded.memory.rssMb,
        baseline: empty.memory.rssMb,
        target: '< 300 MB',
        pass: loaded.memory.rssMb < 300,
      },
      {
        benchmark: 'scale',
        name: 'overview snapshot size (JSON)',
        unit: 'KB',
        roomwatch: kb(loaded.overview.bytes),
        baseline: kb(empty.overview.bytes),
        target: null,
        pass: null,
      },
      {
        benchmark: 'scale',
        name: `overview snapshot to a new dashboard, median of ${TRIES}`,
        unit: 'ms',
        roomwatch: loaded.overview.ms,
        baseline: empty.overview.ms,
        target: '< 300 ms',
        pass: loaded.overview.ms < 300,
      },
      {
        benchmark: 'scale',
        name: `largest meeting snapshot (${loaded.meeting?.participants.toLocaleString('en-US')} people) size`,
        unit: 'KB',
        roomwatch: kb(loaded.meeting?.bytes ?? NaN),
        baseline: null,
        target: null,
        pass: null,
      },
      {
        benchmark: 'scale',
        name: `largest meeting snapshot, subscribe to answer, median of ${TRIES}`,
        unit: 'ms',
        roomwatch: loaded.meeting?.ms ?? NaN,
        baseline: null,
        target: null,
        pass: null,
      },
      {
        benchmark: 'scale',
        name: `GET /api/meetings (${Math.round(kb(loaded.api.bytes)).toLocaleString('en-US')} KB), median of ${TRIES}`,
        unit: 'ms',
        roomwatch: loaded.api.ms,
        baseline: empty.api.ms,
        target: null,
        pass: null,
      },
    ];
    const strip = ({ summaries: _, ...rest }: Measured) => rest;
    return {
      figures,
      details: {
        sizes: size,
        deliveries: stream.events.length,
        load: { ms: loadMs, perSecond: (stream.events.length * 1000) / loadMs, outcomes: outcomes },
        empty: strip(empty),
        loaded: strip(loaded),
      },
    };
  });
}
