import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server';

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** A websocket that completes the upgrade, then never reads again: it will not answer a close frame. */
async function mutedWebsocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  const upgraded = new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`no upgrade: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  socket.write(
    [
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  await upgraded;
  return socket;
}

describe('closing the server', () => {
  it('does not wait for a websocket client that never answers the close handshake', { timeout: 15_000 }, async () => {
    const server = await startTestServer();
    const socket = await mutedWebsocket(server.url);
    const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // ws would wait 30 s for the client's close frame before giving up on the connection
    await server.close();
    socket.resume();
    await gone;
    expect(socket.destroyed).toBe(true);
  });
});
