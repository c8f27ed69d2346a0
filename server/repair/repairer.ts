/**
 * Repair's schedule, per Zoom account: the list of live meetings every few minutes, each live
 * meeting's participants in turn (the one checked longest ago first), both only as far as the
 * budget allows; and the downtime backfill on start-up and on demand. Corrections enter the event
 * log through Ingest.record, never around it.
 */
import { ownEventNames, type OwnEventName } from '../../shared/repair/events';
import type { AccountRepairStatus, BackfillReport, RepairCalls, RepairStatusView } from '../../shared/repair/status';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Ingest } from '../ingest/ingest';
import type { LiveState } from '../state/live-state';
import type { MeetingState } from '../state/reducer';
import { log } from '../ops/log';
import { meetingKind } from '../state/views';
import { liveMeetings, liveParticipants, type LiveKind } from './answers';
import { backfill } from './backfill';
import { CallBudget, type BudgetSpent } from './budget';
import { RepairBudgetStore } from './budget-store';
import type { ZoomAccount, ZoomConnection } from './connection';
import type { RepairBody } from './corrections';
import { checkMeetings, waitsForHost, type MeetingsMemory } from './meetings-check';
import { checkParticipants, emptyParticipantsMemory, type ParticipantsMemory } from './participants-check';
import { RepairStatusStore } from './status-store';
import { ZOOM_CODES, ZoomApiError, ZoomClient } from './zoom-client';

const LIVE_KINDS: readonly LiveKind[] = ['meeting', 'webinar'];

/** How often the schedule looks at what is due. */
export const REPAIR_TICK_MS = 1000;
/** Meetings checked at most per tick per account: the rest wait their turn. */
const MEETINGS_PER_TICK = 20;
/** On a plan without the Dashboard, ask again this rarely (the plan may change). */
const NO_DASHBOARD_RETRY_MS = 60 * 60_000;
/** Zoom keeps its webhook delivery log this long. */
export const WEBHOOK_LOG_DAYS = 7;

const iso = (ms: number) => new Date(ms).toISOString();

const callsOf = (spent: BudgetSpent): RepairCalls => ({
  ...spent,
  pausedUntil: spent.pausedUntil === null ? null : iso(spent.pausedUntil),
});

export interface RepairDeps {
  connection: ZoomConnection;
  db: Db;
  live: LiveState;
  ingest: Ingest;
  clock: Clock;
  /** when Roomwatch last received a webhook before this start: the downtime to backfill begins there */
  awaySince: number | null;
}

class AccountRepair {
  readonly client: ZoomClient;
  readonly budget: CallBudget;
  readonly status: AccountRepairStatus;
  /** per kind: Zoom's Dashboard lists meetings and webinars apart, each looked at on its own schedule */
  readonly meetingsMemory: Record<LiveKind, MeetingsMemory> = { meeting: new Map(), webinar: new Map() };
  readonly nextLookAt: Record<LiveKind, number>;
  readonly participantsMemory = new Map<string, ParticipantsMemory>();
  readonly lastChecked = new Map<string, number>();
  /** no call before: the first looks wait one period, for the webhooks (and the backfill) in flight at start-up */
  notBefore: number;
  readonly startedAt: number;

  constructor(
    readonly account: ZoomAccount,
    connection: ZoomConnection,
    spending: RepairBudgetStore,
    now: () => number,
    sleep: (ms: number) => Promise<void>,
  ) {
    this.startedAt = now();
    const firstLook = this.startedAt + connection.meetingsIntervalMs;
    this.nextLookAt = { meeting: firstLook, webinar: firstLook };
    this.notBefore = this.startedAt + Math.min(connection.meetingsIntervalMs, connection.participantsIntervalMs);
    this.budget = new CallBudget(connection.budgetShare, now(), {
      spent: spending.read(account.accountId),
      onSpent: (spent) => spending.spend(account.accountId, spent.day),
    });
    this.client = new ZoomClient({
      account,
      apiUrl: connection.apiUrl,
      oauthUrl: connection.oauthUrl,
      budget: this.budget,
      now,
      sleep,
    });
    const corrections = Object.fromEntries(ownEventNames.map((n) => [n, 0])) as Record<OwnEventName, number>;
    this.status = {
      accountId: account.accountId,
      dashboard: 'unknown',
      checks: { participants: 0, meetings: 0, ignored: 0, failed: 0 },
      corrections,
      calls: callsOf(this.budget.spentAt(this.startedAt)),
      lastCheckAt: null,
      lastError: null,
      backfill: null,
    };
  }
}

export class Repairer {
  private readonly accounts: AccountRepair[];
  private turning: Promise<void> | null = null;
  private backfilling: Promise<BackfillReport[]> | null = null;
  private stopped = false;
  /** ends the waits for the budget when Roomwatch stops */
  private readonly stopping = new AbortController();
  private readonly saved: RepairStatusStore;

  constructor(private readonly deps: RepairDeps) {
    this.saved = new RepairStatusStore(deps.db);
    const spending = new RepairBudgetStore(deps.db);
    const now = () => deps.clock.now();
    this.accounts = deps.connection.accounts.map(
      (account) => new AccountRepair(account, deps.connection, spending, now, (ms) => this.sleep(ms)),
    );
  }

  /** Waits on the server's clock (a test's fake one moves it); a stop ends the wait with a ZoomApiError. */
  private sleep(ms: number): Promise<void> {
    const { signal } = this.stopping;
    return new Promise((resolve, reject) => {
      const stopped = () => reject(new ZoomApiError('stopped', 'Roomwatch is stopping'));
      if (signal.aborted) return stopped();
      const cancel = this.deps.clock.after(ms, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = () => {
        cancel();
        stopped();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  clients(): ZoomClient[] {
    return this.accounts.map((a) => a.client);
  }

  /** Starts the schedule and the start-up backfill; returns what stops them. */
  start(): () => Promise<void> {
    const stopTimer = this.deps.clock.every(REPAIR_TICK_MS, () => void this.tick());
    void this.backfill().catch((error: unknown) => log.error({ err: error }, 'the downtime backfill failed'));
    return async () => {
      this.stopped = true;
      this.stopping.abort();
      stopTimer();
      await Promise.all([this.turning, this.backfilling?.catch(() => undefined)]);
    };
  }

  /** One turn of the schedule (a turn still running is not doubled); tests call it to step time. */
  tick(): Promise<void> {
    this.turning ??= this.turn().finally(() => {
      this.turning = null;
    });
    return this.turning;
  }

  private async turn(): Promise<void> {
    for (const repair of this.accounts) {
      if (this.stopped) return;
      const now = this.deps.clock.now();
      if (now < repair.notBefore) continue;
      for (const kind of LIVE_KINDS) {
        if (now >= repair.nextLookAt[kind]) await this.lookAtMeetings(repair, kind);
      }
      await this.checkParticipantsDue(repair);
      this.saved.save(repair.status, this.deps.clock.now());
    }
  }

  private async lookAtMeetings(repair: AccountRepair, kind: LiveKind): Promise<void> {
    const { live, clock, connection } = this.deps;
    const accountId = repair.account.accountId;
    const at = clock.now();
    const listed = await this.ask(repair, kind, () => liveMeetings(repair.client, at, kind));
    if (listed === 'budget') return;
    repair.nextLookAt[kind] = at + connection.meetingsIntervalMs;
    if (listed === null) return;
    const verdict = checkMeetings(
      accountId,
      kind,
      this.runningMeetings(repair).filter((s) => meetingKind(s.meeting) === kind),
      (uuid) => live.meetingRecord(uuid) !== undefined,
      listed,
      repair.meetingsMemory[kind],
      clock.now(),
    );
    repair.status.checks.meetings++;
    if (verdict.ignored) repair.status.checks.ignored++;
    repair.meetingsMemory[kind] = verdict.memory;
    this.correct(repair, verdict.corrections);
  }

  private async checkParticipantsDue(repair: AccountRepair): Promise<void> {
    const { live, clock, connection } = this.deps;
    const now = clock.now();
    const running = this.runningMeetings(repair);
    const uuids = new Set(running.map((s) => s.meeting.uuid));
    for (const uuid of repair.lastChecked.keys()) {
      if (!uuids.has(uuid)) {
        repair.lastChecked.delete(uuid);
        repair.participantsMemory.delete(uuid);
      }
    }
    const due = running
      .filter((s) => !waitsForHost(s))
      .map((s) => ({
        uuid: s.meeting.uuid,
        kind: meetingKind(s.meeting),
        last: repair.lastChecked.get(s.meeting.uuid) ?? repair.startedAt,
      }))
      .filter((m) => now - m.last >= connection.participantsIntervalMs)
      .sort((a, b) => a.last - b.last)
      .slice(0, MEETINGS_PER_TICK);
    for (const { uuid, kind } of due) {
      if (this.stopped) return;
      const at = clock.now();
      const listed = await this.ask(repair, kind, () => liveParticipants(repair.client, uuid, kind));
      if (listed === 'budget') return;
      repair.lastChecked.set(uuid, at);
      if (listed === null) continue;
      const state = live.get(uuid);
      if (!state || state.meeting.ended) continue;
      const verdict = checkParticipants(
        state,
        listed,
        repair.participantsMemory.get(uuid) ?? emptyParticipantsMemory(),
        at,
      );
      repair.status.checks.participants++;
      if (verdict.ignored) repair.status.checks.ignored++;
      repair.participantsMemory.set(uuid, verdict.memory);
      this.correct(repair, verdict.corrections);
    }
  }

  /** The account's meetings and webinars Roomwatch shows live or stale. */
  private runningMeetings(repair: AccountRepair): MeetingState[] {
    return this.deps.live
      .list(new Set(['live', 'stale']))
      .filter((s) => s.meeting.accountId === repair.account.accountId);
  }

  /**
   * One look at Zoom about the account's meetings or webinars: its answer, null when it failed or
   * Zoom did not find the meeting (nothing changes: unknown is never empty), or 'budget' when the
   * budget allows no call now.
   */
  private async ask<T>(repair: AccountRepair, kind: LiveKind, call: () => Promise<T>): Promise<T | null | 'budget'> {
    const now = this.deps.clock.now();
    try {
      const answer = await call();
      repair.status.dashboard = 'available';
      repair.status.lastCheckAt = iso(now);
      return answer;
    } catch (error) {
      if (!(error instanceof ZoomApiError)) throw error;
      if (error.failure === 'budget') return 'budget';
      if (error.meetingNotFound) {
        // the meeting has ended (or Zoom denies a live one now and then): the live list decides,
        // by two looks, so the next one is brought forward
        repair.nextLookAt[kind] = Math.min(repair.nextLookAt[kind], now);
        return null;
      }
      repair.status.checks.failed++;
      repair.status.lastError = { at: iso(now), message: error.message };
      if (error.status === 400 && error.code === ZOOM_CODES.planWithoutDashboard) {
        repair.status.dashboard = 'unavailable';
        repair.notBefore = now + NO_DASHBOARD_RETRY_MS;
      }
      return null;
    } finally {
      repair.status.calls = callsOf(repair.budget.spentAt(this.deps.clock.now()));
    }
  }

  private correct(repair: AccountRepair, corrections: readonly RepairBody[]): void {
    for (const body of corrections) {
      if (this.deps.ingest.record(body).status === 'accepted') repair.status.corrections[body.event]++;
    }
  }

  /**
   * Feeds Zoom's webhook delivery log of the time Roomwatch was away (at most 7 days) through the
   * normal ingest path: the dedup key makes whatever did arrive a duplicate. A backfill asked for
   * while one runs gets that one's reports.
   */
  backfill(): Promise<BackfillReport[]> {
    this.backfilling ??= this.backfillAccounts().finally(() => {
      this.backfilling = null;
    });
    return this.backfilling;
  }

  private async backfillAccounts(): Promise<BackfillReport[]> {
    const { clock, awaySince, ingest } = this.deps;
    const reports: BackfillReport[] = [];
    for (const repair of this.accounts) {
      const appId = repair.account.appId;
      if (appId === null) continue;
      const to = clock.now();
      const from = Math.max(awaySince ?? 0, to - WEBHOOK_LOG_DAYS * 86_400_000);
      const report = await backfill(repair.client, ingest, appId, from, to, clock.now());
      repair.status.backfill = report;
      if (report.error) repair.status.lastError = { at: report.at, message: report.error };
      this.saved.save(repair.status, clock.now());
      reports.push(report);
    }
    return reports;
  }

  status(): RepairStatusView {
    const now = this.deps.clock.now();
    return {
      enabled: true,
      // the day's count as of now: a new Zoom day may have begun since the last call
      accounts: this.accounts.map((a) => ({ ...structuredClone(a.status), calls: callsOf(a.budget.spentAt(now)) })),
    };
  }
}
