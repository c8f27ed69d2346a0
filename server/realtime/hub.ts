/**
 * Turns changes of live state into channel messages. Applied events only mark what changed; once
 * per tick the hub reads the current views of what changed and sends one diff per channel, so a
 * burst of events costs a few messages and the newest value of each meeting and participant wins.
 *
 * Channels (each a Socket.IO room):
 * - `overview:<accounts>`: the summaries of live and stale meetings, one channel per set of Zoom
 *   accounts that users may see (all users with the same access share one stream);
 * - `meeting:<uuid>`: one meeting's detail, kept only while someone subscribes (and for a while
 *   after, so that a client that reconnects gets the diffs it missed instead of a snapshot);
 * - `alerts:<accounts>`: the changes of the alerts of those accounts, one per alert per tick (see
 *   alert-changes.ts for what a merge keeps), sent half a tick after the tick's other diffs.
 */
import type { AlertChange, AlertView } from '../../shared/alerts';
import type { MeetingStatus, MeetingSummary } from '../../shared/state';
import type { Diff, MeetingChange, OverviewChange, Position, Sync } from '../../shared/realtime/protocol';
import { summaryPatch, type MeetingSummaryPatch } from '../../shared/realtime/summary-patch';
import { canSeeAccount, type Principal } from '../auth/principal';
import type { Clock } from '../clock';
import type { AppliedEvent } from '../ingest/ingest';
import type { LiveState } from '../state/live-state';
import { breakoutRoomsView, detailView, participantView, summaryView } from '../state/views';
import { PendingAlertChanges } from './alert-changes';
import { Channel, Sequence } from './channel';
import type { RealtimeOptions } from './options';

/** Where messages go: Socket.IO rooms named after the channels. */
export interface Outbox {
  send(room: string, diff: Diff): void;
  listeners(room: string): number;
  /** after a tick's meetings' and overview's diffs are sent: every change applied before it is out */
  flushed(): void;
}

const LISTED: ReadonlySet<MeetingStatus> = new Set(['live', 'stale']);

export const meetingRoom = (uuid: string) => `meeting:${uuid}`;

/** The accounts a principal may see, as a room name part: users with the same access share rooms. */
function scope(principal: Principal): string {
  return principal.accountIds === null ? '*' : JSON.stringify([...new Set(principal.accountIds)].sort());
}

export const overviewRoom = (principal: Principal) => `overview:${scope(principal)}`;
export const alertsRoom = (principal: Principal) => `alerts:${scope(principal)}`;

/** The alerts a principal may see now: open, acknowledged, and resolved within the hour. */
export type AlertsSnapshot = (principal: Principal) => AlertView[];

interface AlertsStream {
  channel: Channel<'alerts'>;
  principal: Principal;
  /** changes since the last tick */
  pending: PendingAlertChanges;
}

interface OverviewStream {
  channel: Channel<'overview'>;
  /** any principal of the room: they all see the same accounts */
  principal: Principal;
  /**
   * The summaries as the channel's diffs last said them, by uuid: what its snapshot holds, what
   * patches are computed from, and the meetings whose removal its clients must be told of.
   */
  held: Map<string, MeetingSummary>;
}

interface MeetingStream {
  channel: Channel<'meeting'>;
  /** keys of participants changed since the last tick */
  participants: Set<string>;
}

export class RealtimeHub {
  private readonly sequence = new Sequence();
  private readonly overviews = new Map<string, OverviewStream>();
  private readonly alerts = new Map<string, AlertsStream>();
  private readonly meetings = new Map<string, MeetingStream>();
  /** meetings changed since the last tick */
  private readonly changed = new Set<string>();
  /** last status sent of each running meeting, to notice live -> stale without any event */
  private readonly statuses = new Map<string, MeetingStatus>();
  private readonly stopTimers: (() => void)[];
  /** the pending tick: changes schedule one, so an idle server never wakes up for nothing */
  private cancelTick: (() => void) | null = null;
  /** the pending second half of a tick, which sends the alerts' diffs */
  private cancelAlertsTick: (() => void) | null = null;

  constructor(
    private readonly live: LiveState,
    private readonly clock: Clock,
    private readonly options: RealtimeOptions,
    private readonly outbox: Outbox,
    private readonly alertsSnapshot: AlertsSnapshot,
  ) {
    for (const state of live.inMemory()) this.statuses.set(state.meeting.uuid, live.status(state.meeting));
    this.stopTimers = [
      clock.every(options.housekeepingMs, () => this.housekeep()),
      () => this.cancelTick?.(),
      () => this.cancelAlertsTick?.(),
    ];
  }

  /** Notes what a committed event changed; it goes out at the next tick. */
  noteApplied(event: AppliedEvent): void {
    for (const op of event.ops) {
      const uuid = op.type === 'meeting' ? op.record.uuid : op.meetingUuid;
      this.markChanged(uuid);
      if (op.type === 'participant') this.meetings.get(uuid)?.participants.add(op.record.key);
    }
  }

  /** Notes an alert's change for the alerts channels that may see it; it goes out at the next tick. */
  noteAlertChange(change: AlertChange): void {
    for (const stream of this.alerts.values()) {
      if (canSeeAccount(stream.principal, change.alert.accountId)) stream.pending.add(change);
    }
    this.scheduleTick();
  }

  private markChanged(uuid: string): void {
    this.changed.add(uuid);
    this.scheduleTick();
  }

  private scheduleTick(): void {
    this.cancelTick ??= this.clock.after(this.options.tickMs, () => {
      this.cancelTick = null;
      this.flush();
    });
  }

  /** The overview for this principal, and the room its diffs go to. */
  syncOverview(principal: Principal, from: Position | undefined): { room: string; sync: Sync<'overview'> } {
    const room = overviewRoom(principal);
    let stream = this.overviews.get(room);
    if (!stream) {
      const held = new Map<string, MeetingSummary>();
      for (const state of this.live.list(LISTED)) {
        if (canSeeAccount(principal, state.meeting.accountId)) {
          held.set(state.meeting.uuid, summaryView(state, this.live.status(state.meeting)));
        }
      }
      stream = {
        channel: new Channel('overview', null, this.sequence, this.options.replayLimit),
        principal,
        held,
      };
      this.overviews.set(room, stream);
    }
    const { held } = stream;
    // changes not sent yet come with the next tick, as a patch on what the snapshot holds
    return { room, sync: stream.channel.sync(from, () => [...held.values()]) };
  }

  /** The alerts this principal may see, and the room their changes go to. */
  syncAlerts(principal: Principal, from: Position | undefined): { room: string; sync: Sync<'alerts'> } {
    const room = alertsRoom(principal);
    let stream = this.alerts.get(room);
    if (!stream) {
      stream = {
        channel: new Channel('alerts', null, this.sequence, this.options.replayLimit),
        principal,
        pending: new PendingAlertChanges(),
      };
      this.alerts.set(room, stream);
    }
    return { room, sync: stream.channel.sync(from, () => this.alertsSnapshot(principal)) };
  }

  /** One meeting's detail and the room of its diffs; null when there is no such meeting for this principal. */
  syncMeeting(
    principal: Principal,
    uuid: string,
    from: Position | undefined,
  ): { room: string; sync: Sync<'meeting'> } | null {
    const state = this.live.get(uuid);
    if (!state || !canSeeAccount(principal, state.meeting.accountId)) return null;
    let stream = this.meetings.get(uuid);
    if (!stream) {
      stream = {
        channel: new Channel('meeting', uuid, this.sequence, this.options.replayLimit),
        participants: new Set(),
      };
      this.meetings.set(uuid, stream);
    }
    const sync = stream.channel.sync(from, () => detailView(state, this.live.status(state.meeting)));
    return { room: meetingRoom(uuid), sync };
  }

  /**
   * Sends one diff per channel for everything changed since the last tick: the meetings' and the
   * overview's now, the alerts' half a tick later. In a busy tick the alerts' diff is the largest
   * message and nothing in it is needed to apply the others; apart, no turn of the event loop
   * writes both to every socket (webhooks wait less), and a dashboard has applied the overview
   * before it parses the alerts.
   */
  flush(): void {
    this.flushMeetings();
    if (this.cancelAlertsTick || ![...this.alerts.values()].some((stream) => stream.pending.size > 0)) return;
    this.cancelAlertsTick = this.clock.after(Math.ceil(this.options.tickMs / 2), () => {
      this.cancelAlertsTick = null;
      this.flushAlerts();
    });
  }

  private flushAlerts(): void {
    for (const [room, stream] of this.alerts) {
      if (stream.pending.size === 0) continue;
      this.outbox.send(room, stream.channel.push({ changes: stream.pending.take() }));
    }
  }

  private flushMeetings(): void {
    if (this.changed.size === 0) return;
    const changed = [...this.changed];
    this.changed.clear();
    const overviewChanges = new Map<OverviewStream, OverviewChange>();
    for (const uuid of changed) {
      const state = this.live.get(uuid);
      if (!state) continue;
      const status = this.live.status(state.meeting);
      if (status === 'ended') this.statuses.delete(uuid);
      else this.statuses.set(uuid, status);
      const summary = summaryView(state, status);
      // streams that saw the same summaries hold the same object: one patch serves them all
      const patches = new Map<MeetingSummary, MeetingSummaryPatch | null>();
      for (const stream of this.overviews.values()) {
        const change = overviewChanges.get(stream) ?? { upsert: [], patch: [], remove: [] };
        const before = stream.held.get(uuid);
        if (LISTED.has(status) && canSeeAccount(stream.principal, summary.accountId)) {
          stream.held.set(uuid, summary);
          if (before) {
            if (!patches.has(before)) patches.set(before, summaryPatch(before, summary));
            const patch = patches.get(before)!;
            if (!patch) continue;
            change.patch.push(patch);
          } else change.upsert.push(summary);
        } else if (before) {
          stream.held.delete(uuid);
          change.remove.push(uuid);
        } else continue;
        overviewChanges.set(stream, change);
      }
      const meeting = this.meetings.get(uuid);
      if (meeting) {
        const change: MeetingChange = {
          summary,
          breakoutRooms: breakoutRoomsView(state.meeting),
          upsert: [],
          remove: [],
        };
        for (const key of meeting.participants) {
          const record = state.participants.get(key);
          const view = record ? participantView(record) : null;
          if (view) change.upsert.push(view);
          else change.remove.push(key);
        }
        meeting.participants.clear();
        this.outbox.send(meetingRoom(uuid), meeting.channel.push(change));
      }
    }
    for (const [room, stream] of this.overviews) {
      const change = overviewChanges.get(stream);
      if (change) this.outbox.send(room, stream.channel.push(change));
    }
    this.outbox.flushed();
  }

  /** Notices meetings that went stale with no event, and drops channels nobody listened to for a while. */
  housekeep(): void {
    for (const state of this.live.inMemory()) {
      const uuid = state.meeting.uuid;
      const status = this.live.status(state.meeting);
      if (status !== 'ended' && this.statuses.get(uuid) !== status) this.markChanged(uuid);
    }
    const now = this.clock.now();
    const idle = (room: string, channel: Channel<'overview' | 'meeting' | 'alerts'>) => {
      if (this.outbox.listeners(room) > 0) channel.idleSince = null;
      else channel.idleSince ??= now;
      return channel.idleSince !== null && now - channel.idleSince >= this.options.idleChannelMs;
    };
    for (const [room, stream] of this.overviews) if (idle(room, stream.channel)) this.overviews.delete(room);
    for (const [room, stream] of this.alerts) if (idle(room, stream.channel)) this.alerts.delete(room);
    for (const [uuid, stream] of this.meetings) if (idle(meetingRoom(uuid), stream.channel)) this.meetings.delete(uuid);
  }

  close(): void {
    for (const stop of this.stopTimers) stop();
  }
}
