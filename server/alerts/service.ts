/**
 * Turns applied events and the passing of time into alerts with a lifecycle:
 * open -> acknowledged -> resolved, one unresolved alert per (meeting, kind, subject).
 * Event rules raise alerts (a repeat counts); condition rules say what is true of each running
 * meeting after every event and on a periodic check, which also resolves alerts that went quiet
 * and those of meetings that ended or went stale. Every change is announced to the listeners.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  RESOLVED_ALERTS_KEPT_MS,
  type AlertChange,
  type AlertKind,
  type AlertResolution,
  type AlertSeverity,
  type AlertTransitionView,
  type AlertView,
} from '../../shared/alerts';
import { canSeeAccount, type Principal } from '../auth/principal';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { AppliedEvent } from '../ingest/ingest';
import type { LiveState } from '../state/live-state';
import type { MeetingState } from '../state/reducer';
import { summaryView } from '../state/views';
import type { AlertConfig } from './config';
import { ALERT_KINDS, type Finding } from './kinds';
import { liveStreamingRule, recordingRule } from './rules/broadcasting';
import { hostAbsentRule } from './rules/host-absent';
import { JoinStormRule } from './rules/join-storm';
import { MassExodusRule } from './rules/mass-exodus';
import { overTimeRule } from './rules/over-time';
import type { ConditionRule, EventRule } from './rules/rule';
import { UnstableParticipantRule } from './rules/unstable-participant';
import { unexpectedShareRule } from './rules/unexpected-share';
import { waitingRoomRule } from './rules/waiting-room';
import { zoomAlertsRule } from './rules/zoom-alerts';
import {
  AlertStore,
  queryAlertTransitions,
  type AlertQuery,
  type AlertRow,
  type AlertTransitionHook,
  type MeetingRef,
} from './store';
import { alertView } from './view';
import { log } from '../ops/log';

/** How often time-based rules and quiet periods are checked. */
export const CHECK_INTERVAL_MS = 10_000;

export type AlertListener = (change: AlertChange) => void;

export interface AlertServiceDeps {
  db: Db;
  live: LiveState;
  clock: Clock;
  config: AlertConfig;
  /** writes along with each transition, in its transaction (the notifications' outbox) */
  onTransition?: AlertTransitionHook;
}

export type AcknowledgeOutcome =
  { outcome: 'acknowledged' | 'already_acknowledged' | 'resolved'; alert: AlertView } | { outcome: 'not_found' };

const topicOf = (body: unknown): string | null => {
  const topic = (body as { payload?: { object?: { topic?: unknown } } } | null)?.payload?.object?.topic;
  return typeof topic === 'string' && topic !== '' ? topic : null;
};

export class AlertService {
  private readonly store: AlertStore;
  private readonly listeners = new Set<AlertListener>();
  private readonly eventRules: EventRule[];
  private readonly conditionRules: ConditionRule[];
  private readonly stopChecks: () => void;
  /** condition alerts whose condition is gone, by id: since when (they resolve after `clearMs`) */
  private readonly clearing = new Map<number, number>();

  constructor(private readonly deps: AlertServiceDeps) {
    const { config } = deps;
    this.store = new AlertStore(deps.db, deps.onTransition);
    this.eventRules = [
      zoomAlertsRule,
      new JoinStormRule(config.joinStorm),
      new MassExodusRule(config.massExodus),
      new UnstableParticipantRule(config.unstableParticipant),
    ];
    this.conditionRules = [
      recordingRule,
      liveStreamingRule,
      waitingRoomRule(config.waitingRoom),
      unexpectedShareRule(config.shareMs),
      hostAbsentRule(config.hostAbsentMs),
      overTimeRule(config.overTimeMs),
    ];
    this.stopChecks = deps.clock.every(CHECK_INTERVAL_MS, () => {
      try {
        this.check();
      } catch (error) {
        // a failed check (the database busy or full) is retried by the next one
        log.error({ err: error }, 'alert check failed');
      }
    });
  }

  /** Calls `listener` with every transition and every change of an unresolved alert's details. */
  onChange(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The ingest listener: raises what the event says and re-evaluates its meeting. */
  handle(event: AppliedEvent): void {
    if (event.meetingUuid === null) return;
    const now = this.deps.clock.now();
    const state = this.deps.live.get(event.meetingUuid);
    const status = state ? this.deps.live.status(state.meeting) : null;
    const meeting = this.meetingRef(event.meetingUuid, state, event);
    for (const rule of this.eventRules) {
      for (const finding of rule.onEvent(event, state)) {
        // only at-risk alerts still matter once the meeting is over: the leaked link remains
        if (status !== 'ended' || ALERT_KINDS[finding.kind].end === 'acknowledged') this.raise(meeting, finding, now);
      }
    }
    if (!state) return;
    if (status === 'live') this.evaluate(state, now);
    else this.close(event.meetingUuid, status === 'ended' ? 'meeting_ended' : 'meeting_stale', now);
  }

  /** The periodic check: time-based conditions, quiet periods, meetings that ended or went stale. */
  check(): void {
    const now = this.deps.clock.now();
    for (const state of this.deps.live.inMemory()) {
      if (this.running(state.meeting.uuid)) this.evaluate(state, now);
      else for (const rule of this.eventRules) rule.forget?.(state.meeting.uuid);
    }
    for (const rule of this.eventRules) {
      for (const { meetingUuid, finding } of rule.onCheck?.(now, (uuid) => this.running(uuid)) ?? []) {
        this.raise(this.meetingRef(meetingUuid, this.running(meetingUuid)), finding, now);
      }
    }
    for (const alert of this.store.allActive()) {
      const state = this.deps.live.get(alert.meetingUuid);
      const status = state ? this.deps.live.status(state.meeting) : null;
      if (status === 'ended' || status === 'stale') {
        this.resolveWithMeeting(alert, status === 'ended' ? 'meeting_ended' : 'meeting_stale', now);
      } else if (ALERT_KINDS[alert.kind].end === 'quiet' && now - alert.lastSeenAt > this.deps.config.quietMs) {
        this.resolve(alert, 'quiet', now);
      }
    }
  }

  /** Open alerts by severity, for the metrics. */
  openCounts(): Map<AlertSeverity, number> {
    return this.store.openCounts();
  }

  list(query: AlertQuery): AlertView[] {
    return this.store.list(query).map((row) => this.view(row));
  }

  /**
   * Idempotent: a second acknowledgement keeps the first one's name and time. Alerts of accounts
   * the principal may not see do not exist for them.
   */
  acknowledge(id: number, principal: Principal, note: string | null = null): AcknowledgeOutcome {
    const row = this.visible(id, principal);
    if (!row) return { outcome: 'not_found' };
    if (row.acknowledgedAt !== null) return { outcome: 'already_acknowledged', alert: this.view(row) };
    if (row.status === 'resolved') return { outcome: 'resolved', alert: this.view(row) };
    const acknowledged = this.store.acknowledge(row, principal.username, this.deps.clock.now(), note);
    this.announce('acknowledged', acknowledged);
    return { outcome: 'acknowledged', alert: this.view(acknowledged) };
  }

  /**
   * Silences the alert's kind in its meeting for `forMs`, or (null) until the meeting ends: its
   * alerts, and those of that kind opening later, do not pop up. The alert's timeline says who and
   * until when; the unresolved alerts of that kind are announced with their snooze.
   */
  snooze(id: number, principal: Principal, forMs: number | null): AlertView | null {
    const row = this.visible(id, principal);
    if (!row) return null;
    const at = this.deps.clock.now();
    this.store.snooze(row, { until: forMs === null ? null : at + forMs, by: principal.username, at });
    for (const alert of this.store.activeOf(row.meetingUuid)) {
      if (alert.kind === row.kind && alert.id !== row.id) this.announce('updated', alert);
    }
    const snoozed = this.store.get(id)!;
    if (snoozed.status !== 'resolved') this.announce('updated', snoozed);
    return this.view(snoozed);
  }

  transitions(meetingUuid: string): AlertTransitionView[] {
    return queryAlertTransitions(this.deps.db, { meetingUuid, accountIds: null, order: 'oldest first' });
  }

  /** What the alerts channel of the dashboards holds: open and acknowledged alerts, and those resolved within the hour. */
  recent(accountIds: readonly string[] | null): AlertView[] {
    return this.list({
      statuses: ['open', 'acknowledged', 'resolved'],
      accountIds,
      resolvedSince: this.deps.clock.now() - RESOLVED_ALERTS_KEPT_MS,
      limit: 1000,
    });
  }

  /** Forgets the alerts of meetings that retention deleted. */
  forgetMeetings(meetingUuids: readonly string[]): void {
    this.store.forgetMeetings(meetingUuids);
  }

  stop(): void {
    this.stopChecks();
    this.listeners.clear();
  }

  /** the alert, unless it does not exist for this principal (another account's) */
  private visible(id: number, principal: Principal): AlertRow | undefined {
    const row = this.store.get(id);
    return row && canSeeAccount(principal, row.accountId) ? row : undefined;
  }

  private view(row: AlertRow): AlertView {
    return alertView(row, this.store.snoozeOf(row.meetingUuid, row.kind));
  }

  /** The meeting's state while it is live (not ended, not stale). */
  private running(meetingUuid: string): MeetingState | undefined {
    const state = this.deps.live.get(meetingUuid);
    return state && this.deps.live.status(state.meeting) === 'live' ? state : undefined;
  }

  private meetingRef(meetingUuid: string, state: MeetingState | undefined, event?: AppliedEvent): MeetingRef {
    return {
      meetingUuid,
      accountId: state?.meeting.accountId || event?.accountId || null,
      meetingTopic: state?.meeting.info.topic?.value ?? topicOf(event?.body),
    };
  }

  private evaluate(state: MeetingState, now: number): void {
    const running = { state, summary: summaryView(state, 'live') };
    const meeting = this.meetingRef(state.meeting.uuid, state);
    for (const rule of this.conditionRules) this.reconcile(meeting, rule.kind, rule.evaluate(running, now), now);
  }

  /**
   * Opens what a condition rule found, refreshes what changed, resolves what it no longer finds,
   * with hysteresis so that a toggling condition makes one alert: an alert resolves only once its
   * condition has been gone for `clearMs`; back sooner, it is the same alert, counted again.
   */
  private reconcile(meeting: MeetingRef, kind: AlertKind, findings: Finding[], now: number): void {
    const { clearMs, flappingReturns } = this.deps.config;
    const found = new Set<string>();
    for (const finding of findings) {
      found.add(finding.subject);
      const active = this.store.findActive(meeting.meetingUuid, finding.kind, finding.subject);
      if (active && this.clearing.delete(active.id)) {
        const flapping = active.flapping || active.count >= flappingReturns;
        this.announce('repeated', this.store.repeat(active, meeting, finding, now, flapping));
      } else if (active) {
        if (!isDeepStrictEqual(active.details, finding.details)) {
          this.announce('updated', this.store.refresh(active, finding, now));
        }
      } else {
        this.announce('opened', this.store.open(meeting, finding, now));
      }
    }
    for (const alert of this.store.activeOf(meeting.meetingUuid)) {
      if (alert.kind !== kind || found.has(alert.subject)) continue;
      const since = this.clearing.get(alert.id) ?? now;
      if (now - since >= clearMs) this.resolve(alert, 'cleared', now);
      else this.clearing.set(alert.id, since);
    }
  }

  private raise(meeting: MeetingRef, finding: Finding, now: number): void {
    const active = this.store.findActive(meeting.meetingUuid, finding.kind, finding.subject);
    if (active) this.announce('repeated', this.store.repeat(active, meeting, finding, now));
    else this.announce('opened', this.store.open(meeting, finding, now));
  }

  private close(meetingUuid: string, reason: AlertResolution, now: number): void {
    for (const rule of this.eventRules) rule.forget?.(meetingUuid);
    for (const alert of this.store.activeOf(meetingUuid)) this.resolveWithMeeting(alert, reason, now);
  }

  private resolveWithMeeting(alert: AlertRow, reason: AlertResolution, now: number): void {
    const waitsForAcknowledgement = ALERT_KINDS[alert.kind].end === 'acknowledged';
    if (waitsForAcknowledgement && alert.status !== 'acknowledged') return;
    this.resolve(alert, reason, now);
  }

  private resolve(alert: AlertRow, reason: AlertResolution, now: number): void {
    this.clearing.delete(alert.id);
    this.announce('resolved', this.store.resolve(alert, reason, now));
  }

  private announce(change: AlertChange['change'], row: AlertRow): void {
    const event: AlertChange = { change, alert: this.view(row) };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // the change is stored; one failing listener must not keep it from the others
        log.error({ err: error, alertId: row.id }, 'alert listener failed');
      }
    }
  }
}
