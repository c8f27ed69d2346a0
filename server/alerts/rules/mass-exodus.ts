import type { AppliedEvent } from '../../ingest/ingest';
import type { MeetingState } from '../../state/reducer';
import type { AlertConfig } from '../config';
import { MEETING_SUBJECT, type Finding } from '../kinds';
import { burstIn, type Burst } from './burst';
import { departureOf } from './presence-events';
import type { DueFinding, EventRule } from './rule';

interface Pending {
  dueAt: number;
  /** participant keys of the departures in the window */
  left: string[];
  before: number;
}

/**
 * More than X % of the people in the meeting (main and breakout rooms) leaving within M seconds
 * of event time, in a meeting that had at least the minimum size before they left. People also
 * leave together when a meeting is over, and Zoom reports some room moves as plain leaves, so the
 * alert waits until the meeting has kept running for another M seconds (clock time) and counts
 * only the connections still gone by then; a meeting that ends meanwhile forgets it.
 */
export class MassExodusRule implements EventRule {
  private readonly bursts = new Map<string, Burst>();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly config: AlertConfig['massExodus']) {}

  private exceeds(left: number, before: number): boolean {
    return before >= this.config.minParticipants && (left * 100) / before > this.config.percent;
  }

  onEvent(event: AppliedEvent, state: MeetingState | undefined): Finding[] {
    const record = departureOf(event);
    if (event.meetingUuid === null || state === undefined || record === null) return [];
    const burst = burstIn(this.bursts, event.meetingUuid, this.config.windowMs);
    const left = burst.add(event.eventTs, record.key);
    const before = state.meeting.counts.main + state.meeting.counts.breakout + left;
    if (burst.rises(this.exceeds(left, before)) && !this.pending.has(event.meetingUuid)) {
      this.pending.set(event.meetingUuid, {
        dueAt: event.receivedAt + this.config.windowMs,
        left: burst.keys(),
        before,
      });
    }
    return [];
  }

  onCheck(now: number, running: (meetingUuid: string) => MeetingState | undefined): DueFinding[] {
    const due: DueFinding[] = [];
    for (const [meetingUuid, { dueAt, left, before }] of this.pending) {
      if (dueAt > now) continue;
      this.pending.delete(meetingUuid);
      const state = running(meetingUuid);
      if (!state) continue;
      const gone = new Set(left.filter((key) => !state.participants.get(key)?.present)).size;
      if (!this.exceeds(gone, before)) continue;
      const windowSeconds = this.config.windowMs / 1000;
      const details = { left: gone, before, windowSeconds };
      due.push({ meetingUuid, finding: { kind: 'mass_exodus', subject: MEETING_SUBJECT, details } });
    }
    return due;
  }

  forget(meetingUuid: string): void {
    this.bursts.delete(meetingUuid);
    this.pending.delete(meetingUuid);
  }
}
