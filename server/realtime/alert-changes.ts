/**
 * One tick's changes of the alerts, one per alert: a busy account updates the same alerts many
 * times a second (a waiting room's count, a participant's unstable audio), and a dashboard only
 * shows each alert's newest state. Merging keeps what a client acts on: an alert opened in the
 * tick stays `opened` while it is still open (that is what toasts it), and a transition followed
 * by updates stays that transition.
 */
import type { AlertChange } from '../../shared/alerts';

export function mergeAlertChange(earlier: AlertChange, later: AlertChange): AlertChange {
  if (earlier.change === 'opened' && later.alert.status === 'open') return { change: 'opened', alert: later.alert };
  if (later.change === 'updated') return { change: earlier.change, alert: later.alert };
  return later;
}

/** The changes since the last tick, merged per alert, in the order each alert first changed. */
export class PendingAlertChanges {
  private readonly byId = new Map<number, AlertChange>();

  get size(): number {
    return this.byId.size;
  }

  add(change: AlertChange): void {
    const earlier = this.byId.get(change.alert.id);
    this.byId.set(change.alert.id, earlier ? mergeAlertChange(earlier, change) : change);
  }

  /** the merged changes, and an empty set for the next tick */
  take(): AlertChange[] {
    const changes = [...this.byId.values()];
    this.byId.clear();
    return changes;
  }
}
