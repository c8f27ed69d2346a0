/**
 * The servers and sockets a test file starts, each closed after its test: sockets first, then the
 * servers (and their databases).
 */
import { afterEach } from 'vitest';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

interface Closable {
  close(): unknown;
}

export interface TestServers {
  /** starts a server that is closed after the test */
  start(options?: TestServerOptions): Promise<TestServer>;
  /** closes the socket (or anything else that closes) after the test, before the servers */
  keep<T extends Closable>(socket: T): T;
}

/** Call at the top of a test file. */
export function serversPerTest(): TestServers {
  const servers: TestServer[] = [];
  const sockets: Closable[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    async start(options = {}) {
      const server = await startTestServer(options);
      servers.push(server);
      return server;
    },
    keep(socket) {
      sockets.push(socket);
      return socket;
    },
  };
}
