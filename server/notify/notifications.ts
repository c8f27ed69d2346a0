/**
 * Alerts off the screen: the channels, the outbox the alert store writes into, and the deliverer
 * that empties it. The alert store calls `recordAlertTransition` inside its transactions.
 */
import { randomUUID } from 'node:crypto';
import type { AlertTransitionHook } from '../alerts/store';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { ChannelStore, type ChannelRow } from './channels';
import { DEFAULT_RETRY, Deliverer, type RetryPolicy } from './deliverer';
import { testMessage } from './message';
import { Outbox } from './outbox';
import { providers, type Providers } from './providers';
import type { SmtpSettings } from './providers/email';

export interface NotifyOptions {
  /** ROOMWATCH_PUBLIC_URL, for links; null: the server's own address once it listens */
  publicUrl: string | null;
  /** ROOMWATCH_SMTP_URL and ROOMWATCH_SMTP_FROM; null: email channels cannot be created */
  smtp: SmtpSettings | null;
  retry: RetryPolicy;
  /** how long after its first attempt was due a message is retried */
  retryForMs: number;
  /** how long one attempt may take */
  attemptTimeoutMs: number;
  /** the log of settled messages is kept this long (ROOMWATCH_RETENTION_DAYS) */
  retentionMs: number;
}

export const DEFAULT_NOTIFY_OPTIONS: NotifyOptions = {
  publicUrl: null,
  smtp: null,
  retry: DEFAULT_RETRY,
  retryForMs: 86_400_000,
  attemptTimeoutMs: 15_000,
  retentionMs: 30 * 86_400_000,
};

const PRUNE_EVERY_MS = 3_600_000;

export class Notifications {
  readonly channels: ChannelStore;
  readonly outbox: Outbox;
  private readonly deliverer: Deliverer;
  private readonly providers: Providers;
  private dashboardUrl: string;
  private stopPruning: () => void = () => undefined;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly options: NotifyOptions,
  ) {
    this.dashboardUrl = options.publicUrl ?? 'http://localhost';
    this.channels = new ChannelStore(db, options.smtp !== null);
    this.outbox = new Outbox(db, this.channels, { retryForMs: options.retryForMs });
    this.providers = providers(options.smtp);
    this.deliverer = new Deliverer({
      outbox: this.outbox,
      channels: this.channels,
      providers: this.providers,
      clock,
      retry: options.retry,
      attemptTimeoutMs: options.attemptTimeoutMs,
      dashboardUrl: () => this.dashboardUrl,
    });
    this.outbox.onQueued(this.deliverer.run);
  }

  /** The alert store's hook, called inside the transaction of every transition it writes. */
  readonly recordAlertTransition: AlertTransitionHook = (row, transition, at, snooze) =>
    this.outbox.record(row, transition, at, snooze);

  /** Starts sending, the messages left pending by the last run included. */
  start(serverUrl: string): void {
    if (this.options.publicUrl === null) this.dashboardUrl = serverUrl;
    this.deliverer.run();
    this.prune();
    this.stopPruning = this.clock.every(PRUNE_EVERY_MS, () => this.prune());
  }

  stop(): Promise<void> {
    this.stopPruning();
    return this.deliverer.stop();
  }

  private prune(): void {
    try {
      this.outbox.prune(this.clock.now() - this.options.retentionMs);
    } catch (error) {
      // the database busy or full: the next hour tries again
      console.error('notifications: could not prune the delivery log', error);
    }
  }

  /** Sends a test message to a channel at once, outside the outbox; throws DeliveryError if it fails. */
  async test(channel: ChannelRow): Promise<void> {
    await this.providers[channel.type].send(channel.config, testMessage(channel.name, this.dashboardUrl), {
      messageId: `msg_test_${randomUUID()}`,
      now: this.clock.now(),
      signal: AbortSignal.timeout(this.options.attemptTimeoutMs),
    });
  }
}
