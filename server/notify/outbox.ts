/**
 * The outbox: messages to channels, written in the transaction that opens their alerts, so that an
 * alert is sent exactly when it is stored, even if Roomwatch stops right after. The same rows are
 * the delivery log. A digest channel's alerts join its open message until that is due.
 */
import { iso, isoOrNull } from '../../shared/time';
import type { AlertTransition, AlertView } from '../../shared/alerts';
import type { DeliveryPage, DeliveryStatus } from '../../shared/notifications';
import type { AlertRow, Snooze } from '../alerts/store';
import { alertView } from '../alerts/view';
import type { Db } from '../db/open';
import type { notificationDeliveries } from '../db/schema';
import type { ChannelStore } from './channels';

export type DeliveryRow = typeof notificationDeliveries.$inferSelect;

interface RawDelivery {
  id: number;
  channel_id: number;
  alerts: string;
  created_at: number;
  status: DeliveryStatus;
  attempts: number;
  due_at: number;
  give_up_at: number;
  last_attempt_at: number | null;
  last_error: string | null;
  delivered_at: number | null;
}

const rowOf = (raw: RawDelivery): DeliveryRow => ({
  id: raw.id,
  channelId: raw.channel_id,
  alerts: JSON.parse(raw.alerts) as AlertView[],
  createdAt: raw.created_at,
  status: raw.status,
  attempts: raw.attempts,
  dueAt: raw.due_at,
  giveUpAt: raw.give_up_at,
  lastAttemptAt: raw.last_attempt_at,
  lastError: raw.last_error,
  deliveredAt: raw.delivered_at,
});

export interface OutboxOptions {
  /** how long after its first attempt was due a message is retried */
  retryForMs: number;
}

export class Outbox {
  private readonly statements;
  private readonly listeners = new Set<() => void>();

  constructor(
    db: Db,
    private readonly channels: ChannelStore,
    private readonly options: OutboxOptions,
  ) {
    const sqlite = db.$client;
    // prepared once: an alert opening is on ingest's path
    this.statements = {
      insert: sqlite.prepare<[number, string, number, number, number]>(
        `INSERT INTO notification_deliveries (channel_id, alerts, created_at, status, attempts, due_at, give_up_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
      ),
      openDigest: sqlite.prepare<[number, number], { id: number }>(
        `SELECT id FROM notification_deliveries
         WHERE channel_id = ? AND status = 'pending' AND attempts = 0 AND due_at > ? ORDER BY id DESC LIMIT 1`,
      ),
      appendToDigest: sqlite.prepare<[string, number]>(
        `UPDATE notification_deliveries SET alerts = json_insert(alerts, '$[#]', json(?)) WHERE id = ?`,
      ),
      due: sqlite.prepare<[number, number], RawDelivery>(
        `SELECT * FROM notification_deliveries WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
      ),
      nextDue: sqlite.prepare<[], { due: number | null }>(
        `SELECT min(due_at) AS due FROM notification_deliveries WHERE status = 'pending'`,
      ),
      settle: sqlite.prepare<[DeliveryStatus, number, number, number, string | null, number | null, number]>(
        `UPDATE notification_deliveries SET status = ?, attempts = ?, due_at = ?, last_attempt_at = ?, last_error = ?,
           delivered_at = ? WHERE id = ?`,
      ),
      prune: sqlite.prepare<[number]>(
        `DELETE FROM notification_deliveries WHERE status != 'pending' AND created_at < ?`,
      ),
      page: sqlite.prepare<[number, number, number, number], RawDelivery>(
        `SELECT * FROM notification_deliveries WHERE id < ? AND (? = 0 OR channel_id = ?) ORDER BY id DESC LIMIT ?`,
      ),
    };
  }

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
    const alert = JSON.stringify(alertView(row, snooze));
    for (const channel of channels) {
      if (channel.digestMinutes > 0) {
        const open = this.statements.openDigest.get(channel.id, at);
        if (open) {
          this.statements.appendToDigest.run(alert, open.id);
          continue;
        }
      }
      const dueAt = at + channel.digestMinutes * 60_000;
      this.statements.insert.run(channel.id, `[${alert}]`, at, dueAt, dueAt + this.options.retryForMs);
    }
    // after the transaction: whoever listens reads what it committed
    setImmediate(() => {
      for (const listener of this.listeners) listener();
    });
  }

  /** Messages whose (next) attempt is due, oldest first. */
  due(now: number, limit: number): DeliveryRow[] {
    return this.statements.due.all(now, limit).map(rowOf);
  }

  /** When the next pending message is due; null when none is pending. */
  nextDueAt(): number | null {
    return this.statements.nextDue.get()?.due ?? null;
  }

  delivered(row: DeliveryRow, at: number): void {
    this.statements.settle.run('delivered', row.attempts + 1, row.dueAt, at, null, at, row.id);
  }

  /** A failed attempt: tried again at `retryAt`, or given up if that is past the message's day. */
  attemptFailed(row: DeliveryRow, at: number, error: string, retryAt: number): DeliveryStatus {
    const status = retryAt > row.giveUpAt ? 'failed' : 'pending';
    this.statements.settle.run(status, row.attempts + 1, retryAt, at, error, null, row.id);
    return status;
  }

  /** Deletes the log of messages delivered or given up, queued before `before` (ms); pending ones stay. */
  prune(before: number): number {
    return this.statements.prune.run(before).changes;
  }

  /** The delivery log, newest first; `channelId` 0 for every channel. */
  page(options: { before: number; limit: number; channelId: number }): DeliveryPage {
    const { before, limit, channelId } = options;
    const rows = this.statements.page.all(before, channelId, channelId, limit).map(rowOf);
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
