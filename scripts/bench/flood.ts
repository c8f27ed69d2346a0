/**
 * Flood: signed-in sockets that each ask for thousands of overview snapshots of a crowded server
 * and stop reading (as in issue 20, where one such socket took the server from 95 to 681 MB and
 * stalled /healthz for 3 s). Measures the server's memory and /healthz while it happens, and that
 * every flooding socket was dropped. No timed target on /healthz: it is reported.
 */
import { io, type Socket } from 'socket.io-client';
import { crowd } from '../../server/demo/simulator';
import type { Sync } from '../../shared/realtime/protocol';
import { postBodies, signIn, withServer, type BenchContext, type BenchOutcome } from './context';
import type { Figure } from './report';
import { distribution, wallClock } from './stats';

const CONCURRENCY = 32;
const FLOODERS = 10;
const REQUESTS = 2_000;
/** the server may grow by this much under the flood */
const GROWTH_TARGET_MB = 100;

async function connected(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  await new Promise<Sync>((resolve, reject) => {
    socket.once('sync', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** the TCP socket under a socket.io-client websocket, to stop (and resume) reading it */
const tcpOf = (socket: Socket) =>
  (socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws._socket;

export async function flood(context: BenchContext): Promise<BenchOutcome> {
  const size = context.quick ? { meetings: 200, participants: 10_000 } : { meetings: 1_000, participants: 50_000 };
  const floodMs = context.quick ? 5_000 : 15_000;
  const stream = crowd({ seed: context.seed, ...size, start: Date.now() - 11 * 60_000 });

  return withServer(context, 'roomwatch', 'flood', async (server) => {
    const cookie = await signIn(server.url);
    context.log(`flood: posting ${stream.events.length.toLocaleString('en-US')} deliveries`);
    await postBodies(
      server.url,
      stream.events.map((e) => e.body),
      CONCURRENCY,
    );
    const before = await server.memory();

    context.log(`flood: ${FLOODERS} sockets ask for ${REQUESTS} overview snapshots each and stop reading`);
    const flooders = await Promise.all(Array.from({ length: FLOODERS }, () => connected(server.url, cookie)));
    for (const socket of flooders) {
      tcpOf(socket).pause();
      for (let i = 0; i < REQUESTS; i++) socket.emit('subscribe', { channel: 'overview' }, () => undefined);
    }
    const startedAt = wallClock();
    let peakMb = before.rssMb;
    const health: number[] = [];
    const sampling = (async () => {
      while (wallClock() - startedAt < floodMs) {
        peakMb = Math.max(peakMb, (await server.memory()).rssMb);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    while (wallClock() - startedAt < floodMs) {
      const asked = wallClock();
      await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
      health.push(wallClock() - asked);
    }
    await sampling;
    // a dashboard that reads still gets its overview
    const reader = await connected(server.url, cookie);
    reader.disconnect();
    for (const socket of flooders) tcpOf(socket).resume();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const dropped = flooders.filter((socket) => !socket.connected).length;
    for (const socket of flooders) socket.disconnect();
    const after = await server.memory();
    const healthz = distribution(health);

    const figures: Figure[] = [
      {
        benchmark: 'flood',
        name: `server RSS, peak under the flood (baseline: before it)`,
        unit: 'MB',
        roomwatch: peakMb,
        baseline: before.rssMb,
        target: `< ${GROWTH_TARGET_MB} MB more`,
        pass: peakMb - before.rssMb < GROWTH_TARGET_MB,
      },
      {
        benchmark: 'flood',
        name: `flooding sockets dropped (of ${FLOODERS})`,
        unit: 'count',
        roomwatch: dropped,
        baseline: null,
        target: 'all',
        pass: dropped === FLOODERS,
      },
      {
        benchmark: 'flood',
        name: `/healthz under the flood, p99 (${healthz.count} asked one after another)`,
        unit: 'ms',
        roomwatch: healthz.p99,
        baseline: null,
        target: null,
        pass: null,
      },
      {
        benchmark: 'flood',
        name: '/healthz under the flood, slowest',
        unit: 'ms',
        roomwatch: healthz.max,
        baseline: null,
        target: null,
        pass: null,
      },
    ];
    return {
      figures,
      details: { sizes: size, floodMs, flooders: FLOODERS, requests: REQUESTS, before, peakMb, after, healthz },
    };
  });
}
