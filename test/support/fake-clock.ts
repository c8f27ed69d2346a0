import type { Clock } from '../../server/clock';

interface Timer {
  id: number;
  due: number;
  /** null for a one-shot timer */
  every: number | null;
  fn: () => void;
}

/** A clock that only moves when told to; `advance` runs every timer that falls due, in order. */
export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private current = Date.UTC(2026, 10, 24, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  every(ms: number, fn: () => void): () => void {
    return this.add(ms, ms, fn);
  }

  after(ms: number, fn: () => void): () => void {
    return this.add(ms, null, fn);
  }

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers) {
        if (timer.due <= target && (!next || timer.due < next.due || (timer.due === next.due && timer.id < next.id)))
          next = timer;
      }
      if (!next) break;
      this.current = next.due;
      if (next.every === null) this.remove(next.id);
      else next.due += next.every;
      next.fn();
    }
    this.current = target;
  }

  private add(ms: number, every: number | null, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ id, due: this.current + ms, every, fn });
    return () => this.remove(id);
  }

  private remove(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }
}
