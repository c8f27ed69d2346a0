import type { Clock } from '../../server/clock';

/** A clock that only moves when told to; `advance` runs every timer that falls due, in order. */
export class FakeClock implements Clock {
  private timers: { id: number; due: number; ms: number; fn: () => void }[] = [];
  private nextId = 1;

  constructor(private current = Date.UTC(2026, 10, 24, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  every(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ id, due: this.current + ms, ms, fn });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.current = next.due;
      next.due += next.ms;
      next.fn();
    }
    this.current = target;
  }
}
