/** Actions scheduled in simulated time, run in time order with the world's clock set to each. */
import { MinHeap } from './heap';
import type { World } from './world';

interface Task {
  at: number;
  order: number;
  run: () => void;
}

export class Agenda {
  private readonly tasks = new MinHeap<Task>((a, b) => a.at < b.at || (a.at === b.at && a.order < b.order));
  private order = 0;

  constructor(private readonly world: World) {}

  at(time: number, run: () => void): void {
    this.tasks.push({ at: Math.max(time, this.world.now), order: this.order++, run });
  }

  after(delay: number, run: () => void): void {
    this.at(this.world.now + delay, run);
  }

  /** runs every task due by `until` (default: all), the tasks they schedule included; leaves the clock at `until` */
  runUntil(until = Infinity): void {
    for (let next = this.tasks.peek(); next !== undefined && next.at <= until; next = this.tasks.peek()) {
      this.tasks.pop();
      this.world.now = next.at;
      next.run();
    }
    if (until !== Infinity) this.world.now = Math.max(this.world.now, until);
  }

  get size(): number {
    return this.tasks.size;
  }
}
