/**
 * The demo: Roomwatch on a fresh database, fed by the simulator through its real signed webhook
 * endpoint over HTTP (never by writing state directly). The traffic starts `warmupMs` in the past,
 * so meetings are already in full swing when the dashboard opens.
 */
import { rmSync } from 'node:fs';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Config } from '../config';
import { WebhookSender } from '../replay/webhook-sender';
import { startRoomwatch, type Running } from '../start';
import { TrafficDriver } from './driver';
import { addDemoChannels, startDemoReceivers, type DemoReceivers } from './receivers';
import { Traffic } from './simulator';

export const DEMO_DATABASE = './data/demo.db';
export const DEMO_SECRET = 'roomwatch-demo-secret';
export const DEMO_ADMIN_PASSWORD = 'roomwatch-demo';

export interface DemoOptions {
  /** its database file is deleted first: every demo starts empty */
  config: Config;
  seed: number;
  /** how busy the traffic is (1: real pace) */
  rate: number;
  /** how much simulated history is posted at once on start (default 10 minutes) */
  warmupMs?: number;
  clock?: Clock;
  /** a post that failed even after retries */
  onFailure?: (reason: string) => void;
}

export interface Demo extends Running {
  traffic: Traffic;
  driver: TrafficDriver;
  /** where the demo's notification channels send */
  receivers: DemoReceivers;
}

export function resetDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const clock = options.clock ?? systemClock;
  resetDatabase(options.config.databasePath);
  const running = await startRoomwatch(options.config, { clock });
  // one user of each other role, to see what they may do
  const password = options.config.adminPassword ?? DEMO_ADMIN_PASSWORD;
  for (const role of ['operator', 'viewer'] as const) {
    await running.application.auth.users.add(role, password, null, { role });
  }
  const receivers = await startDemoReceivers();
  addDemoChannels(running.application.notifications, receivers.url, clock.now());
  const traffic = new Traffic({
    seed: options.seed,
    rate: options.rate,
    start: clock.now() - (options.warmupMs ?? 10 * 60_000),
  });
  const sender = new WebhookSender({
    url: running.url,
    secret: options.config.webhookSecrets[0]!,
    now: () => clock.now(),
  });
  const driver = new TrafficDriver(traffic, sender, clock, options.onFailure);
  // stopped before the server closes, so that no post is cut off mid-way
  const close = async () => {
    await driver.stop();
    await running.close();
    await receivers.close();
  };
  driver.start();
  return { ...running, close, traffic, driver, receivers };
}
