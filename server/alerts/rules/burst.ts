/**
 * Occurrences in event time, for "more than N within M" questions. Events arrive out of order, so
 * an occurrence counts in the busiest window of length `windowMs` that holds it, not only in the
 * window that ends at it. Occurrences older than the window before the newest one are dropped.
 */
export class Burst {
  private times: number[] = [];
  private over = false;

  constructor(private readonly windowMs: number) {}

  /** Records an occurrence at t (ms) and returns how many occurrences the busiest window holding it has. */
  add(t: number): number {
    let i = this.times.length;
    while (i > 0 && this.times[i - 1]! > t) i--;
    this.times.splice(i, 0, t);
    let busiest = 0;
    let end = 0;
    for (let start = 0; start < this.times.length; start++) {
      const from = this.times[start]!;
      if (from > t) break;
      if (from < t - this.windowMs) continue;
      end = Math.max(end, start);
      while (end + 1 < this.times.length && this.times[end + 1]! <= from + this.windowMs) end++;
      busiest = Math.max(busiest, end - start + 1);
    }
    const newest = this.times[this.times.length - 1]!;
    this.times = this.times.filter((time) => time >= newest - this.windowMs);
    return busiest;
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
