/**
 * Sends the outbox's messages: each channel one message at a time (in order, and a digest's retry
 * before the next), channels independently of each other, and all of it off ingest's path, so a
 * dead or slow receiver delays nothing but its own messages. A failed attempt is tried again after
 * an exponential back-off with jitter, for a day; a message in flight when Roomwatch stops is
 * still pending in the outbox and goes after the restart.
 */
import type { Clock } from '../clock';
import type { ChannelStore } from './channels';
import { alertsMessage } from './message';
import type { DeliveryRow, Outbox } from './outbox';
import type { Providers } from './providers';
import { DeliveryError } from './providers/provider';

export interface RetryPolicy {
  /** the wait after the first failed attempt, doubled after each further one... */
  firstMs: number;
  /** ...up to this */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstMs: 10_000, maxMs: 3_600_000 };

/** "Equal jitter": half the exponential wait, plus up to as much again at random, so that retries spread out. */
export function retryDelay(failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const wait = Math.min(policy.maxMs, policy.firstMs * 2 ** (failedAttempts - 1));
  return Math.round(wait / 2 + (random() * wait) / 2);
}

/** Messages looked at per pass; the rest wait for the next pass, which follows every attempt. */
const BATCH = 200;

export interface DelivererDeps {
  outbox: Outbox;
  channels: ChannelStore;
  providers: Providers;
  clock: Clock;
  retry: RetryPolicy;
  /** how long one attempt may take */
  attemptTimeoutMs: number;
  /** the dashboard's address, for links */
  dashboardUrl: () => string;
}

export class Deliverer {
  /** channels with an attempt under way */
  private readonly busy = new Set<number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private cancelWake: (() => void) | null = null;

  constructor(private readonly deps: DelivererDeps) {}

  /** Sends what is due, then sleeps until the next message is due (or run() is called again). */
  readonly run = (): void => {
    if (this.stopping.signal.aborted) return;
    const { outbox, clock } = this.deps;
    const now = clock.now();
    try {
      for (const row of outbox.due(now, BATCH)) {
        if (!this.busy.has(row.channelId)) this.attempt(row);
      }
      this.cancelWake?.();
      const next = outbox.nextDueAt();
      // due rows of busy channels are taken up when their channel's attempt ends
      if (next !== null && next > now) this.cancelWake = clock.after(next - now, this.run);
    } catch (error) {
      // the database busy or full: the next message queued or attempt ended tries again
      console.error('notifications: could not read the outbox', error);
    }
  };

  /** Ends attempts under way (their messages stay pending) and sends nothing more. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.cancelWake?.();
    await Promise.allSettled([...this.inFlight]);
  }

  private attempt(row: DeliveryRow): void {
    this.busy.add(row.channelId);
    const attempt = this.send(row)
      .catch((error: unknown) => console.error(`notifications: delivery ${row.id} could not be recorded`, error))
      .finally(() => {
        this.busy.delete(row.channelId);
        this.inFlight.delete(attempt);
        this.run();
      });
    this.inFlight.add(attempt);
  }

  private async send(row: DeliveryRow): Promise<void> {
    const { outbox, channels, providers, clock } = this.deps;
    const channel = channels.get(row.channelId);
    if (!channel) {
      outbox.attemptFailed(row, clock.now(), 'the channel was deleted', Number.POSITIVE_INFINITY);
      return;
    }
    try {
      await providers[channel.type].send(channel.config, alertsMessage(row.alerts, this.deps.dashboardUrl()), {
        messageId: `msg_${row.id}`,
        now: clock.now(),
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.deps.attemptTimeoutMs)]),
      });
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      const reason = error instanceof DeliveryError ? error.message : `failed: ${(error as Error).message}`;
      const at = clock.now();
      const status = outbox.attemptFailed(row, at, reason, at + retryDelay(row.attempts + 1, this.deps.retry));
      if (status === 'failed')
        console.error(`notifications: gave up delivery ${row.id} to "${channel.name}": ${reason}`);
      return;
    }
    outbox.delivered(row, clock.now());
  }
}
