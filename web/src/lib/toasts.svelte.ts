/**
 * Alerts that pop up, by the user's settings: critical alerts always, warnings and infos as chosen.
 * A critical alert gets a notice of its own and stays until dismissed (at most MAX_CRITICAL show;
 * the others are counted). Warnings and infos share one notice: a single alert reads as itself, a
 * burst as one group ("7 new warnings in 3 meetings") that can be expanded, never as a column of
 * toasts. A kind snoozed for a meeting stays quiet there. That notice goes after a while without news (not while pointed at or focused). So at most
 * MAX_CRITICAL + 1 notices are on screen; the alerts page has every alert.
 */
import { DEFAULT_ALERT_SETTINGS, popsUp, type AlertSettings } from '../../../shared/alert-settings';
import { snoozeHolds, type AlertChange, type AlertView } from '../../../shared/alerts';

export const MAX_CRITICAL = 2;
export const TOAST_MS = 12_000;
/** the alerts a group notice keeps; the alerts page has the rest */
export const MAX_GROUPED = 50;

/** the group notice's key, for hold() and dismiss() */
export const GROUP = 0;

export class Toasts {
  /** critical alerts shown, newest first */
  critical = $state.raw<AlertView[]>([]);
  /** warnings and infos of the current burst, newest first: one notice */
  burst = $state.raw<AlertView[]>([]);
  /** how many alerts of the burst arrived in all (the list keeps MAX_GROUPED) */
  burstCount = $state(0);
  /** critical alerts that arrived while MAX_CRITICAL were showing */
  overflow = $state(0);
  settings = $state.raw<AlertSettings>(DEFAULT_ALERT_SETTINGS);
  // timers and holds are bookkeeping, never shown: plain collections on purpose
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly held = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly holdMs = TOAST_MS,
    /** told of every alert that pops up (sound, desktop notification) */
    private readonly onPopUp: (alert: AlertView) => void = () => {},
  ) {}

  get empty(): boolean {
    return this.critical.length === 0 && this.burst.length === 0;
  }

  /** Takes a live change of an alert: a new one pops up if the settings say so, a shown one is kept current. */
  take({ change, alert }: AlertChange): void {
    if (this.update(alert)) return;
    if (change !== 'opened' || !popsUp(this.settings, alert) || snoozeHolds(alert.snooze, Date.now())) return;
    if (alert.severity === 'critical') {
      const kept = [alert, ...this.critical];
      this.overflow += Math.max(0, kept.length - MAX_CRITICAL);
      this.critical = kept.slice(0, MAX_CRITICAL);
    } else {
      this.burst = [alert, ...this.burst].slice(0, MAX_GROUPED);
      this.burstCount++;
      this.schedule();
    }
    this.onPopUp(alert);
  }

  /** Dismisses a critical alert's notice, or the group's (GROUP). */
  dismiss(id: number): void {
    this.held.delete(id);
    if (id === GROUP) {
      clearTimeout(this.timer);
      this.burst = [];
      this.burstCount = 0;
    } else {
      this.critical = this.critical.filter((a) => a.id !== id);
      if (this.critical.length === 0) this.overflow = 0;
    }
  }

  dismissAll(): void {
    this.dismiss(GROUP);
    for (const alert of this.critical) this.dismiss(alert.id);
  }

  /** pointer over it or focus in it: the group notice stays */
  hold(id: number, holding: boolean): void {
    if (holding) this.held.add(id);
    else this.held.delete(id);
    if (id === GROUP) this.schedule();
  }

  /** keeps a shown alert current; one nobody needs to act on any more leaves */
  private update(alert: AlertView): boolean {
    const stillOpen = alert.status === 'open' && !snoozeHolds(alert.snooze, Date.now());
    const replace = (list: AlertView[]) =>
      stillOpen ? list.map((a) => (a.id === alert.id ? alert : a)) : list.filter((a) => a.id !== alert.id);
    if (this.critical.some((a) => a.id === alert.id)) {
      this.critical = replace(this.critical);
      if (this.critical.length === 0) this.overflow = 0;
      return true;
    }
    if (this.burst.some((a) => a.id === alert.id)) {
      this.burst = replace(this.burst);
      if (!stillOpen) this.burstCount--;
      if (this.burst.length === 0) this.dismiss(GROUP);
      return true;
    }
    return false;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.held.has(GROUP) || this.burst.length === 0) return;
    this.timer = setTimeout(() => this.dismiss(GROUP), this.holdMs);
  }
}

/** "7 new warnings in 3 meetings", "2 new alerts in 1 meeting" (warnings and infos mixed) */
export function burstHeadline(burst: readonly AlertView[], count: number): string {
  const first = burst[0]?.severity;
  const noun = first !== undefined && burst.every((a) => a.severity === first) ? first : 'alert';
  // counted, never kept: a plain Set is enough
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const meetings = new Set(burst.map((a) => a.meetingUuid)).size;
  return `${count} new ${noun}${count === 1 ? '' : 's'} in ${meetings} ${meetings === 1 ? 'meeting' : 'meetings'}`;
}
