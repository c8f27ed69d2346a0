/**
 * The demo's stand-ins for Slack, Teams and a webhook consumer: one local HTTP server that takes
 * what the demo's notification channels send (answering as those services do), so that the
 * Notifications page shows real deliveries without any account.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notifications } from '../notify/notifications';

export interface DemoReceivers {
  url: string;
  /** messages taken, by path */
  received: Map<string, number>;
  close(): Promise<void>;
}

/** Listens on the loopback address: only the demo's own Roomwatch sends to it. */
export async function startDemoReceivers(): Promise<DemoReceivers> {
  const received = new Map<string, number>();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = request.url ?? '/';
      received.set(path, (received.get(path) ?? 0) + 1);
      // Slack answers "ok"; a Teams workflow, 202
      response.writeHead(path.startsWith('/teams') ? 202 : 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The demo's channels: warnings to "Slack" at once, critical alerts to "Teams", everything to a webhook as a 2-minute digest. */
export function addDemoChannels(notifications: Notifications, receiversUrl: string, now: number): void {
  const channels = [
    { type: 'slack', name: 'Ops on Slack (demo receiver)', url: `${receiversUrl}/slack/services/T0/B0/demo` },
    {
      type: 'teams',
      name: 'Security on Teams (demo receiver)',
      url: `${receiversUrl}/teams/workflows/demo`,
      minSeverity: 'critical',
    },
    {
      type: 'webhook',
      name: 'Digest webhook (demo receiver)',
      url: `${receiversUrl}/webhook`,
      minSeverity: 'info',
      digestMinutes: 2,
    },
  ];
  for (const channel of channels) notifications.channels.create(channel, now);
}
