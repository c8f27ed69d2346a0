import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN, startTestServer, type TestServer } from '../support/server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const login = (s: TestServer) =>
  fetch(`${s.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: s.url },
    body: JSON.stringify(TEST_ADMIN),
  });

/** Lets the file grow no further and fills the room it has left, as a full disk would. */
function fillDisk(s: TestServer): () => void {
  const sqlite = s.db.$client;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  sqlite.pragma(`max_page_count = ${pages}`);
  const userId = (sqlite.prepare('SELECT id FROM users LIMIT 1').get() as { id: number }).id;
  const filler = sqlite.prepare(
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, 0, 0)',
  );
  expect(() => {
    for (let i = 0; ; i++) filler.run(`filler-${i}`, userId);
  }).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
  return () => {
    sqlite.prepare(`DELETE FROM sessions WHERE token_hash LIKE 'filler-%'`).run();
    sqlite.pragma('max_page_count = 1073741823');
  };
}

describe('a full disk', () => {
  it('makes sign-in answer 503, retryable, not 500; it works again once there is room', async () => {
    server = await startTestServer();
    const free = fillDisk(server);
    const refused = await login(server);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({
      error: { code: 'storage_unavailable', message: 'the database cannot write right now; retry later' },
    });
    free();
    expect((await login(server)).status).toBe(200);
  });
});
