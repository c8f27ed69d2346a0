import type { AppliedEvent } from '../../ingest/ingest';
import type { MeetingState } from '../../state/reducer';
import type { AlertConfig } from '../config';
import { MEETING_SUBJECT, type Finding } from '../kinds';
import { burstIn, type Burst } from './burst';
import { isDeparture } from './presence-events';
import type { DueFinding, EventRule } from './rule';

/**
 * More than X % of the people in the meeting (main and breakout rooms) leaving within M seconds
 * of event time, in a meeting that had at least the minimum size before they left. People leave
 * together when a meeting is over, too, so the alert waits until the meeting has kept running for
 * another M seconds (clock time); a meeting that ends meanwhile forgets it.
 */
export class MassExodusRule implements EventRule {
  private readonly bursts = new Map<string, Burst>();
  private readonly pending = new Map<string, { dueAt: number; finding: Finding }>();

  constructor(private readonly config: AlertConfig['massExodus']) {}

  onEvent(event: AppliedEvent, state: MeetingState | undefined): Finding[] {
    if (event.meetingUuid === null || state === undefined || !isDeparture(event)) return [];
    const burst = burstIn(this.bursts, event.meetingUuid, this.config.windowMs);
    const left = burst.add(event.eventTs);
    const before = state.meeting.counts.main + state.meeting.counts.breakout + left;
    const exceeded = before >= this.config.minParticipants && (left * 100) / before > this.config.percent;
    if (burst.rises(exceeded)) {
      const windowSeconds = this.config.windowMs / 1000;
      this.pending.set(event.meetingUuid, {
        dueAt: event.receivedAt + this.config.windowMs,
        finding: { kind: 'mass_exodus', subject: MEETING_SUBJECT, details: { left, before, windowSeconds } },
      });
    }
    return [];
  }

  onCheck(now: number): DueFinding[] {
    const due: DueFinding[] = [];
    for (const [meetingUuid, { dueAt, finding }] of this.pending) {
      if (dueAt > now) continue;
      this.pending.delete(meetingUuid);
      due.push({ meetingUuid, finding });
    }
    return due;
  }

  forget(meetingUuid: string): void {
    this.bursts.delete(meetingUuid);
    this.pending.delete(meetingUuid);
  }
}
