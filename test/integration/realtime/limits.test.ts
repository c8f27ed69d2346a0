/**
 * One socket must not cost the server more than its share: flooding requests gets it
 * disconnected with a reason it can read, and one that stops reading is dropped before what waits
 * for it grows without bound. The others keep working meanwhile.
 */
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { Traffic } from '../../../server/demo/simulator';
import type { RealtimeError, Sync } from '../../../shared/realtime/protocol';
import { eventually } from '../../support/eventually';
import { FakeClock } from '../../support/fake-clock';
import { testSocket } from '../../support/live-clients';
import type { TestServer, TestServerOptions } from '../../support/server';
import { serversPerTest } from '../../support/test-servers';

const servers = serversPerTest();

/** a server with meetings in it, so that each overview snapshot weighs something */
async function start(options: TestServerOptions = {}): Promise<TestServer> {
  const events = new Traffic({ seed: 77, meetings: 40, webinars: 2, redeliveryRate: 0 }).take(800);
  const server = await servers.start({ clock: new FakeClock(events.at(-1)!.at), ...options });
  for (const { body } of events) expect((await server.post(body)).status).toBe(200);
  return server;
}

async function connect(server: TestServer, cookie: string): Promise<Socket> {
  const socket = servers.keep(testSocket(server.url, cookie, { reconnection: false }) as unknown as Socket);
  await new Promise((resolve) => socket.once('sync', resolve));
  return socket;
}

const overview = (socket: Socket) => socket.emitWithAck('subscribe', { channel: 'overview' }) as Promise<Sync>;

describe('per-socket limits', () => {
  it('disconnects a socket flooding snapshot requests, with a reason it sees; the others keep working', async () => {
    const server = await start();
    const cookie = await server.login();
    const flooding = await connect(server, cookie);
    const other = await connect(server, cookie);
    const cutOff = new Promise<RealtimeError>((resolve) => flooding.once('cut_off', resolve));
    const disconnected = new Promise<string>((resolve) => flooding.once('disconnect', resolve));
    for (let i = 0; i < 500; i++) flooding.emit('subscribe', { channel: 'overview' }, () => undefined);

    expect(await cutOff).toEqual({
      error: {
        code: 'too_many_requests',
        message: 'more than 30 requests at once, or 5 a second after that; disconnected',
      },
    });
    expect(await disconnected).toBe('io server disconnect');
    expect(flooding.active).toBe(false);
    expect(server.application.realtime.stats.disconnected).toBe(1);
    expect(server.application.realtime.stats.snapshots).toBeLessThan(100);

    expect(await overview(other)).toMatchObject({ type: 'snapshot', channel: 'overview' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.application.realtime.socketCounts().overview).toBe(1);
  });

  it('drops a socket that stops reading once more than maxQueuedBytes wait for it', async () => {
    // a budget this loose lets the requests through: only the bytes waiting stop it
    const maxQueuedBytes = 256 * 1024;
    const server = await start({ realtime: { maxQueuedBytes, requestBurst: 1_000_000 } });
    const cookie = await server.login();
    const stalled = await connect(server, cookie);
    const other = await connect(server, cookie);
    const size = JSON.stringify(await overview(stalled)).length;
    // its process stops reading the connection: the kernel's buffers fill, then the server's
    const tcp = (stalled.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } }).ws._socket;
    tcp.pause();
    const { realtime } = server.application;
    let sent = 0;
    await eventually(async () => {
      // requests in rounds, so that the server answers each round before the next
      for (let i = 0; i < 20; i++, sent++) stalled.emit('subscribe', { channel: 'overview' }, () => undefined);
      return realtime.stats.disconnected === 1;
    }, 50);
    // it got far more than the cap, so the kernel's buffers held the rest; the server held at most the cap
    expect(sent * size).toBeGreaterThan(maxQueuedBytes);
    expect(realtime.socketCounts().overview).toBe(1);
    expect(await overview(other)).toMatchObject({ type: 'snapshot', channel: 'overview' });
  });
});
