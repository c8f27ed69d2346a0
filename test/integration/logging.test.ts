/**
 * The server's log as a collector reads it: one JSON object per line, every line of a request
 * with its id, and nothing a request carried that is not for the log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../support/child-server';

let server: ChildServer | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roomwatch-logs-'));
});
afterEach(async () => {
  server?.process.kill('SIGKILL');
  await server?.exited;
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'logging admin password';

function lines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('structured logs', () => {
  it('writes JSON lines with the request id on every line of a request, and no bodies, queries or secrets', async () => {
    server = await spawnServer({
      ROOMWATCH_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'info',
      DATABASE_PATH: join(dir, 'roomwatch.db'),
    });
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-id-42' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-request-id')).toBe('proxy-id-42');
    const cookie = /^(roomwatch_session=[^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
    const search = await fetch(`${server.url}/api/search?q=Ana%20Lima`, { headers: { cookie } });
    const searchId = search.headers.get('x-request-id')!;
    expect(searchId).toMatch(/^[0-9a-f-]{36}$/);
    // an id that could forge a line is replaced
    const forged = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a"},{"level":"fatal' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const webhook = await fetch(`${server.url}/webhooks/zoom`, { method: 'POST', body: '{}' });
    expect(webhook.status).toBe(401);

    // the last request's line: the others were written before it
    await server.waitForOutput(/"path":"\/webhooks\/zoom"/);
    const logged = lines(server.output());
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged)
      expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    expect(logged.find((l) => l.requestId === 'proxy-id-42')).toMatchObject({
      msg: 'request',
      method: 'POST',
      path: '/api/login',
      status: 200,
    });
    expect(logged.find((l) => l.requestId === searchId)).toMatchObject({ path: '/api/search', status: 200 });
    expect(logged.find((l) => l.path === '/webhooks/zoom')).toMatchObject({
      status: 401,
      requestId: expect.any(String),
    });
    expect(logged.find((l) => String(l.msg).startsWith('Roomwatch listening on'))).toMatchObject({ level: 'info' });
    const output = server.output();
    for (const secret of [PASSWORD, cookie.split('=')[1]!, 'Ana Lima', 'Ana%20Lima'])
      expect(output).not.toContain(secret);
  });

  it('refuses a LOG_LEVEL it does not know, in one line naming it', async () => {
    const failed = spawnServer({ LOG_LEVEL: 'verbose', DATABASE_PATH: join(dir, 'roomwatch.db') });
    await expect(failed).rejects.toThrow(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    );
  });
});
