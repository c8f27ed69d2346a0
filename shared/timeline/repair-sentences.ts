/**
 * The timeline's words for Roomwatch's own repairs (shared/repair/events.ts): what Zoom's API
 * showed and when, so that a host admin can tell a correction from something Zoom reported.
 * Times are in UTC: the sentence is the same for every reader.
 */
import type { OwnEventName, OwnEventOf } from '../repair/events';
import type { TimelineCategory } from './categories';
import type { SentenceContext } from './context';
import { roomPhrase, topicOf, who } from './phrases';
import { words } from './wording';

type Maybe<T> = T | null | undefined;

export interface OwnTimelineRule<N extends OwnEventName> {
  category: TimelineCategory;
  sentence: (event: OwnEventOf<N>, ctx: SentenceContext) => string;
}

/** "10:42 UTC" */
function clockTime(iso: Maybe<string>, fallbackMs: number): string {
  const ms = iso ? Date.parse(iso) : NaN;
  return `${new Date(Number.isNaN(ms) ? fallbackMs : ms).toISOString().slice(11, 16)} UTC`;
}

const LIVE_LIST = "by Zoom's live list at";
const MEETINGS_LIST = "by Zoom's list of live meetings at";

export const ownTimelineRules: { [N in OwnEventName]: OwnTimelineRule<N> } = {
  'roomwatch.repair.participant_left': {
    category: 'participants',
    sentence: (e) =>
      `${who(e.payload.object.participant.user_name)} was no longer in the meeting, ${LIVE_LIST} ${clockTime(e.payload.evidence.first_missed_at, e.event_ts)}`,
  },
  'roomwatch.repair.participant_joined': {
    category: 'participants',
    sentence: (e, ctx) => {
      const p = e.payload.object.participant;
      const place =
        p.location === 'breakout'
          ? roomPhrase(p.breakout_room_uuid, ctx)
          : p.location === 'waiting'
            ? 'the waiting room'
            : 'the main room';
      return `${who(p.user_name)} was in ${place}, ${LIVE_LIST} ${clockTime(e.payload.evidence.seen_at, e.event_ts)}`;
    },
  },
  'roomwatch.repair.meeting_ended': {
    category: 'meeting',
    sentence: (e, ctx) =>
      words('Meeting', topicOf(e.payload.object.topic, ctx), `had ended, ${MEETINGS_LIST}`) +
      ` ${clockTime(e.payload.evidence.first_missed_at, e.event_ts)}`,
  },
  'roomwatch.repair.meeting_started': {
    category: 'meeting',
    sentence: (e, ctx) =>
      words('Meeting', topicOf(e.payload.object.topic, ctx), `was running, ${MEETINGS_LIST}`) +
      ` ${clockTime(e.payload.evidence.seen_at, e.event_ts)}`,
  },
};
