/**
 * The demo: Roomwatch on a fresh database, fed by the simulator through its real signed webhook
 * endpoint over HTTP (never by writing state directly). The traffic starts `warmupMs` in the past,
 * so meetings are already in full swing when the dashboard opens.
 *
 * Zoom loses some webhooks there as it does for real (a share of the leaves, some meeting ends,
 * and the simulator's people who drop without any event), and a fake Zoom REST API answers from the
 * simulator's truth, so the dashboard shows repair removing the ghosts and ending the meetings.
 */
import { rmSync } from 'node:fs';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Config } from '../config';
import { WebhookSender } from '../replay/webhook-sender';
import { startRoomwatch, type Running } from '../start';
import { TrafficDriver } from './driver';
import { addDemoChannels, startDemoReceivers, type DemoReceivers } from './receivers';
import { FakeZoom } from './fake-zoom/server';
import { ZoomTruth } from './fake-zoom/truth';
import { Traffic, type SimEvent } from './simulator';
import { leaveOfReason } from '../state/normalize';
import type { ZoomConnection } from '../repair/connection';

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
  /** the fake Zoom REST API repair reads */
  zoom: FakeZoom;
}

export const DEMO_APP_ID = 'roomwatch-demo-app';
/** what Zoom loses in the demo: this share of the departures, and of the meeting ends */
const LOST_LEAVES = 0.15;
const LOST_ENDS = 0.3;

/** Deterministic per body, so that the same seed loses the same webhooks. */
function lostByZoom(event: SimEvent): boolean {
  const body = event.body as {
    event: string;
    event_ts: number;
    payload: { object: { participant?: { leave_reason?: string } } };
  };
  const share = (body.event_ts % 1000) / 1000;
  if (body.event === 'meeting.ended') return share < LOST_ENDS;
  if (body.event !== 'meeting.participant_left') return false;
  const reason = body.payload.object.participant?.leave_reason ?? null;
  return leaveOfReason(reason).scope === 'meeting' && !/host ended/i.test(reason ?? '') && share < LOST_LEAVES;
}

export function resetDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const clock = options.clock ?? systemClock;
  resetDatabase(options.config.databasePath);
  const traffic = new Traffic({
    seed: options.seed,
    rate: options.rate,
    start: clock.now() - (options.warmupMs ?? 10 * 60_000),
  });
  const now = () => clock.now();
  const accounts = traffic.world.accounts.map((a, i) => ({
    accountId: a.id,
    clientId: `demo-client-${i}`,
    clientSecret: `demo-secret-${i}`,
    appId: DEMO_APP_ID,
  }));
  const zoom = new FakeZoom({ truth: new ZoomTruth(() => traffic.world.meetings, now), accounts, now });
  await zoom.listen(0, '127.0.0.1');
  const connection: ZoomConnection = {
    accounts,
    apiUrl: zoom.apiUrl,
    oauthUrl: zoom.oauthUrl,
    participantsIntervalMs: 30_000,
    meetingsIntervalMs: 60_000,
    budgetShare: 0.5,
  };
  let running: Running;
  try {
    running = await startRoomwatch({ ...options.config, zoom: connection }, { clock });
  } catch (error) {
    await zoom.close();
    throw error;
  }
  // one user of each other role, to see what they may do
  const password = options.config.adminPassword ?? DEMO_ADMIN_PASSWORD;
  for (const role of ['operator', 'viewer'] as const) {
    await running.application.auth.users.add(role, password, null, { role });
  }
  const receivers = await startDemoReceivers();
  addDemoChannels(running.application.notifications, receivers.url, clock.now());
  const sender = new WebhookSender({
    url: running.url,
    secret: options.config.webhookSecrets[0]!,
    now: () => clock.now(),
  });
  const driver = new TrafficDriver(traffic, sender, clock, options.onFailure, {
    lost: lostByZoom,
    // Zoom's webhook delivery log, which the downtime backfill reads
    delivered: (body, ok) => zoom.logDelivery(DEMO_APP_ID, body, ok ? 'success' : 'failed'),
  });
  // stopped before the server closes, so that no post is cut off mid-way
  const close = async () => {
    await driver.stop();
    await running.close();
    await receivers.close();
    await zoom.close();
  };
  driver.start();
  return { ...running, close, traffic, driver, receivers, zoom };
}
