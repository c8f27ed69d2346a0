/**
 * Dashboards under load: socket.io clients in a process of their own (so that reading hundreds of
 * messages a second neither slows the load generator nor is slowed by it), each tracking when it
 * was shown each delivery of the run. See dashboards-process.ts for the clients themselves.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlannedDelivery } from './delivery-tracker';
import type { Distribution } from './stats';

/** `roomwatch`: the real protocol (sync, diffs with lastEventAt); `bare`: the baseline's stamps */
export type Protocol = 'roomwatch' | 'bare';

export interface DashboardsSetup {
  url: string;
  protocol: Protocol;
  /** the session cookie the sockets sign in with (roomwatch) */
  cookie: string | null;
  /** dashboards on the overview */
  overview: number;
  /** dashboards subscribed to one meeting (they are on the overview too, as the dashboard is) */
  meeting: { uuid: string; dashboards: number } | null;
}

/** What each kind of dashboard should be shown during the run. */
export interface Plans {
  overview: PlannedDelivery[];
  meeting: PlannedDelivery[];
}

export interface TrackedLatency {
  latency: Distribution;
  /** per delivery, its latency at the first dashboard shown it: the server's part (firstAndSpread) */
  first: Distribution;
  /** per delivery, from the first dashboard shown it to the last: the clients' part */
  spread: Distribution;
  /** the latencies of the deliveries due in the first and the last BACKLOG_WINDOW_MS of the run */
  windows: { first: Distribution; last: Distribution };
  /** deliveries shown, over all dashboards of the kind */
  shown: number;
  /** deliveries that should have been shown (plan size × dashboards) */
  expected: number;
  /** what one dashboard received during the run, on average (all its channels) */
  received: { messages: number; bytes: number };
}

/** the windows of the run compared to tell a backlog that grows */
export const BACKLOG_WINDOW_MS = 5_000;

export interface DashboardsResult {
  overview: TrackedLatency;
  meeting: TrackedLatency | null;
  /** diffs whose `prev` was not the seq the dashboard held */
  gaps: number;
  /** times the server cut a dashboard off for falling behind */
  resyncs: number;
  /** p99 delay of the dashboards process's event loop (ms): high means the clients, not the server, were slow */
  loopDelayP99: number;
  errors: string[];
}

export type ToDashboards =
  { type: 'setup'; setup: DashboardsSetup } | { type: 'track'; plans: Plans } | { type: 'finish'; waitMs: number };
export type FromDashboards =
  | { type: 'ready' }
  | { type: 'tracking' }
  | { type: 'result'; result: DashboardsResult }
  | { type: 'failed'; message: string };

const entry = fileURLToPath(new URL('./dashboards-process.ts', import.meta.url));

export class Dashboards {
  private constructor(private readonly child: ChildProcess) {}

  /** forks the process, connects every dashboard and resolves once all are synced and subscribed */
  static async start(setup: DashboardsSetup): Promise<Dashboards> {
    const child = fork(entry, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'inherit' });
    const dashboards = new Dashboards(child);
    try {
      await dashboards.request({ type: 'setup', setup }, 'ready');
    } catch (error) {
      dashboards.kill();
      throw error;
    }
    return dashboards;
  }

  /** from now on, each dashboard notes when it is shown each delivery of its plan */
  async track(plans: Plans): Promise<void> {
    await this.request({ type: 'track', plans }, 'tracking');
  }

  /** waits until every dashboard was shown every delivery, or `waitMs`, and collects the latencies */
  async finish(waitMs: number): Promise<DashboardsResult> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    const { result } = await this.request({ type: 'finish', waitMs }, 'result');
    await exited;
    return result;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  /** each request gets exactly one reply */
  private request<T extends FromDashboards['type']>(
    message: ToDashboards,
    type: T,
  ): Promise<Extract<FromDashboards, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the dashboards process exited early'));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: FromDashboards) => {
        this.child.off('exit', onExit);
        if (reply.type === 'failed') reject(new Error(`dashboards: ${reply.message}`));
        else if (reply.type !== type) reject(new Error(`dashboards answered ${reply.type}, expected ${type}`));
        else resolve(reply as Extract<FromDashboards, { type: T }>);
      });
      this.child.send(message);
    });
  }
}
