/**
 * The realtime protocol between the server and the dashboard (README, "Realtime protocol").
 *
 * The live picture is split into channels: `overview` (summaries of every live and stale meeting
 * the user may see), `meeting` (one meeting's detail, for the clients that subscribed to it) and
 * `alerts` (the alerts the user may see that are open, acknowledged or resolved within the hour).
 * A channel is synced by a snapshot (its whole state) or a replay (the diffs missed since a
 * position), then kept current by diffs.
 *
 * Ordering: every channel message carries the server's boot `epoch` and a `seq` drawn from one
 * counter per boot, so seqs are strictly increasing and never reused while the server runs. A diff
 * also carries `prev`, the seq of the previous message of its channel. A client applies a diff only
 * when its epoch and prev are the epoch and seq it holds; anything else is a gap, and the client
 * resyncs by subscribing again `from` its position. A restarted server has a new epoch, so no client
 * ever applies a diff of one boot onto the state of another.
 *
 * Diffs hold the full current value of whatever changed (upserts by key, removes by key, and for
 * overview meetings the client holds, the changed fields each whole), so applying one twice, or on
 * a snapshot that already includes it, changes nothing. The overview's snapshot is what its diffs
 * have said as of its seq, never newer: a patch is exact only on the summary it was computed from.
 *
 * A new channel is one more entry of ChannelTypes plus its ref in requests.ts.
 */
import type { AlertChange, AlertView } from '../alerts';
import type { SessionInfo } from '../auth';
import type { ErrorBody } from '../errors';
import type { BreakoutRoomView, MeetingDetail, MeetingSummary, ParticipantView } from '../state';
import type { ChannelRef, SubscribeRequest } from './requests';
import type { MeetingSummaryPatch } from './summary-patch';

export type { ChannelRef, HandshakeAuth, Position, SubscribeRequest } from './requests';
export type { MeetingSummaryPatch } from './summary-patch';

export interface OverviewChange {
  /** meetings that appeared (the clients did not hold them), whole */
  upsert: MeetingSummary[];
  /** meetings the clients hold that changed: the fields that changed */
  patch: MeetingSummaryPatch[];
  /** uuids of meetings that ended, or that this user may no longer see */
  remove: string[];
}

export interface MeetingChange {
  /** the meeting's summary fields (status, counts, sharing, recording...) */
  summary: MeetingSummary;
  breakoutRooms: BreakoutRoomView[];
  /** participants who joined, moved or changed, whole */
  upsert: ParticipantView[];
  /** keys of participants who are no longer present */
  remove: string[];
}

export interface AlertsChange {
  /** every change of every alert since the last diff, in the order they happened, each with the whole alert */
  changes: AlertChange[];
}

/** Per channel: what identifies one (key), its full state, and one diff. */
export interface ChannelTypes {
  overview: { key: null; snapshot: MeetingSummary[]; change: OverviewChange };
  meeting: { key: string; snapshot: MeetingDetail; change: MeetingChange };
  alerts: { key: null; snapshot: AlertView[]; change: AlertsChange };
}

export type ChannelName = keyof ChannelTypes;

interface Stamped<C extends ChannelName> {
  channel: C;
  key: ChannelTypes[C]['key'];
  /** identifies one run of the server; a different epoch means "start again from a snapshot" */
  epoch: string;
  seq: number;
}

export type Snapshot<C extends ChannelName = ChannelName> = {
  [K in C]: Stamped<K> & { type: 'snapshot'; data: ChannelTypes[K]['snapshot'] };
}[C];

export type Diff<C extends ChannelName = ChannelName> = {
  [K in C]: Stamped<K> & {
    type: 'diff';
    /** seq of the channel's previous message: the client must hold exactly this seq to apply it */
    prev: number;
    data: ChannelTypes[K]['change'];
  };
}[C];

/** The diffs a client missed since `prev`, in order; `seq` is that of the last one (or prev). */
export type Replay<C extends ChannelName = ChannelName> = {
  [K in C]: Stamped<K> & { type: 'replay'; prev: number; diffs: Diff<K>[] };
}[C];

export type Sync<C extends ChannelName = ChannelName> = Snapshot<C> | Replay<C>;

export type RealtimeErrorCode =
  | 'unauthorized'
  | 'cross_origin'
  | 'forbidden'
  | 'invalid_request'
  | 'meeting_not_found'
  | 'too_many_subscriptions'
  | 'unknown_event'
  | 'too_many_requests'
  | 'backlog'
  | 'internal';

export interface RealtimeError extends ErrorBody {
  error: { code: RealtimeErrorCode; message: string };
}

export interface ResyncNotice {
  /**
   * overflow: the client fell too far behind and the server stopped sending it diffs;
   * scope_changed: the user's role or accounts changed (a `session` message says how)
   */
  reason: 'overflow' | 'scope_changed';
  message: string;
}

/** Why the server closed the socket for good: its session is over (signed out, expired, user removed). */
export interface SessionEndedNotice {
  reason: 'session_ended';
  message: string;
}

export interface ServerToClientEvents {
  /** pushed on connect for the overview and the alerts: a snapshot, or a replay when the handshake could resume */
  sync: (message: Sync) => void;
  diff: (message: Diff) => void;
  /** the server stopped sending diffs to this client: subscribe again to every channel */
  resync: (notice: ResyncNotice) => void;
  /** the error of a request sent without an acknowledgement callback */
  request_error: (reply: RealtimeError) => void;
  /** sent just before the server disconnects this client for costing too much: it does not come back by itself */
  cut_off: (reason: RealtimeError) => void;
  /** the user's role or accounts changed: who they are now (a resync follows) */
  session: (info: SessionInfo) => void;
  /** the session ended: the server disconnects right after */
  session_ended: (notice: SessionEndedNotice) => void;
}

export interface ClientToServerEvents {
  /** starts (or resyncs) a channel: answered with its snapshot or replay, then diffs follow */
  subscribe: (request: SubscribeRequest, ack: (reply: Sync | RealtimeError) => void) => void;
  unsubscribe: (request: ChannelRef, ack: (reply: { ok: true } | RealtimeError) => void) => void;
}
