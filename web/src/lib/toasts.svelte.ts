/**
 * Alerts as toasts: a new alert shows at once, with its severity, meeting and what happened. Warnings
 * and infos go by themselves after a while (not while pointed at or focused); critical ones stay
 * until dismissed. Only the newest few show; the alerts page has them all.
 */
import type { AlertChange, AlertView } from '../../../shared/alerts';

export const MAX_TOASTS = 4;
export const TOAST_MS = 12_000;

export class Toasts {
  /** newest first */
  items = $state.raw<AlertView[]>([]);
  /** alerts that arrived while MAX_TOASTS were showing */
  overflow = $state(0);
  // timers and holds are bookkeeping, never shown: plain collections on purpose
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly held = new Set<number>();

  constructor(private readonly holdMs = TOAST_MS) {}

  /** Takes a live change of an alert: a new one pops up, a shown one is kept current. */
  take({ change, alert }: AlertChange): void {
    const shown = this.items.some((a) => a.id === alert.id);
    if (shown) {
      this.items = this.items.map((a) => (a.id === alert.id ? alert : a));
      if (alert.status !== 'open') this.dismiss(alert.id);
      return;
    }
    if (change !== 'opened') return;
    const kept = [alert, ...this.items];
    for (const gone of kept.slice(MAX_TOASTS)) {
      this.forgetTimer(gone.id);
      this.overflow++;
    }
    this.items = kept.slice(0, MAX_TOASTS);
    this.schedule(alert);
  }

  dismiss(id: number): void {
    this.forgetTimer(id);
    this.held.delete(id);
    this.items = this.items.filter((a) => a.id !== id);
    if (this.items.length === 0) this.overflow = 0;
  }

  dismissAll(): void {
    for (const alert of this.items) this.dismiss(alert.id);
  }

  /** pointer over it or focus in it: it stays */
  hold(id: number, holding: boolean): void {
    if (holding) {
      this.held.add(id);
      this.forgetTimer(id);
    } else {
      this.held.delete(id);
      const alert = this.items.find((a) => a.id === id);
      if (alert) this.schedule(alert);
    }
  }

  private schedule(alert: AlertView): void {
    if (alert.severity === 'critical' || this.held.has(alert.id)) return;
    this.forgetTimer(alert.id);
    this.timers.set(
      alert.id,
      setTimeout(() => this.dismiss(alert.id), this.holdMs),
    );
  }

  private forgetTimer(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }
}
