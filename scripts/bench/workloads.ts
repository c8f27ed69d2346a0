/** The simulated traffic the benchmarks send (server/demo/simulator: one source of realistic streams). */
import { Traffic, type ZoomBody } from '../../server/demo/simulator';

/** meetings and webinars running at once in the busy traffic */
const MEETINGS = 200;
const WEBINARS = 10;

/**
 * `count` deliveries of a busy Zoom account (200 meetings and 10 webinars at a time, people
 * joining, leaving, moving, sharing, recording...), in delivery order. Redeliveries are left out
 * unless a rate is given.
 */
export function busyTraffic(seed: number, count: number, redeliveryRate = 0): ZoomBody[] {
  const traffic = new Traffic({
    seed,
    start: Date.now() - 30 * 60_000,
    meetings: MEETINGS,
    webinars: WEBINARS,
    redeliveryRate,
  });
  return traffic.take(count).map((event) => event.body);
}
