/**
 * What one socket may cost the server: requests it may make (each may build a snapshot), and
 * bytes that may wait for it to read. Past either, it is cut off rather than served at everyone
 * else's expense.
 */
import type { Socket } from 'socket.io';

/** A token bucket: `burst` requests at once, refilled at `perSecond`. Wall time: a protection, not a rule of the domain. */
export class RequestBudget {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  /** takes one request from the budget; false when there is none left */
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

type Packet = { data?: unknown };
const sizeOf = (packet: Packet) =>
  typeof packet.data === 'string' ? packet.data.length : packet.data instanceof Uint8Array ? packet.data.byteLength : 0;

/**
 * Counts what waits to be written to one socket: packets and their size (characters of the
 * encoded JSON, about its bytes) in engine.io's write buffer, from their creation to their flush
 * to the transport.
 */
export class WriteBacklog {
  packets = 0;
  private chars = 0;

  constructor(private readonly socket: Socket) {
    socket.conn.on('packetCreate', (packet: Packet) => {
      this.packets++;
      this.chars += sizeOf(packet);
    });
    socket.conn.on('flush', (buffer: Packet[]) => {
      // packets created before these listeners (the CONNECT) may be flushed after them: never below zero
      this.packets = Math.max(0, this.packets - buffer.length);
      this.chars = Math.max(0, this.chars - buffer.reduce((sum, packet) => sum + sizeOf(packet), 0));
    });
  }

  /**
   * Bytes waiting: the write buffer, and what the websocket holds that the client has not read
   * (engine.io hands its whole buffer over as soon as the transport is writable, and ws keeps it
   * until the kernel takes it).
   */
  get bytes(): number {
    const transport = this.socket.conn.transport as { name: string; socket?: { bufferedAmount?: number } };
    const inWebsocket = transport.name === 'websocket' ? (transport.socket?.bufferedAmount ?? 0) : 0;
    return this.chars + inWebsocket;
  }
}
