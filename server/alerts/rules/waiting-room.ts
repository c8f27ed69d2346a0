import type { ParticipantView } from '../../../shared/state';
import { participantView } from '../../state/views';
import type { AlertConfig } from '../config';
import { MEETING_SUBJECT } from '../kinds';
import type { ConditionRule } from './rule';

/** Someone waiting in the waiting room longer than N minutes, or more than N people waiting. */
export function waitingRoomRule(config: AlertConfig['waitingRoom']): ConditionRule {
  return {
    kind: 'waiting_room_backlog',
    evaluate: ({ state }, now) => {
      const waiting: ParticipantView[] = [];
      for (const record of state.participants.values()) {
        const view = participantView(record);
        if (view?.location === 'waiting') waiting.push(view);
      }
      if (waiting.length === 0) return [];
      const longest = waiting.reduce((a, b) => (b.joinedAt < a.joinedAt ? b : a));
      const waitedTooLong = now - Date.parse(longest.joinedAt) > config.waitMs;
      if (!waitedTooLong && waiting.length <= config.queue) return [];
      const details = {
        waiting: waiting.length,
        longestWaitingName: longest.name,
        longestWaitingSince: longest.joinedAt,
      };
      return [{ kind: 'waiting_room_backlog', subject: MEETING_SUBJECT, details }];
    },
  };
}
