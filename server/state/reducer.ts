/**
 * The pure reducer: (state of one meeting, event) -> state operations. No SQL, no sockets, no clock.
 * Operations are full-record puts so that applying them is idempotent, and every derived field is
 * recomputed from the records' event sets, so delivery order and duplicates do not matter.
 */
import { createHash } from 'node:crypto';
import type { ReducerEvent, PersonRef, Effect } from './normalize';
import type { MeetingRecord, ParticipantRecord, PresenceFact, ShareRecord, Stamped } from './records';
import { addFact, derivePresence } from './presence';

export interface MeetingState {
  meeting: MeetingRecord;
  participants: ReadonlyMap<string, ParticipantRecord>;
  shares: ReadonlyMap<string, ShareRecord>;
  /** meeting user_id -> participant key */
  userIndex: ReadonlyMap<string, string>;
  /** who is in the waiting room now, and everyone whose role is host: small sets that per-event checks ask about */
  waiting: ReadonlyMap<string, ParticipantRecord>;
  hosts: ReadonlyMap<string, ParticipantRecord>;
}

export type StateOp =
  | { type: 'meeting'; record: MeetingRecord }
  | { type: 'participant'; meetingUuid: string; record: ParticipantRecord }
  | { type: 'share'; meetingUuid: string; record: ShareRecord };

/** newer (ts, id) wins; a tie on both keeps the first, which is then the same value */
export function stamp<T>(prev: Stamped<T> | null | undefined, value: T, ts: number, id: string): Stamped<T> {
  if (prev && (prev.ts > ts || (prev.ts === ts && prev.id >= id))) return prev;
  return { value, ts, id };
}

function newMeeting(event: ReducerEvent): MeetingRecord {
  return {
    uuid: event.meeting.uuid,
    accountId: event.meeting.accountId,
    info: {},
    sawWebinarEvent: false,
    converted: null,
    firstEventTs: event.ts,
    lastEventTs: event.ts,
    started: null,
    ended: null,
    recording: null,
    liveStreaming: null,
    counts: { main: 0, breakout: 0, waiting: 0 },
    rooms: {},
    unnamedRoomCount: 0,
  };
}

function newParticipant(key: string, ts: number): ParticipantRecord {
  return {
    key,
    name: null,
    email: null,
    phone: null,
    zoomUserId: null,
    userIds: [],
    facts: [],
    role: null,
    firstSeenAt: ts,
    firstJoinedAt: null,
    present: false,
    location: null,
    breakoutRoomUuid: null,
    joinedAt: null,
    currentUserId: null,
    effectiveRole: 'attendee',
  };
}

function hashKey(zoomUserId: string | null, name: string | null): string {
  return `h:${createHash('sha256')
    .update(`${zoomUserId ?? ''}|${name ?? ''}`)
    .digest('hex')
    .slice(0, 16)}`;
}

/** Working copy of one meeting: reads fall through to the base state, writes are collected as ops. */
class Draft {
  meeting: MeetingRecord;
  readonly participants = new Map<string, ParticipantRecord>();
  readonly shares = new Map<string, ShareRecord>();

  constructor(
    private readonly base: MeetingState | undefined,
    meeting: MeetingRecord,
  ) {
    this.meeting = meeting;
  }

  participant(key: string): ParticipantRecord | undefined {
    return this.participants.get(key) ?? this.base?.participants.get(key);
  }

  keyOfUser(userId: string): string | undefined {
    for (const record of this.participants.values()) if (record.userIds.includes(userId)) return record.key;
    return this.base?.userIndex.get(userId);
  }

  allParticipants(): ParticipantRecord[] {
    const merged = new Map(this.base?.participants ?? []);
    for (const [key, record] of this.participants) merged.set(key, record);
    return [...merged.values()];
  }

  allShares(): ShareRecord[] {
    const merged = new Map(this.base?.shares ?? []);
    for (const [id, record] of this.shares) merged.set(id, record);
    return [...merged.values()];
  }

  ops(): StateOp[] {
    const uuid = this.meeting.uuid;
    const ops: StateOp[] = [];
    if (this.base?.meeting !== this.meeting) ops.push({ type: 'meeting', record: this.meeting });
    for (const record of this.participants.values()) ops.push({ type: 'participant', meetingUuid: uuid, record });
    for (const record of this.shares.values()) ops.push({ type: 'share', meetingUuid: uuid, record });
    return ops;
  }
}

function resolveKey(draft: Draft, person: PersonRef): string | null {
  if (person.participantUuid) return person.participantUuid;
  if (person.userId) {
    const known = draft.keyOfUser(person.userId) ?? (person.parentUserId && draft.keyOfUser(person.parentUserId));
    return known || `uid:${person.userId}`;
  }
  if (person.zoomUserId || person.name) return hashKey(person.zoomUserId, person.name);
  return null;
}

/** Repairs that say someone or something is gone are no sign of life: they leave a stale meeting stale. */
const ABSENCE_REPAIRS = new Set(['roomwatch.repair.participant_left', 'roomwatch.repair.meeting_ended']);

function touchMeeting(meeting: MeetingRecord, event: ReducerEvent): MeetingRecord {
  const next: MeetingRecord = {
    ...meeting,
    accountId: meeting.accountId || event.meeting.accountId,
    firstEventTs: Math.min(meeting.firstEventTs, event.ts),
    lastEventTs: ABSENCE_REPAIRS.has(event.name) ? meeting.lastEventTs : Math.max(meeting.lastEventTs, event.ts),
    sawWebinarEvent: meeting.sawWebinarEvent || event.meeting.kind === 'webinar',
    info: { ...meeting.info },
  };
  for (const [field, value] of Object.entries(event.meeting.info)) {
    const key = field as keyof MeetingRecord['info'];
    (next.info as Record<string, Stamped<unknown>>)[key] = stamp(meeting.info[key], value, event.ts, event.id);
  }
  return next;
}

function roleOf(record: ParticipantRecord, meeting: MeetingRecord): string {
  if (record.role) return record.role.value;
  const hostId = meeting.info.hostId?.value;
  return hostId && record.zoomUserId?.value === hostId ? 'host' : 'attendee';
}

/** Recomputes a participant's derived fields and keeps the meeting's counts in step. */
function settleParticipant(draft: Draft, before: ParticipantRecord | undefined, record: ParticipantRecord): void {
  const presence = derivePresence(record.facts, draft.meeting.ended !== null);
  const settled: ParticipantRecord = { ...record, ...presence, effectiveRole: roleOf(record, draft.meeting) };
  if (before) moveCount(draft, before, -1);
  moveCount(draft, settled, +1);
  draft.participants.set(settled.key, settled);
}

function moveCount(draft: Draft, record: ParticipantRecord, delta: number): void {
  if (!record.present || record.location === null) return;
  const m = draft.meeting;
  const counts = { ...m.counts };
  if (record.location === 'main') counts.main += delta;
  else if (record.location === 'breakout') counts.breakout += delta;
  else counts.waiting += delta;
  let { rooms, unnamedRoomCount } = m;
  if (record.location === 'breakout') {
    const room = record.breakoutRoomUuid;
    if (room === null) unnamedRoomCount += delta;
    else {
      const current = rooms[room] ?? { firstSeenAt: record.joinedAt ?? m.firstEventTs, count: 0 };
      rooms = { ...rooms, [room]: { ...current, count: current.count + delta } };
    }
  }
  draft.meeting = { ...m, counts, rooms, unnamedRoomCount };
}

function noteRoom(draft: Draft, fact: PresenceFact): void {
  if (fact.kind !== 'join' || fact.roomUuid === null || fact.location !== 'breakout') return;
  const m = draft.meeting;
  const current = m.rooms[fact.roomUuid];
  if (current && current.firstSeenAt <= fact.at) return;
  draft.meeting = {
    ...m,
    rooms: { ...m.rooms, [fact.roomUuid]: { firstSeenAt: fact.at, count: current?.count ?? 0 } },
  };
}

function withPersonInfo(record: ParticipantRecord, person: PersonRef, event: ReducerEvent): ParticipantRecord {
  const next = { ...record };
  const { ts, id } = event;
  if (person.name) next.name = stamp(record.name, person.name, ts, id);
  if (person.email) next.email = stamp(record.email, person.email, ts, id);
  if (person.phone) next.phone = stamp(record.phone, person.phone, ts, id);
  if (person.zoomUserId) next.zoomUserId = stamp(record.zoomUserId, person.zoomUserId, ts, id);
  const userIds = [person.userId, person.parentUserId].filter((u): u is string => !!u && !record.userIds.includes(u));
  if (userIds.length > 0) next.userIds = [...record.userIds, ...userIds].sort();
  next.firstSeenAt = Math.min(record.firstSeenAt, ts);
  return next;
}

export function shareIsOn(share: ShareRecord): boolean {
  if (!share.start) return false;
  return (
    !share.end || share.start.ts > share.end.ts || (share.start.ts === share.end.ts && share.start.id >= share.end.id)
  );
}

function settleShare(draft: Draft, share: ShareRecord): void {
  const key = draft.keyOfUser(share.userId) ?? null;
  const participant = key === null ? undefined : draft.participant(key);
  const active =
    shareIsOn(share) &&
    participant !== undefined &&
    participant.present &&
    (participant.currentUserId === null || participant.currentUserId === share.userId);
  if (share.participantKey === key && share.active === active) return;
  draft.shares.set(share.id, { ...share, participantKey: key, active });
}

function settleSharesOf(draft: Draft, record: ParticipantRecord): void {
  for (const share of draft.allShares()) {
    if (record.userIds.includes(share.userId)) settleShare(draft, share);
  }
}

function applyPresence(draft: Draft, event: ReducerEvent, effect: Extract<Effect, { type: 'presence' }>): void {
  const key = resolveKey(draft, effect.person);
  if (key === null) return;
  const before = draft.participant(key);
  const { change } = effect;
  const at = change.time ?? event.ts;
  const fact: PresenceFact = {
    id: event.id,
    kind: change.kind,
    scope: change.scope,
    location: change.location,
    roomUuid: change.roomUuid,
    userId: effect.person.userId,
    t: Math.floor(at / 1000),
    ts: event.ts,
    rank: change.rank,
    plain: change.plain,
    hint: change.hint,
    at,
  };
  const record = withPersonInfo(before ?? newParticipant(key, event.ts), effect.person, event);
  record.facts = addFact(record.facts, fact);
  if (fact.kind === 'join') record.firstJoinedAt = Math.min(record.firstJoinedAt ?? at, at);
  noteRoom(draft, fact);
  settleParticipant(draft, before, record);
  settleSharesOf(draft, draft.participant(key)!);
}

function applyRole(draft: Draft, event: ReducerEvent, effect: Extract<Effect, { type: 'role' }>): void {
  const key = resolveKey(draft, effect.person);
  if (key === null) return;
  const before = draft.participant(key);
  const record = withPersonInfo(before ?? newParticipant(key, event.ts), effect.person, event);
  record.role = stamp(record.role, effect.role, effect.time ?? event.ts, event.id);
  settleParticipant(draft, before, record);
}

function applyShare(draft: Draft, event: ReducerEvent, effect: Extract<Effect, { type: 'share' }>): void {
  const userId = effect.person.userId;
  if (userId === null) return;
  const id = `${userId}|${effect.roomUuid ?? ''}`;
  const before = draft.shares.get(id) ?? draft.allShares().find((s) => s.id === id);
  const at = effect.time ?? event.ts;
  const share: ShareRecord = before
    ? { ...before }
    : {
        id,
        userId,
        roomUuid: effect.roomUuid,
        start: null,
        end: null,
        name: null,
        participantKey: null,
        active: false,
      };
  if (effect.started) share.start = stamp(share.start, { content: effect.content, at }, at, event.id);
  else share.end = stamp(share.end, null, at, event.id);
  if (effect.person.name) share.name = stamp(share.name, effect.person.name, event.ts, event.id);
  draft.shares.set(id, share);
  settleShare(draft, share);
}

function resettleEveryone(draft: Draft): void {
  for (const record of draft.allParticipants()) settleParticipant(draft, record, record);
  for (const share of draft.allShares()) settleShare(draft, share);
}

export function reduce(state: MeetingState | undefined, event: ReducerEvent): StateOp[] {
  const { effect } = event;
  const base = state?.meeting ?? newMeeting(event);
  const draft = new Draft(state, touchMeeting(base, event));
  const hostBefore = base.info.hostId?.value;
  switch (effect.type) {
    case 'started':
      if (!base.started || event.ts < base.started.ts) {
        draft.meeting = { ...draft.meeting, started: { ts: event.ts, startTime: effect.startTime } };
      }
      break;
    case 'ended':
      if (!base.ended || event.ts < base.ended.ts) {
        draft.meeting = { ...draft.meeting, ended: { ts: event.ts, endTime: effect.endTime } };
      }
      break;
    case 'presence':
      applyPresence(draft, event, effect);
      break;
    case 'role':
      applyRole(draft, event, effect);
      break;
    case 'share':
      applyShare(draft, event, effect);
      break;
    case 'recording':
      draft.meeting = { ...draft.meeting, recording: stamp(base.recording, effect.state, event.ts, event.id) };
      break;
    case 'live_streaming':
      draft.meeting = { ...draft.meeting, liveStreaming: stamp(base.liveStreaming, effect.on, event.ts, event.id) };
      break;
    case 'converted':
      draft.meeting = { ...draft.meeting, converted: stamp(base.converted, effect.kind, event.ts, event.id) };
      break;
    case 'touch':
      break;
  }
  const newlyEnded = base.ended === null && draft.meeting.ended !== null;
  if (newlyEnded || draft.meeting.info.hostId?.value !== hostBefore) resettleEveryone(draft);
  return draft.ops();
}
