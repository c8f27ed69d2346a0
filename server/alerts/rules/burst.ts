/**
 * Occurrences in event time, for "more than N within M" questions. Events arrive out of order, so
 * an occurrence counts in the busiest window of length `windowMs` that holds it, not only in the
 * window that ends at it. Occurrences older than the window before the newest one are dropped.
 */
export class Burst {
  /** by time: when, and who or what it was */
  private entries: { t: number; key: string }[] = [];
  private over = false;

  constructor(private readonly windowMs: number) {}

  /** Records an occurrence at t (ms) and returns how many occurrences the busiest window holding it has. */
  add(t: number, key = ''): number {
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1]!.t > t) i--;
    this.entries.splice(i, 0, { t, key });
    let busiest = 0;
    let end = 0;
    for (let start = 0; start < this.entries.length; start++) {
      const from = this.entries[start]!.t;
      if (from > t) break;
      if (from < t - this.windowMs) continue;
      end = Math.max(end, start);
      while (end + 1 < this.entries.length && this.entries[end + 1]!.t <= from + this.windowMs) end++;
      busiest = Math.max(busiest, end - start + 1);
    }
    const newest = this.entries[this.entries.length - 1]!.t;
    this.entries = this.entries.filter((entry) => entry.t >= newest - this.windowMs);
    return busiest;
  }

  /** The keys of the occurrences still held (within the window before the newest). */
  keys(): string[] {
    return this.entries.map((entry) => entry.key);
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
