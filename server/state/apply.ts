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

/** Applies the reducer's operations to in-memory state (ops always start with their meeting's record). */
export function applyOps(states: Map<string, MutableMeetingState>, ops: readonly StateOp[]): void {
  for (const op of ops) {
    if (op.type === 'meeting') {
      const state = states.get(op.record.uuid);
      if (state) state.meeting = op.record;
      else states.set(op.record.uuid, emptyMeetingState(op.record));
      continue;
    }
    const state = states.get(op.meetingUuid);
    if (!state) throw new Error(`operation for unknown meeting ${op.meetingUuid}`);
    if (op.type === 'participant') indexParticipant(state, op.record);
    else state.shares.set(op.record.id, op.record);
  }
}
