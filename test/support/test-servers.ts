/**
 * The servers and sockets a test file starts, each closed after its test: sockets (and other
 * things that close, such as a fake Zoom) first, then the servers (and their databases).
 */
import { rmSync } from 'node:fs';
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
  /** stops a server within the test, to start another on its database (`start({ dir })`); its folder still goes after the test */
  stop(server: TestServer): Promise<void>;
}

/** Call at the top of a test file. */
export function serversPerTest(): TestServers {
  const servers: TestServer[] = [];
  const sockets: Closable[] = [];
  const stoppedDirs: string[] = [];
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
    for (const dir of stoppedDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
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
    async stop(server) {
      servers.splice(servers.indexOf(server), 1);
      stoppedDirs.push(server.dir);
      await server.stop();
    },
  };
}
