/**
 * The dashboards' own process, forked by dashboards.ts: raw socket.io clients (no store, no
 * rendering: what is measured is when a message reaches the client) that note, on each message,
 * which deliveries of the run it shows.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { Diff, Position, RealtimeError, Sync } from '../../shared/realtime/protocol';
import {
  BACKLOG_WINDOW_MS,
  type DashboardsResult,
  type DashboardsSetup,
  type FromDashboards,
  type Plans,
  type ToDashboards,
  type TrackedLatency,
} from './dashboards';
import { DeliveryPlan, DeliveryTracker, firstAndLastWindows, firstAndSpread } from './delivery-tracker';
import { distribution, wallClock } from './stats';

const READY_TIMEOUT_MS = 60_000;

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let gaps = 0;
let resyncs = 0;
const errors: string[] = [];

function reply(message: FromDashboards): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, undefined, () => resolve()));
}

/** One dashboard: a socket and, once the run starts, the tracker of what it is shown of one channel. */
class Dashboard {
  readonly socket: Socket;
  readonly ready: Promise<void>;
  /** null until the plans arrive: what was shown before is no part of the run */
  tracker: DeliveryTracker | null = null;
  /** what it received since the plans arrived */
  received = { messages: 0, bytes: 0 };
  /** the position held per channel (`overview`, or the meeting's uuid) */
  private readonly held = new Map<string, Position>();

  constructor(
    setup: DashboardsSetup,
    /** the meeting this dashboard shows and tracks; null: it tracks the overview */
    readonly meeting: string | null,
  ) {
    this.socket = io(setup.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: setup.cookie === null ? {} : { cookie: setup.cookie },
    });
    this.socket.io.on('open', () =>
      this.socket.io.engine.on('data', (data: string | ArrayBuffer) => {
        if (!this.tracker) return;
        this.received.messages++;
        this.received.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      }),
    );
    this.socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') errors.push(`disconnected: ${reason}`);
    });
    const refused = new Promise<never>((_, reject) =>
      this.socket.once('connect_error', (error) => reject(new Error(`connect: ${error.message}`))),
    );
    this.ready = Promise.race([setup.protocol === 'bare' ? this.listenBare() : this.listenRoomwatch(), refused]);
  }

  private listenBare(): Promise<void> {
    this.socket.on('stamps', (stamps: [string, number][]) => {
      const at = wallClock();
      for (const [uuid, ts] of stamps) this.tracker?.shown(uuid, ts, at);
    });
    return new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  private listenRoomwatch(): Promise<void> {
    let overviewSynced: () => void;
    const synced = new Promise<void>((resolve) => (overviewSynced = resolve));
    // pushed on connect
    this.socket.on('sync', (sync: Sync) => {
      if (sync.channel !== 'overview') return;
      this.apply(sync, wallClock());
      overviewSynced();
    });
    this.socket.on('diff', (diff: Diff) => this.follow(diff, wallClock()));
    this.socket.on('resync', () => {
      resyncs++;
      void this.subscribe('overview');
      if (this.meeting !== null) void this.subscribe(this.meeting);
    });
    return this.meeting === null ? synced : synced.then(() => this.subscribe(this.meeting!));
  }

  private async subscribe(channel: string): Promise<void> {
    const from = this.held.get(channel);
    const request = channel === 'overview' ? { channel, from } : { channel: 'meeting', key: channel, from };
    const answer = (await this.socket.emitWithAck('subscribe', request)) as Sync | RealtimeError;
    if ('error' in answer) errors.push(`subscribe ${channel}: ${answer.error.message}`);
    else this.apply(answer, wallClock());
  }

  private apply(sync: Sync, at: number): void {
    if (sync.type === 'replay') {
      for (const diff of sync.diffs) this.show(diff, at);
    } else if (sync.channel === 'overview') {
      if (this.meeting === null) for (const summary of sync.data) this.shown(summary, at);
    } else if (sync.channel === 'meeting' && sync.key === this.meeting) this.shown(sync.data, at);
    this.held.set(sync.key ?? 'overview', { epoch: sync.epoch, seq: sync.seq });
  }

  private follow(diff: Diff, at: number): void {
    // the alerts channel (pushed on connect too) says nothing about deliveries being shown
    if (diff.channel === 'alerts') return;
    const channel = diff.key ?? 'overview';
    const held = this.held.get(channel);
    if (held?.epoch !== diff.epoch || held.seq !== diff.prev) gaps++;
    this.held.set(channel, { epoch: diff.epoch, seq: diff.seq });
    this.show(diff, at);
  }

  private show(diff: Diff, at: number): void {
    if (diff.channel === 'overview') {
      if (this.meeting !== null) return;
      for (const summary of diff.data.upsert) this.shown(summary, at);
      // a patch without lastEventAt shows no new delivery (the meeting went stale, say)
      for (const { uuid, lastEventAt } of diff.data.patch) if (lastEventAt) this.shown({ uuid, lastEventAt }, at);
      for (const uuid of diff.data.remove) this.tracker?.removed(uuid, at);
    } else if (diff.channel === 'meeting' && diff.key === this.meeting) this.shown(diff.data.summary, at);
  }

  private shown({ uuid, lastEventAt }: { uuid: string; lastEventAt: string }, at: number): void {
    this.tracker?.shown(uuid, Date.parse(lastEventAt), at);
  }
}

function tracked(dashboards: Dashboard[], plan: DeliveryPlan): TrackedLatency {
  const latencies = dashboards.flatMap((d) => d.tracker?.latencies ?? []);
  const mean = (of: (d: Dashboard) => number) => dashboards.reduce((total, d) => total + of(d), 0) / dashboards.length;
  const trackers = dashboards.flatMap((d) => d.tracker ?? []);
  const { first, spread } = firstAndSpread(trackers);
  const windows = firstAndLastWindows(trackers, plan, BACKLOG_WINDOW_MS);
  return {
    latency: distribution(latencies),
    first: distribution(first),
    spread: distribution(spread),
    windows: { first: distribution(windows.first), last: distribution(windows.last) },
    shown: latencies.length,
    expected: plan.size * dashboards.length,
    received: { messages: mean((d) => d.received.messages), bytes: mean((d) => d.received.bytes) },
  };
}

let dashboards: Dashboard[] = [];
let plans: { overview: DeliveryPlan; meeting: DeliveryPlan };

async function start(setup: DashboardsSetup): Promise<void> {
  const subscribed = setup.meeting;
  dashboards = [
    ...Array.from({ length: setup.overview }, () => new Dashboard(setup, null)),
    ...Array.from({ length: subscribed?.dashboards ?? 0 }, () => new Dashboard(setup, subscribed!.uuid)),
  ];
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS).unref(),
  );
  await Promise.race([Promise.all(dashboards.map((d) => d.ready)), timeout]);
  await reply({ type: 'ready' });
}

async function track(given: Plans): Promise<void> {
  plans = { overview: new DeliveryPlan(given.overview), meeting: new DeliveryPlan(given.meeting) };
  for (const dashboard of dashboards) {
    dashboard.tracker = new DeliveryTracker(dashboard.meeting === null ? plans.overview : plans.meeting);
  }
  loopDelay.enable();
  await reply({ type: 'tracking' });
}

async function finish(waitMs: number): Promise<void> {
  const deadline = wallClock() + waitMs;
  while (dashboards.some((d) => d.tracker!.pending > 0) && wallClock() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  loopDelay.disable();
  const onMeeting = dashboards.filter((d) => d.meeting !== null);
  const result: DashboardsResult = {
    overview: tracked(
      dashboards.filter((d) => d.meeting === null),
      plans.overview,
    ),
    meeting: onMeeting.length > 0 ? tracked(onMeeting, plans.meeting) : null,
    gaps,
    resyncs,
    loopDelayP99: loopDelay.percentile(99) / 1e6,
    errors: [...new Set(errors)],
  };
  for (const dashboard of dashboards) dashboard.socket.disconnect();
  await reply({ type: 'result', result });
  process.disconnect();
}

const steps: { [T in ToDashboards['type']]: (message: Extract<ToDashboards, { type: T }>) => Promise<void> } = {
  setup: (message) => start(message.setup),
  track: (message) => track(message.plans),
  finish: (message) => finish(message.waitMs),
};

process.on('message', (message: ToDashboards) => {
  (steps[message.type] as (m: ToDashboards) => Promise<void>)(message).catch(async (error: unknown) => {
    await reply({ type: 'failed', message: (error as Error).message });
    process.exit(1);
  });
});
