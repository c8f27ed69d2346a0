/**
 * Occurrences in event time, for "more than N within M" questions. Events arrive out of order, so
 * an occurrence counts in the busiest window of length `windowMs` that holds it, not only in the
 * window that ends at it. Occurrences older than the window before the newest one are dropped.
 */
export class Burst {
  /** by time: when, and who or what it was; those before `head` are dropped */
  private entries: { t: number; key: string }[] = [];
  private head = 0;
  private over = false;

  constructor(private readonly windowMs: number) {}

  /**
   * Records an occurrence at t (ms) and returns how many occurrences the busiest window holding it
   * has. Every occurrence held lies within one window before the newest, so the busiest window is
   * the one starting at the first occurrence at or after t - windowMs (or at t): it holds every
   * occurrence up to t + windowMs. In order (the usual case) that is every one held; a late one
   * costs two binary searches and an insertion, however many the window holds.
   */
  add(t: number, key = ''): number {
    const newest = this.entries.length > this.head ? this.entries[this.entries.length - 1]!.t : -Infinity;
    if (t >= newest) {
      this.entries.push({ t, key });
      this.dropBefore(t - this.windowMs);
      return this.entries.length - this.head;
    }
    this.entries.splice(this.indexOf(t, true), 0, { t, key });
    const busiest = this.indexOf(t + this.windowMs, true) - this.indexOf(t - this.windowMs, false);
    this.dropBefore(newest - this.windowMs);
    return busiest;
  }

  /** The index of the first occurrence held after t (`after`), or at or after t. */
  private indexOf(t: number, after: boolean): number {
    let low = this.head;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const at = this.entries[middle]!.t;
      if (at < t || (after && at === t)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Drops the occurrences before `cutoff`, compacting once the dropped outnumber those held. */
  private dropBefore(cutoff: number): void {
    while (this.head < this.entries.length && this.entries[this.head]!.t < cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** The keys of the occurrences still held (within the window before the newest). */
  keys(): string[] {
    return this.entries.slice(this.head).map((entry) => entry.key);
  }

  /** True when `exceeded` turns true: one alert per burst, however long it lasts. */
  rises(exceeded: boolean): boolean {
    const rose = exceeded && !this.over;
    this.over = exceeded;
    return rose;
  }
}

/** The burst kept under `key`, created on first use. */
export function burstIn(bursts: Map<string, Burst>, key: string, windowMs: number): Burst {
  let burst = bursts.get(key);
  if (!burst) bursts.set(key, (burst = new Burst(windowMs)));
  return burst;
}
