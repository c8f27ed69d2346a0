import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplication, type AppDeps, type Application } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/open';
import { TEST_SECRET, signedHeaders } from './signing';

export interface TestServer {
  url: string;
  dir: string;
  dbPath: string;
  db: Db;
  application: Application;
  /** signs and posts a body (object or exact string/bytes) to the webhook endpoint */
  post(body: unknown, options?: { secret?: string; timestampSec?: number }): Promise<Response>;
  close(): Promise<void>;
  /** stops the server but keeps the database file, to restart on it */
  stop(): Promise<void>;
}

/** `dir` and `port` of a stopped server restart it on the same database file and address */
export type TestServerOptions = Partial<Omit<AppDeps, 'db'>> & { dir?: string; port?: number };

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
  const address = await application.listen(port, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
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
        headers: signedHeaders(raw, opts.secret ?? TEST_SECRET, opts.timestampSec),
      });
    },
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
