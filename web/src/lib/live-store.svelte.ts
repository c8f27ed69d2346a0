/**
 * The dashboard's one source of live data: owns the Socket.IO connection, holds the overview of
 * meetings, the detail of the selected meeting and the alerts, and keeps them equal to the server's
 * state through gaps, reconnects and server restarts (shared/realtime/protocol.ts). Views only read it.
 *
 * Diffs are applied key by key into SvelteMaps, so a change to one participant of a 1,000-person
 * webinar touches one entry, not the whole list. Messages lose their bidi controls on the way in
 * (see user-text.ts), so no name or topic can reorder what a view shows around it.
 */
import type { Socket } from 'socket.io-client';
import { SvelteMap } from 'svelte/reactivity';
import { RESOLVED_ALERTS_KEPT_MS, type AlertChange, type AlertView } from '../../../shared/alerts';
import type { SessionInfo } from '../../../shared/auth';
import type {
  ChannelName,
  ChannelTypes,
  ClientToServerEvents,
  Diff,
  HandshakeAuth,
  Position,
  RealtimeError,
  ServerToClientEvents,
  Sync,
} from '../../../shared/realtime/protocol';
import { applySummaryPatch } from '../../../shared/realtime/summary-patch';
import type { BreakoutRoomView, MeetingDetail, MeetingSummary, ParticipantView } from '../../../shared/state';
import { stripBidiDeep } from '../../../shared/user-text';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  /** called on every (re)connection: tells the server where the overview and the alerts can resume from */
  auth: (send: (auth: HandshakeAuth) => void) => void;
  /** the store connects once its listeners are in place */
  autoConnect: false;
}

export interface LiveStoreOptions {
  /** creates the socket, e.g. `(options) => io(options)` */
  connect: (options: ConnectOptions) => LiveSocket;
  now?: () => number;
}

/** live: connected and receiving; reconnecting: lost, retrying by itself; offline: not trying (refused or closed) */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type ProblemInfo = RealtimeError['error'];

/** The meetings that appeared or changed, whole, and the uuids of those gone. */
export interface MeetingsChange {
  upsert: MeetingSummary[];
  remove: string[];
}

/** Where one channel stands: the position of the state held, and whether a sync is awaited. */
class Stream<C extends ChannelName> {
  position: Position | null = null;
  syncing = true;
  /** numbers the sync requests: only the reply to the latest one is taken */
  attempt = 0;

  constructor(
    readonly channel: C,
    /** false: the change does not fit the state held (it patches what is not there) */
    private readonly apply: (change: ChannelTypes[C]['change']) => boolean,
    private readonly load: (snapshot: ChannelTypes[C]['snapshot']) => void,
  ) {}

  /** Applies a diff that follows the state held; false when it does not (a gap, or a misfit). */
  follow(diff: Diff<C>): boolean {
    if (this.position?.epoch !== diff.epoch || this.position.seq !== diff.prev) return false;
    if (!this.apply(diff.data)) {
      // the state held is wrong, whatever its position: only a snapshot can mend it
      this.position = null;
      return false;
    }
    this.position = { epoch: diff.epoch, seq: diff.seq };
    return true;
  }

  /** Takes a snapshot or a replay; false when a replay does not start where the state held ends. */
  sync(message: Sync<C>): boolean {
    if (message.type === 'snapshot') {
      this.load(message.data);
      this.position = { epoch: message.epoch, seq: message.seq };
    } else {
      if (this.position?.epoch !== message.epoch || this.position.seq !== message.prev) return false;
      for (const diff of message.diffs) if (!this.follow(diff)) return false;
    }
    this.syncing = false;
    return true;
  }
}

/** The subscribed meeting: summary fields, breakout rooms and participants by key. */
export class LiveMeeting {
  summary = $state.raw<MeetingSummary | null>(null);
  breakoutRooms = $state.raw<BreakoutRoomView[]>([]);
  readonly participants = new SvelteMap<string, ParticipantView>();
  /** why the server would not send it (meeting_not_found...) */
  error = $state.raw<ProblemInfo | null>(null);
  readonly stream: Stream<'meeting'>;

  constructor(readonly uuid: string) {
    this.stream = new Stream(
      'meeting',
      (change) => {
        this.summary = change.summary;
        this.breakoutRooms = change.breakoutRooms;
        for (const participant of change.upsert) this.participants.set(participant.key, participant);
        for (const key of change.remove) this.participants.delete(key);
        return true;
      },
      (detail) => {
        const { participants, breakoutRooms, ...summary } = detail;
        this.summary = summary;
        this.breakoutRooms = breakoutRooms;
        replaceAll(this.participants, participants, (p) => p.key);
      },
    );
  }

  /** The meeting in the API's shape (participants in joining order, as GET /api/meetings/:uuid). */
  toDetail(): MeetingDetail | null {
    if (this.summary === null) return null;
    const participants = [...this.participants.values()].sort(
      (a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.key.localeCompare(b.key),
    );
    return { ...this.summary, participants, breakoutRooms: this.breakoutRooms };
  }
}

/**
 * Makes the map hold exactly a snapshot's items, without emptying it first (views never see it
 * empty); answers the keys it removed.
 */
function replaceAll<K, T>(map: SvelteMap<K, T>, items: readonly T[], key: (item: T) => K): K[] {
  const keep = new Set(items.map(key));
  const removed = [...map.keys()].filter((existing) => !keep.has(existing));
  for (const existing of removed) map.delete(existing);
  for (const item of items) map.set(key(item), item);
  return removed;
}

export class LiveStore {
  connection = $state<ConnectionState>('connecting');
  /** since when (ms) the data shown may be outdated (disconnected, or resyncing); null while current */
  staleSince = $state<number | null>(null);
  /** why the server refused the connection (unauthorized...) */
  problem = $state.raw<ProblemInfo | null>(null);
  /** summaries of the live and stale meetings, by uuid */
  readonly meetings = new SvelteMap<string, MeetingSummary>();
  /** the subscribed meeting, see select() */
  meeting = $state.raw<LiveMeeting | null>(null);
  /** alerts the user may see: open, acknowledged, and resolved within the hour, by id */
  readonly alerts = new SvelteMap<number, AlertView>();

  private readonly socket: LiveSocket;
  private readonly now: () => number;
  private meetingsListeners: ((change: MeetingsChange) => void)[] = [];
  private sessionListeners: ((info: SessionInfo) => void)[] = [];
  private readonly overview = new Stream<'overview'>(
    'overview',
    (change) => {
      const upsert = [...change.upsert];
      for (const summary of change.upsert) this.meetings.set(summary.uuid, summary);
      for (const patch of change.patch) {
        const held = this.meetings.get(patch.uuid);
        if (!held) return false;
        const summary = applySummaryPatch(held, patch);
        this.meetings.set(summary.uuid, summary);
        upsert.push(summary);
      }
      for (const uuid of change.remove) this.meetings.delete(uuid);
      this.meetingsChanged({ upsert, remove: change.remove });
      return true;
    },
    (summaries) => {
      const remove = replaceAll(this.meetings, summaries, (s) => s.uuid);
      this.meetingsChanged({ upsert: summaries, remove });
    },
  );
  private alertListeners: ((change: AlertChange) => void)[] = [];
  private readonly alertStream = new Stream<'alerts'>(
    'alerts',
    (change) => {
      for (const each of change.changes) this.alerts.set(each.alert.id, each.alert);
      this.forgetOldAlerts();
      for (const each of change.changes) for (const listener of this.alertListeners) listener(each);
      return true;
    },
    (alerts) => {
      replaceAll(this.alerts, alerts, (a) => a.id);
      this.forgetOldAlerts();
    },
  );

  constructor(options: LiveStoreOptions) {
    this.now = options.now ?? Date.now;
    this.staleSince = this.now();
    this.socket = options.connect({
      autoConnect: false,
      auth: (send) => {
        const resume: NonNullable<HandshakeAuth['resume']> = {};
        if (this.overview.position) resume.overview = this.overview.position;
        if (this.alertStream.position) resume.alerts = this.alertStream.position;
        send(Object.keys(resume).length > 0 ? { resume } : {});
      },
    });
    this.socket.on('connect', () => this.connected());
    this.socket.on('disconnect', () => this.disconnected());
    this.socket.on('connect_error', (error) => {
      this.problem = (error as Error & { data?: RealtimeError }).data?.error ?? null;
      this.connection = this.socket.active ? 'reconnecting' : 'offline';
    });
    this.socket.on('sync', (message) => this.receive(stripBidiDeep(message)));
    this.socket.on('diff', (message) => this.receive(stripBidiDeep(message)));
    // the disconnect that follows is final: the reason stays as the problem
    this.socket.on('cut_off', (reason) => (this.problem = reason.error));
    // the server disconnects right after: the dashboard goes back to sign-in, like a REST 401
    this.socket.on('session_ended', (notice) => (this.problem = { code: 'unauthorized', message: notice.message }));
    this.socket.on('session', (info) => {
      for (const listener of this.sessionListeners) listener(info);
    });
    this.socket.on('resync', () => {
      this.resync(this.overview, null);
      this.resync(this.alertStream, null);
      if (this.meeting) this.resync(this.meeting.stream, this.meeting.uuid);
    });
    this.socket.connect();
  }

  /** Subscribes to one meeting's detail (null: none); the previous one is unsubscribed. */
  select(uuid: string | null): void {
    if (this.meeting?.uuid === uuid) return;
    if (this.meeting && this.socket.connected) {
      this.socket.emit('unsubscribe', { channel: 'meeting', key: this.meeting.uuid }, () => {});
    }
    this.meeting = uuid === null ? null : new LiveMeeting(uuid);
    if (this.meeting && this.socket.connected) this.resync(this.meeting.stream, this.meeting.uuid);
    this.updateStale();
  }

  /**
   * Calls the listener for every change of an alert as it happens (opened, repeated, acknowledged,
   * resolved, updated), e.g. to show a toast; not for the alerts a (re)connection's snapshot brings.
   */
  onAlertChange(listener: (change: AlertChange) => void): () => void {
    this.alertListeners = [...this.alertListeners, listener];
    return () => {
      this.alertListeners = this.alertListeners.filter((l) => l !== listener);
    };
  }

  close(): void {
    this.socket.disconnect();
  }

  /** Calls the listener when the server says the user's role or accounts changed (a resync follows). */
  onSessionChange(listener: (info: SessionInfo) => void): () => void {
    this.sessionListeners = [...this.sessionListeners, listener];
    return () => {
      this.sessionListeners = this.sessionListeners.filter((l) => l !== listener);
    };
  }

  /**
   * Calls `listener` after each change of `meetings` with what changed (after a snapshot: every
   * meeting, and those gone), so that views can keep what the server does not send, like history.
   */
  onMeetingsChange(listener: (change: MeetingsChange) => void): () => void {
    this.meetingsListeners = [...this.meetingsListeners, listener];
    return () => {
      this.meetingsListeners = this.meetingsListeners.filter((l) => l !== listener);
    };
  }

  private meetingsChanged(change: MeetingsChange): void {
    for (const listener of this.meetingsListeners) listener(change);
  }

  private forgetOldAlerts(): void {
    const cutoff = this.now() - RESOLVED_ALERTS_KEPT_MS;
    for (const [id, alert] of this.alerts) {
      if (alert.resolvedAt !== null && Date.parse(alert.resolvedAt) < cutoff) this.alerts.delete(id);
    }
  }

  private connected(): void {
    this.connection = 'live';
    this.problem = null;
    // the server pushes the syncs of the overview and the alerts right after connecting
    this.overview.syncing = true;
    this.alertStream.syncing = true;
    if (this.meeting) this.resync(this.meeting.stream, this.meeting.uuid);
    this.updateStale();
  }

  private disconnected(): void {
    this.connection = this.socket.active ? 'reconnecting' : 'offline';
    this.updateStale();
  }

  private receive(message: Sync | Diff): void {
    if (message.channel === 'overview')
      this.handle(this.overview, message as Sync<'overview'> | Diff<'overview'>, null);
    else if (message.channel === 'alerts')
      this.handle(this.alertStream, message as Sync<'alerts'> | Diff<'alerts'>, null);
    else if (message.key === this.meeting?.uuid) {
      this.handle(this.meeting.stream, message as Sync<'meeting'> | Diff<'meeting'>, message.key);
    }
  }

  private handle<C extends ChannelName>(stream: Stream<C>, message: Sync<C> | Diff<C>, key: string | null): void {
    if (message.type === 'diff') {
      // diffs that cross an awaited sync are already part of it
      if (!stream.syncing && !stream.follow(message)) this.resync(stream, key);
    } else if (!stream.sync(message)) {
      // a replay that does not fit what is held: start over from a snapshot
      stream.position = null;
      this.resync(stream, key);
    }
    this.updateStale();
  }

  /** Subscribes again from the position held: the server answers with the missed diffs or a snapshot. */
  private resync<C extends ChannelName>(stream: Stream<C>, key: string | null): void {
    stream.syncing = true;
    this.updateStale();
    if (!this.socket.connected) return;
    const attempt = ++stream.attempt;
    const meeting = this.meeting;
    const from = stream.position ?? undefined;
    const request =
      stream.channel === 'meeting'
        ? { channel: 'meeting' as const, key: key!, from }
        : { channel: stream.channel as 'overview' | 'alerts', from };
    this.socket.emit('subscribe', request, (reply) => {
      if (attempt !== stream.attempt || (key !== null && this.meeting !== meeting)) return;
      if ('error' in reply) {
        if (meeting && key !== null) meeting.error = reply.error;
        else this.problem = reply.error;
        stream.syncing = false;
        this.updateStale();
      } else this.handle(stream, stripBidiDeep(reply as Sync<C>), key);
    });
  }

  private updateStale(): void {
    const meetingSyncing = this.meeting !== null && this.meeting.stream.syncing && this.meeting.error === null;
    const current =
      this.connection === 'live' && !this.overview.syncing && !this.alertStream.syncing && !meetingSyncing;
    if (current) this.staleSince = null;
    else this.staleSince ??= this.now();
  }
}
