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
   * has. In order (the usual case) that is the window ending at t: every occurrence held, so an
   * occurrence costs the same however many the window holds; a late one looks at every window.
   */
  add(t: number, key = ''): number {
    const newest = this.entries.length > this.head ? this.entries[this.entries.length - 1]!.t : -Infinity;
    if (t >= newest) {
      this.entries.push({ t, key });
      this.dropBefore(t - this.windowMs);
      return this.entries.length - this.head;
    }
    const entries = this.entries.slice(this.head);
    let i = entries.length;
    while (i > 0 && entries[i - 1]!.t > t) i--;
    entries.splice(i, 0, { t, key });
    let busiest = 0;
    let end = 0;
    for (let start = 0; start < entries.length; start++) {
      const from = entries[start]!.t;
      if (from > t) break;
      if (from < t - this.windowMs) continue;
      end = Math.max(end, start);
      while (end + 1 < entries.length && entries[end + 1]!.t <= from + this.windowMs) end++;
      busiest = Math.max(busiest, end - start + 1);
    }
    this.entries = entries;
    this.head = 0;
    this.dropBefore(newest - this.windowMs);
    return busiest;
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
