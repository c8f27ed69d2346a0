/** History of a meeting as the API serves it: counts over time. */

/** [ms since epoch, main, breakout, waiting]: the counts from that moment until the next point */
export type CountPoint = [at: number, main: number, breakout: number, waiting: number];

/** GET /api/meetings/:uuid/counts: the meeting's whole life, one point per change */
export interface CountsAnswer {
  points: CountPoint[];
}

/** GET /api/counts?since=: each running meeting's points since then (the first one says the count at `since`) */
export interface OverviewCountsAnswer {
  since: number;
  meetings: Record<string, CountPoint[]>;
}
