import { MEETING_SUBJECT } from '../kinds';
import type { ConditionRule } from './rule';

/**
 * Zoom's types with a fixed schedule: scheduled (2) and recurring with a fixed time (8) meetings,
 * webinars (5) and recurring webinars with a fixed time (9). Instant meetings, personal meeting
 * rooms and recurring meetings without a fixed time carry a duration that means nothing.
 */
const SCHEDULED_TYPES = new Set([2, 8, 5, 9]);

/** A running meeting more than N minutes past its scheduled end (start plus scheduled duration). */
export function overTimeRule(afterMs: number): ConditionRule {
  return {
    kind: 'over_time',
    evaluate: ({ state, summary }, now) => {
      const type = state.meeting.info.type?.value;
      const minutes = summary.scheduledDuration;
      const startedAt = summary.startedAt === null ? NaN : Date.parse(summary.startedAt);
      if (type === undefined || !SCHEDULED_TYPES.has(type) || !minutes || Number.isNaN(startedAt)) return [];
      const scheduledEnd = startedAt + minutes * 60_000;
      if (now - scheduledEnd <= afterMs) return [];
      const details = {
        startedAt: new Date(startedAt).toISOString(),
        scheduledMinutes: minutes,
        scheduledEnd: new Date(scheduledEnd).toISOString(),
      };
      return [{ kind: 'over_time', subject: MEETING_SUBJECT, details }];
    },
  };
}
