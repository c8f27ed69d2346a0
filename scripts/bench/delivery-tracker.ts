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
}

/** The deliveries a dashboard should be shown, per meeting in send order. */
export class DeliveryPlan {
  readonly meetings = new Map<string, MeetingPlan>();
  readonly size: number;

  constructor(deliveries: readonly PlannedDelivery[]) {
    for (const { meetingUuid, ts, dueAt } of deliveries) {
      let plan = this.meetings.get(meetingUuid);
      if (!plan) this.meetings.set(meetingUuid, (plan = { ts: [], dueAt: [] }));
      if (plan.ts.length > 0 && ts <= plan.ts.at(-1)!) throw new Error(`event_ts ${ts} is not increasing`);
      plan.ts.push(ts);
      plan.dueAt.push(dueAt);
    }
    this.size = deliveries.length;
  }
}

export class DeliveryTracker {
  readonly latencies: number[] = [];
  /** per meeting, the index of its first delivery not shown yet */
  private readonly next = new Map<string, number>();

  constructor(private readonly plan: DeliveryPlan) {}

  /** a message at `at` showed the meeting with this lastEventAt (ms) */
  shown(meetingUuid: string, lastEventTs: number, at: number): void {
    this.resolve(meetingUuid, lastEventTs, at);
  }

  /** a message at `at` removed the meeting: it ended, which it could only do after its deliveries so far */
  removed(meetingUuid: string, at: number): void {
    this.resolve(meetingUuid, Infinity, at);
  }

  get pending(): number {
    return this.plan.size - this.latencies.length;
  }

  private resolve(meetingUuid: string, upTo: number, at: number): void {
    const meeting = this.plan.meetings.get(meetingUuid);
    if (!meeting) return;
    let i = this.next.get(meetingUuid) ?? 0;
    while (i < meeting.ts.length && meeting.ts[i]! <= upTo) this.latencies.push(at - meeting.dueAt[i++]!);
    this.next.set(meetingUuid, i);
  }
}
