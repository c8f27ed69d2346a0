/**
 * Socket.IO on the application's HTTP server: checks the handshake's origin, authenticates it,
 * validates every client message, and keeps clients from costing more than their share: a socket
 * with more than maxQueuedPackets waiting to be written is taken out of its rooms and told to
 * resync once it catches up; one with more than maxQueuedBytes waiting (it stopped reading), or
 * making requests faster than its budget, is told why and disconnected.
 *
 * A socket lives no longer than its session: when the session ends (sign-out, expiry, the user
 * removed or their password changed) it is disconnected, and when the user's role or accounts change
 * it is re-scoped (out of every room, told who it is now and to resync). Changes made by this
 * process are acted on at once; the others (npm run user, expiry) by a check every sessionCheckMs.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ExtendedError, type Socket } from 'socket.io';
import { ZodError } from 'zod';
import type {
  ClientToServerEvents,
  Position,
  RealtimeError,
  RealtimeErrorCode,
  ServerToClientEvents,
  Sync,
} from '../../shared/realtime/protocol';
import { channelRef, handshakeAuth, subscribeRequest } from '../../shared/realtime/requests';
import { REQUIRED_ROLE, can, type Action } from '../../shared/auth';
import { zodMessage } from '../http/errors';
import type { AlertService } from '../alerts/service';
import type { SessionAuthority } from '../auth/authenticate';
import { sameScope, sessionInfo, type Principal } from '../auth/principal';
import type { Clock } from '../clock';
import type { OriginCheck } from '../http/origin';
import type { Metrics, SocketCounts } from '../ops/metrics';
import type { Ingest } from '../ingest/ingest';
import type { LiveState } from '../state/live-state';
import { RealtimeHub, alertsRoom, meetingRoom, overviewRoom } from './hub';
import type { RealtimeOptions } from './options';
import { RequestBudget, WriteBacklog } from './socket-limits';
import { log } from '../ops/log';

export interface RealtimeDeps {
  server: HttpServer;
  live: LiveState;
  ingest: Ingest;
  alerts: AlertService;
  clock: Clock;
  sessions: SessionAuthority;
  /** why a handshake from another origin is refused (null: same origin) */
  checkOrigin: OriginCheck;
  options: RealtimeOptions;
  metrics: Metrics;
}

interface SocketData {
  /** the session the handshake's cookie belongs to */
  sessionId: string;
  principal: Principal;
  resume: { overview?: Position; alerts?: Position };
  backlog: WriteBacklog;
  budget: RequestBudget;
}

type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Reply = Sync | { ok: true } | RealtimeError;

export interface RealtimeStats {
  diffs: number;
  snapshots: number;
  replays: number;
  /** sockets cut off for falling behind */
  overflows: number;
  /** sockets disconnected for too many requests or too many bytes waiting */
  disconnected: number;
  /** sockets disconnected because their session ended */
  revoked: number;
  /** sockets re-scoped because their user's role or accounts changed */
  rescoped: number;
}

export interface Realtime {
  stats: RealtimeStats;
  /** sockets listening to each kind of channel, for /metrics */
  socketCounts(): SocketCounts;
  close(): Promise<void>;
}

/** how long a socket disconnected for its requests may take to read what waits for it */
const DRAIN_GRACE_MS = 5_000;

const fail = (code: RealtimeErrorCode, message: string): RealtimeError => ({ error: { code, message } });

function refusal(code: RealtimeErrorCode, message: string): ExtendedError {
  const error: ExtendedError = new Error(message);
  error.data = fail(code, message);
  return error;
}

export function attachRealtime(deps: RealtimeDeps): Realtime {
  const { options } = deps;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(deps.server, {
    serveClient: false,
    // clients only send small requests
    maxHttpBufferSize: 16 * 1024,
  });
  const stats: RealtimeStats = {
    diffs: 0,
    snapshots: 0,
    replays: 0,
    overflows: 0,
    disconnected: 0,
    revoked: 0,
    rescoped: 0,
  };
  const sockets = io.of('/').sockets;
  const rooms = io.of('/').adapter.rooms;

  const hub = new RealtimeHub(
    deps.live,
    deps.clock,
    options,
    {
      send(room, diff) {
        io.to(room).emit('diff', diff);
        stats.diffs++;
        // a copy: cutting a socket off takes it out of the room
        for (const id of [...(rooms.get(room) ?? [])]) {
          const socket = sockets.get(id);
          if (socket && !disconnectIfBacklogged(socket) && socket.data.backlog.packets > options.maxQueuedPackets) {
            cutOff(socket);
          }
        }
      },
      listeners: (room) => rooms.get(room)?.size ?? 0,
      flushed() {
        const now = performance.now();
        for (const arrivedAt of arrivals) deps.metrics.webhookToEmitSeconds.observe((now - arrivedAt) / 1000);
        arrivals.length = 0;
      },
    },
    (principal) => deps.alerts.recent(principal.accountIds),
  );
  /** when each event changing state since the last tick arrived, for the webhook-to-emit latency */
  const arrivals: number[] = [];
  deps.ingest.onApplied((event) => {
    if (event.ops.length > 0) arrivals.push(event.arrivedAt);
    hub.noteApplied(event);
  });
  deps.alerts.onChange((change) => hub.noteAlertChange(change));

  function cutOff(socket: RealtimeSocket): void {
    leaveAll(socket);
    stats.overflows++;
    // queued behind everything it has not read yet: it resyncs once it has caught up
    socket.emit('resync', {
      reason: 'overflow',
      message: `more than ${options.maxQueuedPackets} messages were waiting for this client; subscribe again`,
    });
  }

  /**
   * Ends a socket that costs too much, telling it why first. One still reading gets what waits for
   * it, the reason last; one that stopped reading is dropped with it at once (or after a grace, for
   * a flood it does not read either), since it would hold it all until its connection timed out.
   */
  function disconnect(socket: RealtimeSocket, code: 'too_many_requests' | 'backlog', message: string): void {
    stats.disconnected++;
    log.warn({ socketId: socket.id, user: socket.data.principal.username, reason: code }, 'socket cut off');
    deps.metrics.socketsCutOff.inc({ reason: code });
    socket.emit('cut_off', fail(code, message));
    socket.disconnect(true);
    const drop = () => {
      socket.conn.close(true);
      (socket.conn.transport as { socket?: { terminate?: () => void } }).socket?.terminate?.();
    };
    if (code === 'backlog') drop();
    // wall-clock time on purpose: a protection, not a rule of the domain (a fake clock must not stall it)
    else setTimeout(drop, DRAIN_GRACE_MS).unref();
  }

  /** true when the socket had too many bytes waiting and was disconnected */
  function disconnectIfBacklogged(socket: RealtimeSocket): boolean {
    if (socket.data.backlog.bytes <= options.maxQueuedBytes) return false;
    const mb = (options.maxQueuedBytes / 1_048_576).toFixed(0);
    disconnect(socket, 'backlog', `more than ${mb} MB were waiting for this client to read; disconnected`);
    return true;
  }

  function leaveAll(socket: RealtimeSocket): void {
    for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
  }

  function endSession(socket: RealtimeSocket): void {
    leaveAll(socket);
    stats.revoked++;
    socket.emit('session_ended', { reason: 'session_ended', message: 'your session ended; sign in again' });
    // after the answer to a request that found the session over, which is sent once this returns
    process.nextTick(() => socket.disconnect(true));
  }

  function rescope(socket: RealtimeSocket, principal: Principal): void {
    leaveAll(socket);
    socket.data.principal = principal;
    stats.rescoped++;
    socket.emit('session', sessionInfo(principal));
    socket.emit('resync', { reason: 'scope_changed', message: 'your role or accounts changed; subscribe again' });
  }

  /**
   * Ends or re-scopes the sockets whose session is over or whose user changed; answers whether each
   * of `only` (default: every socket) may go on.
   */
  function checkSessions(only?: RealtimeSocket): boolean {
    const open = only ? [only] : [...sockets.values()];
    if (open.length === 0) return true;
    const current = deps.sessions.current([...new Set(open.map((socket) => socket.data.sessionId))]);
    let allLive = true;
    for (const socket of open) {
      const principal = current.get(socket.data.sessionId);
      if (!principal) {
        endSession(socket);
        allLive = false;
      } else if (!sameScope(principal, socket.data.principal)) rescope(socket, principal);
    }
    return allLive;
  }

  function checkSessionsLogged(): void {
    try {
      checkSessions();
    } catch (error) {
      log.error({ err: error }, 'realtime session check failed; retrying at the next interval');
    }
  }

  // changes made by this process: acted on once the change (a transaction) is over
  let checkQueued = false;
  const stopListening = deps.sessions.onChange(() => {
    if (checkQueued) return;
    checkQueued = true;
    setImmediate(() => {
      checkQueued = false;
      checkSessionsLogged();
    });
  });
  // Wall-clock time on purpose: this notices changes other processes made to the database. Expiry
  // itself is decided on the application's clock inside current().
  const sessionTimer = setInterval(checkSessionsLogged, options.sessionCheckMs);
  sessionTimer.unref();

  function counted(sync: Sync): Sync {
    if (sync.type === 'snapshot') stats.snapshots++;
    else stats.replays++;
    return sync;
  }

  function subscribe(socket: RealtimeSocket, payload: unknown): Reply {
    const request = subscribeRequest.parse(payload);
    // never on a session that ended since the last check: what it subscribes to may be new
    if (!checkSessions(socket)) return fail('unauthorized', 'your session ended; sign in again');
    const { principal } = socket.data;
    if (request.channel === 'overview' || request.channel === 'alerts') {
      const result =
        request.channel === 'overview'
          ? hub.syncOverview(principal, request.from)
          : hub.syncAlerts(principal, request.from);
      void socket.join(result.room);
      return counted(result.sync);
    }
    const room = meetingRoom(request.key);
    const subscribed = [...socket.rooms].filter((r) => r.startsWith('meeting:')).length;
    if (!socket.rooms.has(room) && subscribed >= options.maxSubscriptions) {
      return fail('too_many_subscriptions', `at most ${options.maxSubscriptions} meetings at once; unsubscribe first`);
    }
    const result = hub.syncMeeting(principal, request.key, request.from);
    if (!result) return fail('meeting_not_found', `no meeting with uuid ${request.key}`);
    void socket.join(result.room);
    return counted(result.sync);
  }

  function unsubscribe(socket: RealtimeSocket, payload: unknown): Reply {
    const request = channelRef.parse(payload);
    const { principal } = socket.data;
    const room =
      request.channel === 'overview'
        ? overviewRoom(principal)
        : request.channel === 'alerts'
          ? alertsRoom(principal)
          : meetingRoom(request.key);
    void socket.leave(room);
    return { ok: true };
  }

  /** Each request and the action (shared/auth.ts REQUIRED_ROLE) the socket's role must allow. */
  const handlers: Record<
    keyof ClientToServerEvents,
    { action: Action; run: (socket: RealtimeSocket, payload: unknown) => Reply }
  > = {
    subscribe: { action: 'view', run: subscribe },
    unsubscribe: { action: 'view', run: unsubscribe },
  };

  /** Runs a request; the reply goes to its acknowledgement, or as request_error when it has none. */
  function respond(socket: RealtimeSocket, args: unknown[], handler: (payload: unknown) => Reply): void {
    // requests read in the same batch as the one that had it disconnected
    if (!socket.connected) return;
    if (!socket.data.budget.take()) {
      const { requestBurst, requestsPerSecond } = options;
      return disconnect(
        socket,
        'too_many_requests',
        `more than ${requestBurst} requests at once, or ${requestsPerSecond} a second after that; disconnected`,
      );
    }
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: Reply) => void) : null;
    let reply: Reply;
    try {
      reply = handler(args[0]);
    } catch (error) {
      if (error instanceof ZodError) reply = fail('invalid_request', zodMessage(error));
      else {
        log.error({ err: error, socketId: socket.id }, 'realtime request failed');
        reply = fail('internal', 'internal error');
      }
    }
    if (ack) ack(reply);
    else if ('error' in reply) socket.emit('request_error', reply);
    disconnectIfBacklogged(socket);
  }

  /** Lets the socket in (its data set), or answers why not. */
  async function admit(socket: RealtimeSocket): Promise<Error | undefined> {
    // before anything is sent: a page of another origin must not read live data with the user's cookie
    const crossOrigin = deps.checkOrigin(socket.request.headers);
    if (crossOrigin !== null) return refusal('cross_origin', crossOrigin);
    const auth = handshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return refusal('invalid_request', `handshake auth: ${zodMessage(auth.error)}`);
    let session;
    try {
      session = await deps.sessions.authenticate(socket.request);
    } catch (error) {
      log.error({ err: error }, 'realtime authentication failed');
      return refusal('internal', 'authentication failed');
    }
    if (!session) return refusal('unauthorized', 'sign in to the dashboard to receive live data');
    socket.data = {
      sessionId: session.id,
      principal: session.principal,
      resume: auth.data.resume ?? {},
      backlog: new WriteBacklog(socket),
      budget: new RequestBudget(options.requestBurst, options.requestsPerSecond),
    };
    return undefined;
  }
  io.use((socket, next) => void admit(socket).then(next));

  io.on('connection', (socket) => {
    for (const [event, { action, run }] of Object.entries(handlers)) {
      socket.on(event as keyof ClientToServerEvents, (...args: unknown[]) =>
        respond(socket, args, (payload) =>
          can(socket.data.principal.role, action)
            ? run(socket, payload)
            : fail('forbidden', `${event} needs the ${REQUIRED_ROLE[action]} role`),
        ),
      );
    }
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && Object.hasOwn(handlers, event)) return;
      // Socket.IO runs event handlers on the next tick: so does this, to answer in the order asked
      process.nextTick(() =>
        respond(socket, args, () => fail('unknown_event', `unknown event ${JSON.stringify(event)}`)),
      );
    });
    const { principal, resume } = socket.data;
    for (const { room, sync } of [
      hub.syncOverview(principal, resume.overview),
      hub.syncAlerts(principal, resume.alerts),
    ]) {
      void socket.join(room);
      socket.emit('sync', counted(sync));
    }
  });

  function socketCounts(): SocketCounts {
    const counts: SocketCounts = { overview: 0, alerts: 0, meeting: 0 };
    for (const socket of sockets.values()) {
      const kinds = new Set([...socket.rooms].map((room) => room.slice(0, room.indexOf(':'))));
      for (const kind of ['overview', 'alerts', 'meeting'] as const) if (kinds.has(kind)) counts[kind]++;
    }
    return counts;
  }

  return {
    stats,
    socketCounts,
    close: async () => {
      stopListening();
      clearInterval(sessionTimer);
      hub.close();
      // Not io.close(): it also waits for the HTTP server to close, which createApplication owns and
      // closes after the requests in flight are answered. Nor disconnectSockets(): clients take an
      // explicit disconnect as final; a closed transport makes them reconnect, to the next run.
      io.engine.close();
    },
  };
}
