import type { MeetingSummary } from '../../../shared/state';
import type { AppliedEvent } from '../../ingest/ingest';
import type { MeetingState } from '../../state/reducer';
import type { Finding } from '../kinds';

/** Reacts to one event at a time: Zoom's own alerts, and bursts counted in event time. */
export interface EventRule {
  /** findings raised (or repeated) by this event; `state` is the meeting after the event, if Roomwatch tracks it */
  onEvent(event: AppliedEvent, state: MeetingState | undefined): Finding[];
  /** findings that came due on the clock; `running` gives the state of meetings still running */
  onCheck?(now: number, running: (meetingUuid: string) => MeetingState | undefined): DueFinding[];
  /** drops what the rule remembers of a meeting that is over */
  forget?(meetingUuid: string): void;
}

export interface DueFinding {
  meetingUuid: string;
  finding: Finding;
}

export interface RunningMeeting {
  state: MeetingState;
  summary: MeetingSummary;
}

/**
 * Says what is true of a running meeting at `now` (the clock), after every event and on every
 * check: an alert of its kind opens with a finding and resolves when the finding is gone.
 */
export interface ConditionRule {
  kind: Finding['kind'];
  evaluate(meeting: RunningMeeting, now: number): Finding[];
}
