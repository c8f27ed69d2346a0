/**
 * Which deliveries of a run a dashboard has been shown, and how long after they were due.
 *
 * Every delivery of a run has a unique event_ts, increasing in send order (deliveries.ts restamp),
 * and a meeting's summary carries `lastEventAt`, the newest event_ts applied to it. So a message
 * showing meeting M with lastEventAt T shows every delivery about M stamped T or earlier: each one
 * not seen before is delivered now, and its latency is now minus when it was due to be sent (not
 * when it was sent, so that a load generator falling behind cannot hide the queueing).
 */

export interface PlannedDelivery {
  meetingUuid: string;
  ts: number;
  /** when it was due to be sent (wall clock, ms) */
  dueAt: number;
}

interface MeetingPlan {
  ts: number[];
  dueAt: number[];
  /** each delivery's place in the whole plan */
  index: number[];
}

/** The deliveries a dashboard should be shown, per meeting in send order. */
export class DeliveryPlan {
  readonly meetings = new Map<string, MeetingPlan>();
  readonly size: number;
  /** each delivery's due time, in plan order */
  readonly dueAt: Float64Array;

  constructor(deliveries: readonly PlannedDelivery[]) {
    deliveries.forEach(({ meetingUuid, ts, dueAt }, index) => {
      let plan = this.meetings.get(meetingUuid);
      if (!plan) this.meetings.set(meetingUuid, (plan = { ts: [], dueAt: [], index: [] }));
      if (plan.ts.length > 0 && ts <= plan.ts.at(-1)!) throw new Error(`event_ts ${ts} is not increasing`);
      plan.ts.push(ts);
      plan.dueAt.push(dueAt);
      plan.index.push(index);
    });
    this.size = deliveries.length;
    this.dueAt = Float64Array.from(deliveries, (d) => d.dueAt);
  }
}

export class DeliveryTracker {
  /** by the deliveries' order in the plan; NaN: not shown yet */
  readonly byDelivery: Float64Array;
  private shownCount = 0;
  /** per meeting, the index of its first delivery not shown yet */
  private readonly next = new Map<string, number>();

  constructor(private readonly plan: DeliveryPlan) {
    this.byDelivery = new Float64Array(plan.size).fill(NaN);
  }

  /** a message at `at` showed the meeting with this lastEventAt (ms) */
  shown(meetingUuid: string, lastEventTs: number, at: number): void {
    this.resolve(meetingUuid, lastEventTs, at);
  }

  /** a message at `at` removed the meeting: it ended, which it could only do after its deliveries so far */
  removed(meetingUuid: string, at: number): void {
    this.resolve(meetingUuid, Infinity, at);
  }

  /** the latencies of the deliveries shown, in plan order */
  get latencies(): number[] {
    return Array.from(this.byDelivery).filter((latency) => !Number.isNaN(latency));
  }

  get pending(): number {
    return this.plan.size - this.shownCount;
  }

  private resolve(meetingUuid: string, upTo: number, at: number): void {
    const meeting = this.plan.meetings.get(meetingUuid);
    if (!meeting) return;
    let i = this.next.get(meetingUuid) ?? 0;
    for (; i < meeting.ts.length && meeting.ts[i]! <= upTo; i++) {
      this.byDelivery[meeting.index[i]!] = at - meeting.dueAt[i]!;
      this.shownCount++;
    }
    this.next.set(meetingUuid, i);
  }
}

/**
 * The latencies, at every dashboard, of the deliveries due in the first and in the last `ms` of the
 * run: a server that keeps up shows the same; one falling behind, a last window slower than the first.
 */
export function firstAndLastWindows(
  trackers: readonly DeliveryTracker[],
  plan: DeliveryPlan,
  ms: number,
): { first: number[]; last: number[] } {
  const first: number[] = [];
  const last: number[] = [];
  if (plan.size === 0) return { first, last };
  const start = plan.dueAt[0]!;
  const end = plan.dueAt[plan.size - 1]!;
  for (let i = 0; i < plan.size; i++) {
    const due = plan.dueAt[i]!;
    const into = due < start + ms ? first : due > end - ms ? last : null;
    if (!into) continue;
    for (const tracker of trackers) {
      const latency = tracker.byDelivery[i]!;
      if (!Number.isNaN(latency)) into.push(latency);
    }
  }
  return { first, last };
}

/**
 * Where a fan-out latency goes, per delivery shown to any of the dashboards: `first`, its latency
 * at the first dashboard shown it (the server's part, plus the quickest client's), and `spread`,
 * from the first to the last (the clients' part: one process reads every dashboard's socket).
 */
export function firstAndSpread(trackers: readonly DeliveryTracker[]): { first: number[]; spread: number[] } {
  const first: number[] = [];
  const spread: number[] = [];
  const size = trackers[0]?.byDelivery.length ?? 0;
  for (let i = 0; i < size; i++) {
    let min = Infinity;
    let max = -Infinity;
    for (const tracker of trackers) {
      const latency = tracker.byDelivery[i]!;
      if (latency < min) min = latency;
      if (latency > max) max = latency;
    }
    if (min === Infinity) continue;
    first.push(min);
    spread.push(max - min);
  }
  return { first, spread };
}
