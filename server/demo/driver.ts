/**
 * Posts the simulator's traffic to a webhook endpoint as time passes: every tick, the deliveries
 * due by now are signed and posted in delivery order, one at a time, like a steady Zoom.
 */
import type { Clock } from '../clock';
import type { WebhookSender } from '../replay/webhook-sender';
import type { SimEvent, Traffic } from './simulator';

const TICK_MS = 200;

export interface DriverStats {
  sent: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  failed: number;
  /** due but not posted yet */
  backlog: number;
}

export interface DriverHooks {
  /** deliveries Zoom loses: never posted */
  lost?: (event: SimEvent) => boolean;
  /** hears of every post with its body and whether the server took it */
  delivered?: (body: string, ok: boolean) => void;
}

export class TrafficDriver {
  readonly stats: DriverStats = { sent: 0, accepted: 0, duplicates: 0, quarantined: 0, failed: 0, backlog: 0 };
  private readonly queue: SimEvent[] = [];
  private stopTimer: (() => void) | null = null;
  private posting: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly traffic: Traffic,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly onFailure: (reason: string) => void = () => {},
    private readonly hooks: DriverHooks = {},
  ) {}

  start(): void {
    this.stopTimer = this.clock.every(TICK_MS, () => this.tick());
    this.tick();
  }

  /** stops taking traffic and waits for the post in flight */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopTimer?.();
    await this.posting;
  }

  private tick(): void {
    if (this.stopped) return;
    for (const event of this.traffic.advanceTo(this.clock.now())) {
      if (!this.hooks.lost?.(event)) this.queue.push(event);
    }
    this.stats.backlog = this.queue.length;
    this.posting ??= this.drain().finally(() => {
      this.posting = null;
    });
  }

  private async drain(): Promise<void> {
    for (let event = this.queue.shift(); event && !this.stopped; event = this.queue.shift()) {
      const body = JSON.stringify(event.body);
      const outcome = await this.sender.send(body);
      this.hooks.delivered?.(body, outcome.status !== 'failed');
      this.stats.sent++;
      this.stats.backlog = this.queue.length;
      if (outcome.status === 'failed') {
        this.stats.failed++;
        this.onFailure(outcome.reason);
      } else if (outcome.status === 'duplicate') this.stats.duplicates++;
      else if (outcome.status === 'quarantined') this.stats.quarantined++;
      else this.stats.accepted++;
    }
  }
}
