import type { AppliedEvent } from '../../ingest/ingest';
import type { AlertConfig } from '../config';
import { MEETING_SUBJECT, type Finding } from '../kinds';
import { burstIn, type Burst } from './burst';
import { arrivalOf } from './presence-events';
import type { EventRule } from './rule';

/** More than N people arriving within M seconds of event time: a raid, or a link shared too widely. */
export class JoinStormRule implements EventRule {
  private readonly bursts = new Map<string, Burst>();

  constructor(private readonly config: AlertConfig['joinStorm']) {}

  onEvent(event: AppliedEvent): Finding[] {
    if (event.meetingUuid === null || arrivalOf(event) === null) return [];
    const burst = burstIn(this.bursts, event.meetingUuid, this.config.windowMs);
    const joins = burst.add(event.eventTs);
    if (!burst.rises(joins > this.config.joins)) return [];
    const windowSeconds = this.config.windowMs / 1000;
    return [{ kind: 'join_storm', subject: MEETING_SUBJECT, details: { joins, windowSeconds } }];
  }

  forget(meetingUuid: string): void {
    this.bursts.delete(meetingUuid);
  }
}
