/**
 * The outbox: messages to channels, written in the transaction that opens their alerts, so that an
 * alert is sent exactly when it is stored, even if Roomwatch stops right after. The same rows are
 * the delivery log. A digest channel's alerts join its open message until that is due.
 */
import { iso, isoOrNull } from '../../shared/time';
import { and, desc, eq, gt, lt, lte, min, ne, sql } from 'drizzle-orm';
import type { AlertTransition } from '../../shared/alerts';
import type { DeliveryPage, DeliveryStatus } from '../../shared/notifications';
import type { AlertRow, Snooze } from '../alerts/store';
import { alertView } from '../alerts/view';
import type { Db } from '../db/open';
import { notificationDeliveries as deliveries } from '../db/schema';
import type { ChannelStore } from './channels';

export type DeliveryRow = typeof deliveries.$inferSelect;

export interface OutboxOptions {
  /** how long after its first attempt was due a message is retried */
  retryForMs: number;
}

export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly channels: ChannelStore,
    private readonly options: OutboxOptions,
  ) {}

  /** Calls `listener` after a message was queued (once its transaction is over). */
  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The alert store's hook, inside the transaction that writes the transition: an alert that opens
   * goes to every channel that wants it, unless its kind is snoozed in its meeting.
   */
  record(row: AlertRow, transition: AlertTransition, at: number, snooze: Snooze | undefined): void {
    if (transition !== 'opened') return;
    if (snooze && (snooze.until === null || snooze.until > at)) return;
    const channels = this.channels.matching(row);
    if (channels.length === 0) return;
    const alert = alertView(row, snooze);
    for (const channel of channels) {
      if (channel.digestMinutes > 0) {
        const open = this.openDigest(channel.id, at);
        if (open) {
          this.db
            .update(deliveries)
            .set({ alerts: sql`json_insert(${deliveries.alerts}, '$[#]', json(${JSON.stringify(alert)}))` })
            .where(eq(deliveries.id, open.id))
            .run();
          continue;
        }
      }
      const dueAt = at + channel.digestMinutes * 60_000;
      this.db
        .insert(deliveries)
        .values({
          channelId: channel.id,
          alerts: [alert],
          createdAt: at,
          status: 'pending',
          attempts: 0,
          dueAt,
          giveUpAt: dueAt + this.options.retryForMs,
        })
        .run();
    }
    // after the transaction: whoever listens reads what it committed
    setImmediate(() => {
      for (const listener of this.listeners) listener();
    });
  }

  /** A digest's message still open to more alerts: pending, never tried, due after `at`. */
  private openDigest(channelId: number, at: number): { id: number } | undefined {
    return this.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.channelId, channelId),
          eq(deliveries.status, 'pending'),
          eq(deliveries.attempts, 0),
          gt(deliveries.dueAt, at),
        ),
      )
      .orderBy(desc(deliveries.id))
      .limit(1)
      .get();
  }

  /** Messages whose (next) attempt is due, oldest first. */
  due(now: number, limit: number): DeliveryRow[] {
    return this.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.status, 'pending'), lte(deliveries.dueAt, now)))
      .orderBy(deliveries.dueAt, deliveries.id)
      .limit(limit)
      .all();
  }

  /** When the next pending message is due; null when none is pending. */
  nextDueAt(): number | null {
    return this.db
      .select({ due: min(deliveries.dueAt) })
      .from(deliveries)
      .where(eq(deliveries.status, 'pending'))
      .get()!.due;
  }

  delivered(row: DeliveryRow, at: number): void {
    this.settle(row, { status: 'delivered', attempts: row.attempts + 1, lastAttemptAt: at, deliveredAt: at });
  }

  /** A failed attempt: tried again at `retryAt`, or given up if that is past the message's day. */
  attemptFailed(row: DeliveryRow, at: number, error: string, retryAt: number): DeliveryStatus {
    const status = retryAt > row.giveUpAt ? 'failed' : 'pending';
    this.settle(row, { status, attempts: row.attempts + 1, dueAt: retryAt, lastAttemptAt: at, lastError: error });
    return status;
  }

  private settle(row: DeliveryRow, change: Partial<DeliveryRow>): void {
    this.db
      .update(deliveries)
      .set({ lastError: null, deliveredAt: null, ...change })
      .where(eq(deliveries.id, row.id))
      .run();
  }

  /** Deletes the log of messages delivered or given up, queued before `before` (ms); pending ones stay. */
  prune(before: number): number {
    return this.db
      .delete(deliveries)
      .where(and(ne(deliveries.status, 'pending'), lt(deliveries.createdAt, before)))
      .run().changes;
  }

  /** The delivery log, newest first; `channelId` 0 for every channel. */
  page(options: { before: number; limit: number; channelId: number }): DeliveryPage {
    const { before, limit, channelId } = options;
    const rows = this.db
      .select()
      .from(deliveries)
      .where(and(lt(deliveries.id, before), channelId === 0 ? undefined : eq(deliveries.channelId, channelId)))
      .orderBy(desc(deliveries.id))
      .limit(limit)
      .all();
    return {
      deliveries: rows.map((row) => ({
        id: row.id,
        channelId: row.channelId,
        channelName: this.channels.get(row.channelId)?.name ?? null,
        alerts: row.alerts.map(({ id, title, severity, meetingTopic }) => ({ id, title, severity, meetingTopic })),
        status: row.status,
        attempts: row.attempts,
        createdAt: iso(row.createdAt),
        dueAt: iso(row.dueAt),
        lastAttemptAt: isoOrNull(row.lastAttemptAt),
        lastError: row.lastError,
        deliveredAt: isoOrNull(row.deliveredAt),
      })),
      nextBefore: rows.length === limit ? rows.at(-1)!.id : null,
    };
  }
}
