import { errorOf } from '../support/api';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Exact bytes over a fresh connection; the whole answer once the server closes it. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.end(request);
  });
}

describe('hardening', () => {
  it('answers JSON 404 to a GET of the webhook endpoint instead of the dashboard shell', async () => {
    const response = await fetch(`${server.url}/webhooks/zoom`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('refuses CONNECT tunnels with 405 instead of dropping the connection', async () => {
    const answer = await exchange('CONNECT internal.example:22 HTTP/1.1\r\nHost: internal.example:22\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
  });

  it('answers 400 to a malformed chunked body without logging it as a server error', async () => {
    const errorLog = vi.spyOn(console, 'error');
    try {
      const answer = await exchange(
        'POST /webhooks/zoom HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      // the server saw the body break before it closed the connection; a later request is answered after that
      await fetch(`${server.url}/healthz`);
      expect(errorLog.mock.calls.filter(([first]) => first === 'unhandled error')).toEqual([]);
    } finally {
      errorLog.mockRestore();
    }
  });
});
