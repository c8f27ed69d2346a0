/**
 * In-memory fixed-window counters of failed sign-ins. An attempt reserves a slot before the password
 * is checked (so concurrent guesses cannot all slip under the limit) and a success gives it back.
 */
export interface LimitRule {
  max: number;
  windowMs: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Keys beyond this are forgotten oldest window first, so a flood of made-up names cannot exhaust memory. */
const MAX_KEYS = 10_000;

export class WindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: LimitRule,
    private readonly now: () => number,
  ) {}

  /** Reserves an attempt; when the window is full, how long until it opens again. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      window = { count: 0, resetAt: now + this.rule.windowMs };
      this.windows.set(key, window);
      this.bound();
    }
    if (window.count >= this.rule.max) return { ok: false, retryAfterMs: window.resetAt - now };
    window.count++;
    return { ok: true };
  }

  /** Gives back a reserved attempt (it succeeded, or another limit refused it). */
  refund(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count--;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  /** Windows are (re)inserted when they open, so the first keys of the map are the oldest. */
  private bound(): void {
    for (const key of this.windows.keys()) {
      if (this.windows.size <= MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}

/** Failed sign-ins allowed per client address and per username before 429. */
export const LOGIN_LIMITS = {
  perIp: { max: 30, windowMs: 15 * 60_000 },
  perUsername: { max: 10, windowMs: 15 * 60_000 },
} as const;

export class LoginLimiter {
  private readonly byIp: WindowCounter;
  private readonly byUsername: WindowCounter;

  constructor(now: () => number) {
    this.byIp = new WindowCounter(LOGIN_LIMITS.perIp, now);
    this.byUsername = new WindowCounter(LOGIN_LIMITS.perUsername, now);
  }

  /** Reserves one attempt on both counters, or says how long to wait (ms). */
  attempt(ip: string, username: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const ipSlot = this.byIp.take(ip);
    if (!ipSlot.ok) return ipSlot;
    const userSlot = this.byUsername.take(username);
    if (!userSlot.ok) {
      this.byIp.refund(ip);
      return userSlot;
    }
    return { ok: true };
  }

  succeeded(ip: string, username: string): void {
    this.byIp.refund(ip);
    this.byUsername.reset(username);
  }
}
