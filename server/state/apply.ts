import type { MeetingRecord, ParticipantRecord, ShareRecord } from './records';
import type { MeetingState, StateOp } from './reducer';

export interface MutableMeetingState extends MeetingState {
  meeting: MeetingRecord;
  participants: Map<string, ParticipantRecord>;
  shares: Map<string, ShareRecord>;
  userIndex: Map<string, string>;
  waiting: Map<string, ParticipantRecord>;
  hosts: Map<string, ParticipantRecord>;
}

export function emptyMeetingState(meeting: MeetingRecord): MutableMeetingState {
  return {
    meeting,
    participants: new Map(),
    shares: new Map(),
    userIndex: new Map(),
    waiting: new Map(),
    hosts: new Map(),
  };
}

/** Sets or deletes a map entry back to what it was. */
function restore<K, V>(map: Map<K, V>, key: K, previous: V | undefined): void {
  if (previous === undefined) map.delete(key);
  else map.set(key, previous);
}

/** Puts a participant's record (or none) in the maps that index it by place and role. */
function place(state: MutableMeetingState, key: string, record: ParticipantRecord | undefined): void {
  const waiting = record?.present && record.location === 'waiting' ? record : undefined;
  restore(state.waiting, key, waiting);
  restore(state.hosts, key, record?.effectiveRole === 'host' ? record : undefined);
  restore(state.participants, key, record);
}

export function indexParticipant(state: MutableMeetingState, record: ParticipantRecord): void {
  place(state, record.key, record);
  for (const userId of record.userIds) state.userIndex.set(userId, record.key);
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
        place(state, key, previous);
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
