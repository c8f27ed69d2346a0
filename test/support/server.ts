import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplication, type AppDeps, type Application } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/open';
import { TEST_SECRET, signedHeaders } from './signing';

/** The user every test server has (an admin of every account); sign in with login() or use api(). */
export const TEST_ADMIN = { username: 'admin', password: 'correct horse battery staple' } as const;

export interface TestServer {
  url: string;
  dir: string;
  dbPath: string;
  db: Db;
  application: Application;
  /** signs and posts a body (object or exact string/bytes) to the webhook endpoint */
  post(body: unknown, options?: { secret?: string; timestampSec?: number }): Promise<Response>;
  /** signs in (default: TEST_ADMIN) and returns the `Cookie` header value of the new session */
  login(username?: string, password?: string): Promise<string>;
  /** fetches a path signed in as TEST_ADMIN */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
  /** stops the server but keeps the database file, to restart on it */
  stop(): Promise<void>;
}

/** `dir` and `port` of a stopped server restart it on the same database file and address */
export type TestServerOptions = Partial<Omit<AppDeps, 'db'>> & { dir?: string; port?: number };

/** Signs in at a running server and returns the `Cookie` header value of the new session. */
export async function loginCookie(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = /^(roomwatch_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('login answered without a session cookie');
  return cookie;
}

/** A real HTTP server on a random port with a throwaway SQLite file. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { dir: givenDir, port = 0, ...deps } = options;
  const dir = givenDir ?? mkdtempSync(join(tmpdir(), 'roomwatch-test-'));
  const dbPath = join(dir, 'roomwatch.db');
  const db = openDatabase(dbPath);
  const application = createApplication({
    webhookSecrets: [TEST_SECRET],
    staleAfterMs: 6 * 3_600_000,
    ...deps,
    db,
  });
  if (application.auth.users.count() === 0) {
    await application.auth.users.add(TEST_ADMIN.username, TEST_ADMIN.password, null, { role: 'admin' });
  }
  const address = await application.listen(port, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  const login = (username: string = TEST_ADMIN.username, password: string = TEST_ADMIN.password) =>
    loginCookie(url, username, password);
  let adminCookie: Promise<string> | undefined;
  const stop = async () => {
    await application.close();
    db.$client.close();
  };
  return {
    url,
    dir,
    dbPath,
    db,
    application,
    post: (body, opts = {}) => {
      const raw =
        typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body);
      return fetch(`${url}/webhooks/zoom`, {
        method: 'POST',
        body: raw,
        // signed at the server's time, which a test may have set with a fake clock
        headers: signedHeaders(
          raw,
          opts.secret ?? TEST_SECRET,
          opts.timestampSec ?? Math.floor(application.clock.now() / 1000),
        ),
      });
    },
    login,
    api: async (path, init = {}) => {
      adminCookie ??= login();
      const headers = new Headers(init.headers);
      headers.set('cookie', await adminCookie);
      return fetch(`${url}${path}`, { ...init, headers });
    },
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
