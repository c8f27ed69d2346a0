import { createSubscriber } from 'svelte/reactivity';

/**
 * A shared "now" that ticks while something on screen reads it: one timer for every ticking duration,
 * and none at all when nothing shown depends on the time. Only what reads `now` updates on a tick.
 */
export class Ticker {
  #now = Date.now();
  #running = false;
  readonly #subscribe: () => void;

  constructor(everyMs: number) {
    this.#subscribe = createSubscriber((update) => {
      this.#now = Date.now();
      this.#running = true;
      const timer = setInterval(() => {
        this.#now = Date.now();
        update();
      }, everyMs);
      return () => {
        clearInterval(timer);
        this.#running = false;
      };
    });
  }

  get now(): number {
    this.#subscribe();
    // read outside of anything reactive (an event handler): the time now
    return this.#running ? this.#now : Date.now();
  }
}

/** durations and elapsed times */
export const seconds = new Ticker(1_000);
/** sparklines: their steps are 15 s apart at best */
export const sparklineClock = new Ticker(15_000);
/** what only needs the day right ("14:03" today, "24 Nov, 14:03" before) */
export const minutes = new Ticker(60_000);
