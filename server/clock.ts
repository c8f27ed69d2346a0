/** Time as the server sees it; tests inject a fake one so time-based rules run without waiting. */
export interface Clock {
  now(): number;
  /** repeats fn every ms milliseconds until the returned function is called */
  every(ms: number, fn: () => void): () => void;
  /** runs fn once, ms milliseconds from now, unless the returned function is called first */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
