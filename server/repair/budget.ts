/**
 * The share of an account's Zoom rate limits repair may spend. Dashboard calls count against the
 * same limits as every other app on the account (Business plans: about 20 a minute for the live
 * meetings list, 40 a second for per-meeting calls, 60,000 a day for both together), so repair
 * takes at most `share` of each, as token buckets, and stops altogether while a 429 says to wait.
 */

/** Zoom's rate-limit classes of the calls repair makes. */
export type CallClass = 'list' | 'heavy';

export const ZOOM_LIMITS = {
  /** resource-intensive: the live meetings list, a minute */
  listPerMinute: 20,
  /** heavy: one meeting's participants, a second */
  heavyPerSecond: 40,
  /** heavy and resource-intensive together, a day */
  perDay: 60_000,
} as const;

/** How many calls the daily bucket may take at once; its refill is lowered so that a day still stays within the share. */
const DAILY_BURST = 600;
/** Back-off after a 429 without Retry-After, doubled on each one in a row. */
const FIRST_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 15 * 60_000;

class Bucket {
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
    private tokens = capacity,
  ) {
    this.at = now;
  }

  has(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) * this.perMs);
    this.at = now;
    return this.tokens >= 1;
  }

  /** how long until it has a token */
  waitMs(now: number): number {
    return this.has(now) ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  take(): void {
    this.tokens -= 1;
  }
}

const DAY_MS = 86_400_000;
/** Zoom's day (`YYYY-MM-DD`): its daily limits start again at 00:00 UTC. */
export const zoomDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const nextZoomDayAt = (day: string): number => Date.parse(day) + DAY_MS;

/** The calls made on one Zoom day: kept in the database, so that a restart that day carries on from there. */
export interface DaySpent {
  day: string;
  calls: number;
}

export interface BudgetMemory {
  /** what was spent before this start (another day's count is not carried over) */
  spent: DaySpent | null;
  /** told of every call taken, with the day's count */
  onSpent: (spent: DaySpent) => void;
}

export interface BudgetSpent {
  /** calls made since start-up, by class */
  list: number;
  heavy: number;
  /** calls made this Zoom day (since 00:00 UTC), both classes */
  today: number;
  /** calls repair may make a day (its share of Zoom's daily limit) */
  dailyLimit: number;
  /** answers: usable ones, 429s, Zoom's "meeting not found" (it has ended), and every other failure (HTTP errors, network, unreadable answers) */
  ok: number;
  rateLimited: number;
  notFound: number;
  failed: number;
  /** while a 429 (or its back-off) holds every call: until when (ms), else null */
  pausedUntil: number | null;
}

export class CallBudget {
  private readonly list: Bucket;
  private readonly heavy: Bucket;
  private readonly daily: Bucket;
  private pausedUntil = 0;
  private backoffMs = FIRST_BACKOFF_MS;
  private day: string;
  private readonly spent: BudgetSpent;

  constructor(
    share: number,
    now: number,
    private readonly memory: BudgetMemory = { spent: null, onSpent: () => {} },
  ) {
    const perDay = Math.floor(ZOOM_LIMITS.perDay * share);
    this.list = new Bucket(
      Math.max(1, Math.floor(ZOOM_LIMITS.listPerMinute * share)),
      (ZOOM_LIMITS.listPerMinute * share) / 60_000,
      now,
    );
    this.heavy = new Bucket(
      Math.max(1, Math.floor(ZOOM_LIMITS.heavyPerSecond * share)),
      (ZOOM_LIMITS.heavyPerSecond * share) / 1000,
      now,
    );
    this.day = zoomDay(now);
    const today = memory.spent?.day === this.day ? memory.spent.calls : 0;
    const burst = Math.min(DAILY_BURST, perDay);
    this.daily = new Bucket(burst, (perDay - burst) / DAY_MS, now, Math.max(0, Math.min(burst, perDay - today)));
    this.spent = {
      list: 0,
      heavy: 0,
      today,
      dailyLimit: perDay,
      ok: 0,
      rateLimited: 0,
      notFound: 0,
      failed: 0,
      pausedUntil: null,
    };
  }

  /** What was spent, as of now (a new Zoom day starts its count at 0). */
  spentAt(now: number): BudgetSpent {
    this.turnDay(now);
    return { ...this.spent };
  }

  private turnDay(now: number): void {
    if (zoomDay(now) === this.day) return;
    this.day = zoomDay(now);
    this.spent.today = 0;
  }

  /** Takes one call of the class if the budget allows it now; false means: not now, try later. */
  tryTake(kind: CallClass, now: number): boolean {
    if (now < this.pausedUntil) return false;
    this.spent.pausedUntil = null;
    this.turnDay(now);
    if (this.dayIsSpent()) return false;
    const bucket = kind === 'list' ? this.list : this.heavy;
    if (!bucket.has(now) || !this.daily.has(now)) return false;
    bucket.take();
    this.daily.take();
    this.spent[kind]++;
    this.spent.today++;
    this.memory.onSpent({ day: this.day, calls: this.spent.today });
    return true;
  }

  /** How long until a call of the class may be made (0: now). */
  waitMs(kind: CallClass, now: number): number {
    this.turnDay(now);
    if (this.dayIsSpent()) return nextZoomDayAt(this.day) - now;
    const bucket = kind === 'list' ? this.list : this.heavy;
    return Math.max(this.pausedUntil - now, bucket.waitMs(now), this.daily.waitMs(now), 0);
  }

  /** the whole day's share is spent (restarts included): nothing more until Zoom's next day */
  private dayIsSpent(): boolean {
    return this.spent.today >= this.spent.dailyLimit;
  }

  /** A 429: nothing more until Retry-After has passed, or a back-off growing with each 429 in a row. */
  rateLimited(now: number, retryAfterMs: number | null): void {
    this.spent.rateLimited++;
    const wait = retryAfterMs ?? this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.pausedUntil = Math.max(this.pausedUntil, now + wait);
    this.spent.pausedUntil = this.pausedUntil;
  }

  /** An answer that was not a 429: the back-off starts small again. */
  succeeded(): void {
    this.backoffMs = FIRST_BACKOFF_MS;
  }

  /** Counts a call's outcome other than a 429 (rateLimited counts those). */
  answered(outcome: 'ok' | 'notFound' | 'failed'): void {
    this.spent[outcome]++;
  }
}
