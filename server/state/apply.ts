import type { MeetingRecord, ParticipantRecord, ShareRecord } from './records';
import type { MeetingState, StateOp } from './reducer';

export interface MutableMeetingState extends MeetingState {
  meeting: MeetingRecord;
  participants: Map<string, ParticipantRecord>;
  shares: Map<string, ShareRecord>;
  userIndex: Map<string, string>;
}

export function emptyMeetingState(meeting: MeetingRecord): MutableMeetingState {
  return { meeting, participants: new Map(), shares: new Map(), userIndex: new Map() };
}

export function indexParticipant(state: MutableMeetingState, record: ParticipantRecord): void {
  state.participants.set(record.key, record);
  for (const userId of record.userIds) state.userIndex.set(userId, record.key);
}

/** Sets or deletes a map entry back to what it was. */
function restore<K, V>(map: Map<K, V>, key: K, previous: V | undefined): void {
  if (previous === undefined) map.delete(key);
  else map.set(key, previous);
}

/**
 * Applies the reducer's operations to in-memory state (ops always start with their meeting's
 * record) and returns what puts it back as it was, for a transaction that does not commit.
 */
export function applyOps(states: Map<string, MutableMeetingState>, ops: readonly StateOp[]): () => void {
  const undo: (() => void)[] = [];
  for (const op of ops) {
    if (op.type === 'meeting') {
      const state = states.get(op.record.uuid);
      if (state) {
        const previous = state.meeting;
        state.meeting = op.record;
        undo.push(() => (state.meeting = previous));
      } else {
        states.set(op.record.uuid, emptyMeetingState(op.record));
        undo.push(() => states.delete(op.record.uuid));
      }
      continue;
    }
    const state = states.get(op.meetingUuid);
    if (!state) throw new Error(`operation for unknown meeting ${op.meetingUuid}`);
    if (op.type === 'participant') {
      const { key, userIds } = op.record;
      const previous = state.participants.get(key);
      const indexed = userIds.map((userId) => [userId, state.userIndex.get(userId)] as const);
      indexParticipant(state, op.record);
      undo.push(() => {
        restore(state.participants, key, previous);
        for (const [userId, owner] of indexed) restore(state.userIndex, userId, owner);
      });
    } else {
      const previous = state.shares.get(op.record.id);
      state.shares.set(op.record.id, op.record);
      undo.push(() => restore(state.shares, op.record.id, previous));
    }
  }
  return () => {
    for (const step of undo.reverse()) step();
  };
}
