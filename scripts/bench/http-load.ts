/**
 * The load generator: posts prepared deliveries over keep-alive connections, either as fast as the
 * server answers (closed loop, for throughput) or each at its due time whatever the server does
 * (open loop, for latency: a slow answer delays no later send, so queueing shows in the latencies).
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery, Scheduled } from './deliveries';
import { distribution, wallClock, type Distribution } from './stats';

export type AckStatus = 'accepted' | 'duplicate' | 'quarantined' | 'failed';

export interface Outcomes {
  accepted: number;
  duplicate: number;
  quarantined: number;
  failed: number;
  /** why posts failed, with counts */
  failures: Record<string, number>;
}

const ANSWERS = new Set<string>(['accepted', 'duplicate', 'quarantined']);

export class WebhookPoster {
  readonly outcomes: Outcomes = { accepted: 0, duplicate: 0, quarantined: 0, failed: 0, failures: {} };
  private readonly agent: http.Agent;
  private readonly target: URL;

  constructor(url: string, connections: number) {
    this.target = new URL('/webhooks/zoom', url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  /** posts one delivery; resolves (never rejects) once the answer has been read */
  post(delivery: Delivery): Promise<AckStatus> {
    return new Promise((resolve) => {
      const done = (status: AckStatus, failure?: string) => {
        this.outcomes[status]++;
        if (failure) this.outcomes.failures[failure] = (this.outcomes.failures[failure] ?? 0) + 1;
        resolve(status);
      };
      const request = http.request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          path: this.target.pathname,
          method: 'POST',
          headers: delivery.headers,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            const status = response.statusCode === 200 ? /"status":"(\w+)"/.exec(text)?.[1] : undefined;
            if (status && ANSWERS.has(status)) done(status as AckStatus);
            else done('failed', `HTTP ${response.statusCode} ${text.slice(0, 80)}`);
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => done('failed', error.code ?? error.message));
      request.end(delivery.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Posts every delivery, `concurrency` at a time, in order of starting. */
export async function postAll(
  poster: WebhookPoster,
  deliveries: readonly Delivery[],
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) await poster.post(deliveries[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface ClosedLoopResult {
  /** acknowledgements per second, over the measured window */
  perSecond: number;
  /** acknowledgements in the measured window */
  acks: number;
  /** length of the measured window (ms) */
  windowMs: number;
  /** every delivery was posted before the window ended: the figure is over a shorter window */
  ranOut: boolean;
}

/**
 * Keeps `concurrency` posts in flight until `warmupMs + measureMs` have passed (or the deliveries
 * run out); counts the acknowledgements after the warm-up.
 */
export async function closedLoop(
  poster: WebhookPoster,
  deliveries: readonly Delivery[],
  options: { concurrency: number; warmupMs: number; measureMs: number },
): Promise<ClosedLoopResult> {
  const startedAt = wallClock();
  const windowStart = startedAt + options.warmupMs;
  const windowEnd = windowStart + options.measureMs;
  let next = 0;
  let acks = 0;
  let lastAckAt = windowStart;
  const worker = async () => {
    while (next < deliveries.length && wallClock() < windowEnd) {
      await poster.post(deliveries[next++]!);
      const at = wallClock();
      if (at >= windowStart && at < windowEnd) {
        acks++;
        lastAckAt = at;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const ranOut = next >= deliveries.length && lastAckAt < windowEnd;
  const windowMs = ranOut ? lastAckAt - windowStart : options.measureMs;
  if (acks === 0 || windowMs <= 0) throw new Error(`${deliveries.length} deliveries did not last past the warm-up`);
  return { perSecond: (acks * 1000) / windowMs, acks, windowMs, ranOut };
}

export interface OpenLoopResult {
  /** acknowledgement time minus due time, per delivery (ms) */
  latency: Distribution;
  /** how late the generator started each post (ms): high means the generator, not the server, was slow */
  lateness: Distribution;
  /** acknowledgements per second from the first due time to the last acknowledgement */
  perSecond: number;
}

/** Posts each delivery at its due time, whether or not earlier posts were answered. */
export async function openLoop(poster: WebhookPoster, schedule: readonly Scheduled[]): Promise<OpenLoopResult> {
  const latencies = new Float64Array(schedule.length);
  const lateness = new Float64Array(schedule.length);
  const answered: Promise<void>[] = [];
  let lastAckAt = 0;
  for (let i = 0; i < schedule.length;) {
    const now = wallClock();
    for (; i < schedule.length && schedule[i]!.dueAt <= now; i++) {
      const { delivery, dueAt } = schedule[i]!;
      const index = i;
      lateness[index] = now - dueAt;
      answered.push(
        poster.post(delivery).then(() => {
          lastAckAt = wallClock();
          latencies[index] = lastAckAt - dueAt;
        }),
      );
    }
    // timers have a resolution of about 1 ms: a post may go up to that late, which is measured
    if (i < schedule.length) await sleep(Math.max(0, schedule[i]!.dueAt - wallClock() - 0.5));
  }
  await Promise.all(answered);
  const firstDue = schedule[0]?.dueAt ?? 0;
  return {
    latency: distribution(latencies),
    lateness: distribution(lateness),
    perSecond: (schedule.length * 1000) / Math.max(1, lastAckAt - firstDue),
  };
}
