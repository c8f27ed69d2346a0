/** Re-reading the event log: the same validation and normalisation as at ingest, so replays agree. */
import { classify } from '../events/validate';
import { applyOps, type MutableMeetingState } from './apply';
import { normalize, type ReducerEvent } from './normalize';
import { reduce, type StateOp } from './reducer';

const encoder = new TextEncoder();

/** The reducer's view of a logged body; null when it has no effect on live state. */
export function reducerEventOf(raw: string): ReducerEvent | null {
  const classified = classify(encoder.encode(raw), 'log');
  return classified.kind === 'known' ? normalize(classified.event, classified.dedupKey) : null;
}

/** Reduces events into in-memory states, reporting each event's operations. */
export function replayInto(
  states: Map<string, MutableMeetingState>,
  events: Iterable<ReducerEvent>,
  onOps?: (event: ReducerEvent, ops: StateOp[], before: MutableMeetingState | undefined) => void,
): Map<string, MutableMeetingState> {
  for (const event of events) {
    const before = states.get(event.meeting.uuid);
    const ops = reduce(before, event);
    onOps?.(event, ops, before);
    applyOps(states, ops);
  }
  return states;
}
