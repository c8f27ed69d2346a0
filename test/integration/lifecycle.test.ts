import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../support/child-server';
import { meetingEvent } from '../support/meetings';
import { signedHeaders } from '../support/signing';

let dir: string;
let dbPath: string;
const children: ChildServer[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roomwatch-life-'));
  dbPath = join(dir, 'roomwatch.db');
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await child.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function spawn(env: Record<string, string> = {}): Promise<ChildServer> {
  const child = await spawnServer({ DATABASE_PATH: dbPath, ...env });
  children.push(child);
  return child;
}

/**
 * A webhook delivery whose body is held back: once the server answers `100 Continue` it has the
 * request in hand, and it gets the body only when `finish()` is called.
 */
async function heldDelivery(server: ChildServer, raw: string) {
  const req: ClientRequest = request(`${server.url}/webhooks/zoom`, {
    method: 'POST',
    headers: { ...signedHeaders(raw), 'content-length': Buffer.byteLength(raw), expect: '100-continue' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  await new Promise<void>((resolve) => req.once('continue', resolve));
  return { response, finish: () => req.end(raw) };
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

const login = (server: ChildServer, username: string, password: string) =>
  fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('graceful shutdown', () => {
  it('on SIGTERM stops accepting, answers the request in flight, closes the database and exits 0', async () => {
    const server = await spawn({ ROOMWATCH_ADMIN_PASSWORD: 'lifecycle admin' });
    const raw = JSON.stringify(
      meetingEvent('meeting.started', { uuid: 'R3JhY2VmdWxTaHV0ZG93bjE=', accountId: 'acc-1', at: new Date() }),
    );
    const delivery = await heldDelivery(server, raw);

    server.process.kill('SIGTERM');
    await server.waitForOutput(/SIGTERM received/);
    expect(await refusesConnections(server.port)).toBe(true);

    delivery.finish();
    const answer = await delivery.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'accepted' });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('Roomwatch stopped');

    // closed cleanly: the write-ahead log was checkpointed and removed, the event is in the log
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const sqlite = new Database(dbPath, { readonly: true });
    expect(sqlite.prepare('SELECT count(*) AS n FROM events WHERE raw = ?').get(raw)).toEqual({ n: 1 });
    sqlite.close();
  });

  it('on SIGINT gives up on a request that does not finish within the grace period', async () => {
    const server = await spawn({ ROOMWATCH_ADMIN_PASSWORD: 'lifecycle admin', ROOMWATCH_SHUTDOWN_GRACE_SECONDS: '1' });
    const raw = JSON.stringify(
      meetingEvent('meeting.started', { uuid: 'U3R1Y2tSZXF1ZXN0U2h1dDI=', accountId: 'acc-1', at: new Date() }),
    );
    const delivery = await heldDelivery(server, raw);
    server.process.kill('SIGINT');
    await expect(delivery.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const sqlite = new Database(dbPath, { readonly: true });
    expect(sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    sqlite.close();
  });
});

describe('first start', () => {
  it('creates admin with a generated password shown once, and never shows it again', async () => {
    const first = await spawn();
    const password = /^ {5}(\S+)$/m.exec(first.output())?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first.output()).toContain('Created user "admin" with a generated password, shown only now');
    expect((await login(first, 'admin', password!)).status).toBe(200);
    first.process.kill('SIGTERM');
    await first.exited;

    const second = await spawn({ ROOMWATCH_ADMIN_PASSWORD: 'a different password' });
    expect(second.output()).not.toContain(password);
    expect(second.output()).not.toContain('a different password');
    expect(second.output()).toContain('ROOMWATCH_ADMIN_PASSWORD is ignored: users exist already');
    expect((await login(second, 'admin', 'a different password')).status).toBe(401);
    expect((await login(second, 'admin', password!)).status).toBe(200);
  });

  it('creates admin with ROOMWATCH_ADMIN_PASSWORD without printing it', async () => {
    const server = await spawn({ ROOMWATCH_ADMIN_PASSWORD: 'Ünïcode admin pass 🔑' });
    expect(server.output()).toContain('Created user "admin" with the password from ROOMWATCH_ADMIN_PASSWORD');
    expect(server.output()).not.toContain('Ünïcode admin pass');
    expect((await login(server, 'admin', 'Ünïcode admin pass 🔑')).status).toBe(200);
  });

  it('refuses to start with a bad setting, naming it in one line', async () => {
    await expect(spawn({ ROOMWATCH_RETENTION_DAYS: 'forever' })).rejects.toThrow(
      /roomwatch: ROOMWATCH_RETENTION_DAYS must be a positive number \(got "forever"\)/,
    );
  });
});
