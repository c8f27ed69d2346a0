import { MEETING_SUBJECT } from '../kinds';
import type { ConditionRule } from './rule';

/** A running meeting more than N minutes past its scheduled end (start plus scheduled duration). */
export function overTimeRule(afterMs: number): ConditionRule {
  return {
    kind: 'over_time',
    evaluate: ({ summary }, now) => {
      const minutes = summary.scheduledDuration;
      const startedAt = summary.startedAt === null ? NaN : Date.parse(summary.startedAt);
      if (minutes === null || minutes <= 0 || Number.isNaN(startedAt)) return [];
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
