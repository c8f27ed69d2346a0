/**
 * The application wired as in production (ingest -> live state -> alerts) on an in-memory SQLite
 * database and a fake clock, without an HTTP server: deliver() stores a body as the webhook route
 * would after verifying its signature, play() the deliveries of a simulated story, which story()
 * starts at the clock's time, with every event at the exact time of its action.
 */
import type { AlertChange, AlertStatus, AlertView } from '../../shared/alerts';
import { DEFAULT_ALERT_CONFIG, type AlertConfig } from '../../server/alerts/config';
import { createApplication, type Application } from '../../server/app';
import { openDatabase } from '../../server/db/open';
import { Scenario, type ScenarioOptions, type SimEvent } from '../../server/demo/simulator';
import { classify } from '../../server/events/validate';
import { FakeClock } from './fake-clock';
import { TEST_SECRET } from './signing';

export interface AlertHarness {
  application: Application;
  clock: FakeClock;
  changes: AlertChange[];
  deliver(...bodies: unknown[]): void;
  play(events: readonly SimEvent[]): void;
  story(seed: number, options?: Omit<ScenarioOptions, 'seed' | 'start' | 'exactTimes'>): Scenario;
  alerts(status?: AlertStatus | 'all'): AlertView[];
  close(): void;
}

/**
 * Thresholds that open and resolve condition alerts the moment their condition changes: for the
 * tests of a rule's own condition; the flapping tests keep the hysteresis of the defaults.
 */
export const AT_ONCE: Partial<AlertConfig> = { clearMs: 0, shareMs: 0 };

export function alertHarness(config: Partial<AlertConfig> = {}, clock = new FakeClock()): AlertHarness {
  const db = openDatabase(':memory:');
  const application = createApplication({
    db,
    webhookSecrets: [TEST_SECRET],
    staleAfterMs: 6 * 3_600_000,
    clock,
    alerts: { ...DEFAULT_ALERT_CONFIG, ...config },
  });
  const changes: AlertChange[] = [];
  application.alerts.onChange((change) => changes.push(change));
  return {
    application,
    clock,
    changes,
    deliver(...bodies) {
      for (const body of bodies) {
        const raw = Buffer.from(JSON.stringify(body));
        const classified = classify(raw);
        if (classified.kind === 'url_validation' || classified.kind === 'invalid') {
          throw new Error(`not a storable event: ${JSON.stringify(classified)}`);
        }
        application.ingest.store(classified, raw);
      }
    },
    play(events) {
      this.deliver(...events.map((e) => e.body));
    },
    story(seed, options = {}) {
      return new Scenario({ ...options, seed, start: clock.now(), exactTimes: true });
    },
    alerts(status = 'all') {
      const statuses: AlertStatus[] = status === 'all' ? ['open', 'acknowledged', 'resolved'] : [status];
      return application.alerts.list({ statuses, accountIds: null, limit: 1000 });
    },
    close() {
      application.alerts.stop();
      db.$client.close();
    },
  };
}
