import type { ParticipantRecord } from '../../state/records';
import { MEETING_SUBJECT } from '../kinds';
import type { ConditionRule } from './rule';

const inMeeting = (record: ParticipantRecord) =>
  record.present && (record.location === 'main' || record.location === 'breakout');

/** When the host's connection last left (ms), from its presence facts. */
function leftAt(record: ParticipantRecord): number | null {
  const leaves = record.facts.filter((fact) => fact.kind === 'leave').map((fact) => fact.at);
  return leaves.length > 0 ? Math.max(...leaves) : null;
}

/**
 * The host left and nobody has been host since, for longer than N minutes of a running meeting.
 * A meeting whose host Roomwatch never saw (it started listening mid-meeting) raises nothing.
 */
export function hostAbsentRule(afterMs: number): ConditionRule {
  return {
    kind: 'host_absent',
    evaluate: ({ state }, now) => {
      let gone: { record: ParticipantRecord; at: number } | null = null;
      for (const record of state.hosts.values()) {
        if (inMeeting(record)) return [];
        const at = leftAt(record);
        if (at !== null && (gone === null || at > gone.at)) gone = { record, at };
      }
      if (gone === null || now - gone.at <= afterMs) return [];
      const details = {
        hostName: gone.record.name?.value ?? 'Unknown participant',
        leftAt: new Date(gone.at).toISOString(),
      };
      return [{ kind: 'host_absent', subject: MEETING_SUBJECT, details }];
    },
  };
}
