/**
 * The baseline of every benchmark: a bare `node:http` server that only checks Zoom's signature and
 * inserts the body into SQLite, with the pragmas of server/db/open.ts (WAL, synchronous=FULL, one
 * transaction per delivery, as Roomwatch commits each event before it answers).
 *
 * With BENCH_BROADCAST_TICK_MS it is also the fan-out baseline: socket.io on the same server, and
 * every tick the (meeting uuid, event_ts) of each meeting's newest delivery goes to every client,
 * the least any coalescing realtime server can do at that tick.
 */
import http from 'node:http';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';
import { z } from 'zod';
import { verifyZoomSignature } from '../../server/ingest/signature';
import { meetingUuidOf } from '../../server/state/normalize';

const env = z
  .object({
    BENCH_DATABASE_PATH: z.string().min(1),
    ZOOM_WEBHOOK_SECRET_TOKEN: z.string().min(1),
    BENCH_BROADCAST_TICK_MS: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .parse(process.env);

const sqlite = new Database(env.BENCH_DATABASE_PATH);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.exec(
  'CREATE TABLE IF NOT EXISTS deliveries (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL)',
);
const insert = sqlite.prepare('INSERT INTO deliveries (received_at, body) VALUES (?, ?)');
const secrets = [env.ZOOM_WEBHOOK_SECRET_TOKEN];

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    const check = verifyZoomSignature({
      signature: request.headers['x-zm-signature'] as string | undefined,
      timestamp: request.headers['x-zm-request-timestamp'] as string | undefined,
      rawBody: body,
      secrets,
      nowMs: Date.now(),
    });
    if (!check.ok) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(`{"error":{"code":"${check.reason}"}}`);
      return;
    }
    const text = body.toString('utf8');
    insert.run(Date.now(), text);
    broadcast?.(text);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
  });
});

/** notes a delivery for the next tick's stamps (fan-out baseline only) */
const broadcast = env.BENCH_BROADCAST_TICK_MS === undefined ? null : broadcaster(env.BENCH_BROADCAST_TICK_MS);

function broadcaster(tickMs: number): (body: string) => void {
  const io = new Server(server, { serveClient: false });
  const newest = new Map<string, number>();
  let pending: NodeJS.Timeout | null = null;
  return (text) => {
    const body = JSON.parse(text) as { event_ts: number };
    const uuid = meetingUuidOf(body) ?? '';
    newest.set(uuid, Math.max(newest.get(uuid) ?? 0, body.event_ts));
    pending ??= setTimeout(() => {
      pending = null;
      io.emit('stamps', [...newest]);
      newest.clear();
    }, tickMs);
  };
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`bare baseline listening on http://127.0.0.1:${port}`);
});

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  sqlite.close();
  process.exit(0);
});
