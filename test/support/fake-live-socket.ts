import type { HandshakeAuth, RealtimeError, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { ConnectOptions, LiveSocket } from '../../web/src/lib/live-store.svelte';

type Listener = (...args: never[]) => void;

export interface SentRequest {
  event: string;
  request: unknown;
  reply: (reply: unknown) => void;
}

/** Plays the server's side of a Socket.IO client socket, one message at a time, for store unit tests. */
export class FakeLiveSocket {
  connected = false;
  active = false;
  /** requests the store sent, oldest first, with their acknowledgement to answer them */
  readonly sent: SentRequest[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(private readonly options: ConnectOptions) {}

  static factory(): { connect: (options: ConnectOptions) => LiveSocket; socket: () => FakeLiveSocket } {
    let socket: FakeLiveSocket | undefined;
    return {
      connect: (options) => {
        socket = new FakeLiveSocket(options);
        return socket as unknown as LiveSocket;
      },
      socket: () => socket!,
    };
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, request: unknown, reply: (reply: unknown) => void): this {
    if (!this.connected) throw new Error(`${event} emitted while disconnected: it would be buffered and sent late`);
    this.sent.push({ event, request, reply });
    return this;
  }

  connect(): this {
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.active = false;
    if (this.connected) this.lose();
    return this;
  }

  /** The server accepts the handshake; returns what the client sent in it. */
  accept(): HandshakeAuth {
    let auth: HandshakeAuth | undefined;
    this.options.auth((sent) => (auth = sent));
    this.connected = true;
    this.fire('connect');
    return auth!;
  }

  refuse(error: RealtimeError): void {
    this.active = false;
    this.fire('connect_error', Object.assign(new Error(error.error.message), { data: error }));
  }

  /** The connection drops; Socket.IO keeps trying to reconnect while active. */
  lose(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  push<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.fire(event, ...args);
  }

  /** Takes the requests sent since the last call. */
  take(): SentRequest[] {
    return this.sent.splice(0);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}
