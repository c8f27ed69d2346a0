/**
 * Everything the signed-in dashboard shares between its views: the live store, the participant
 * history for sparklines, the current page, the alert toasts. Made when a user signs in, closed when
 * they sign out (the socket goes with it).
 */
import { io } from 'socket.io-client';
import { createContext } from 'svelte';
import { can, type Action } from '../../../shared/auth';
import { CountHistory } from './count-history.svelte';
import { LiveStore, type LiveSocket, type LiveStoreOptions } from './live-store.svelte';
import { NO_FILTER, tallyAlerts, type AlertTally, type OverviewFilter, type SortKey } from './overview';
import { Router } from './router.svelte';
import type { Session } from './session.svelte';
import { TOAST_MS, Toasts } from './toasts.svelte';
import { signal } from './alert-signals';
import type { AlertSettings } from '../../../shared/alert-settings';

export class Dashboard {
  readonly live: LiveStore;
  readonly history = new CountHistory();
  readonly router = new Router();
  readonly toasts = new Toasts(TOAST_MS, (alert) => signal(alert, this.toasts.settings));
  /** the overview's filter and order, kept while the user visits other pages */
  overview = $state<{ filter: OverviewFilter; sort: SortKey }>({ filter: { ...NO_FILTER }, sort: 'participants' });
  /** unresolved alerts per meeting uuid */
  readonly tallies: Map<string, AlertTally> = $derived.by(() => tallyAlerts(this.live.alerts.values()));
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly session: Session,
    connect: LiveStoreOptions['connect'] = (options): LiveSocket => io(options),
  ) {
    this.live = new LiveStore({ connect });
    this.stops.push(
      this.live.onMeetingsChange((change) => {
        this.history.record(change.upsert, Date.now());
        this.history.forget(change.remove);
      }),
      this.live.onAlertChange((change) => this.toasts.take(change)),
      this.live.onSessionChange((info) => session.changed(info)),
      () => this.live.close(),
      () => this.router.close(),
    );
    void this.loadHistory();
  }

  /** The sparklines' last hour, from the server; without it they start from now. */
  private async loadHistory(): Promise<void> {
    try {
      const answer = await this.api.get('/api/counts');
      this.history.prefill(answer.meetings);
    } catch {
      // the sparklines then fill from the live counts, as they arrive
    }
  }

  get api() {
    return this.session.api;
  }

  /** Whether the signed-in user's role may do this (the server checks it too): views hide what it may not. */
  can(action: Action): boolean {
    return this.session.user !== null && can(this.session.user.role, action);
  }

  /** The user's alert settings from the server: until they arrive, the defaults apply. */
  async loadAlertSettings(): Promise<void> {
    this.toasts.settings = await this.api.get('/api/alert-settings');
  }

  async saveAlertSettings(settings: AlertSettings): Promise<void> {
    this.toasts.settings = await this.api.put('/api/alert-settings', { body: settings });
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}

export const [getDashboard, setDashboard] = createContext<Dashboard>();
