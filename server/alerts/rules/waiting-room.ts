import { MEETING_SUBJECT } from '../kinds';
import type { AlertConfig } from '../config';
import type { ConditionRule } from './rule';

/** Someone waiting in the waiting room longer than N minutes, or more than N people waiting. */
export function waitingRoomRule(config: AlertConfig['waitingRoom']): ConditionRule {
  return {
    kind: 'waiting_room_backlog',
    evaluate: ({ state }, now) => {
      const waiting = [...state.waiting.values()];
      if (waiting.length === 0) return [];
      const since = (record: (typeof waiting)[number]) => record.joinedAt ?? record.firstSeenAt;
      const longest = waiting.reduce((a, b) => (since(b) < since(a) ? b : a));
      const waitedTooLong = now - since(longest) > config.waitMs;
      if (!waitedTooLong && waiting.length <= config.queue) return [];
      const details = {
        waiting: waiting.length,
        longestWaitingName: longest.name?.value ?? 'Unknown participant',
        longestWaitingSince: new Date(since(longest)).toISOString(),
      };
      return [{ kind: 'waiting_room_backlog', subject: MEETING_SUBJECT, details }];
    },
  };
}
