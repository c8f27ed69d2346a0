/**
 * Attendance of one meeting instance: who was there, when, and for how long in the meeting, in
 * breakout rooms and waiting. It replays the meeting's logged events in the order they happened
 * through the same reducer as live state, and turns each connection's changes of place into
 * intervals. Reconnections of one person are merged: same account user id, else same email, else
 * same name (guests have neither id nor email).
 */
import type { Location } from '../../shared/state';
import type { MutableMeetingState } from './apply';
import type { ReducerEvent } from './normalize';
import type { ParticipantRecord } from './records';
import { replayInto } from './replay';

export interface AttendanceRow {
  name: string;
  email: string | null;
  role: string;
  /** when they first entered the meeting (main room or a breakout room), ms; null if they only waited */
  firstJoin: number | null;
  /** when they last left; null while still present */
  lastLeave: number | null;
  inMeetingMs: number;
  inBreakoutMs: number;
  waitingMs: number;
  /** connections merged into this person (1 + reconnections) */
  connections: number;
}

interface Interval {
  location: Location;
  roomUuid: string | null;
  from: number;
  to: number | null;
}

export type ClosedInterval = Interval & { to: number };

/** One person (their connections merged) and where they were when. */
export interface PersonPresence {
  records: ParticipantRecord[];
  intervals: ClosedInterval[];
  /** the connection with the newest name: whose name and role the person goes by */
  latest: ParticipantRecord;
}

/** When an event happened, as far as presence is concerned. */
function timeOf(event: ReducerEvent): number {
  const { effect } = event;
  if (effect.type === 'presence') return effect.change.time ?? event.ts;
  if (effect.type === 'ended' && effect.endTime) {
    const end = Date.parse(effect.endTime);
    if (!Number.isNaN(end)) return end;
  }
  return event.ts;
}

const inMeeting = (l: Location) => l === 'main' || l === 'breakout';
const waiting = (l: Location) => l === 'waiting' || l === 'jbh_waiting';

/** Total length of a set of intervals, overlaps counted once. */
export function unionLength(intervals: readonly { from: number; to: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const { from, to } of sorted) {
    if (from > end) {
      if (end > start) total += end - start;
      start = from;
      end = to;
    } else end = Math.max(end, to);
  }
  if (end > start) total += end - start;
  return total;
}

/** Minutes to a tenth, as the report and the CSV show them. */
export const minutesOf = (ms: number) => Math.round(ms / 6_000) / 10;

export const nameOf = (record: ParticipantRecord) => record.name?.value ?? 'Unknown participant';

function personKey(record: ParticipantRecord): string {
  if (record.zoomUserId) return `id:${record.zoomUserId.value}`;
  if (record.email) return `email:${record.email.value.toLowerCase()}`;
  return `name:${record.name?.value ?? record.key}`;
}

/**
 * Where everyone was in one meeting, from its logged events (any order); `now` closes the intervals
 * of people still present in a meeting that has not ended.
 */
export function presence(events: readonly ReducerEvent[], now: number): PersonPresence[] {
  const ordered = [...events].sort((a, b) => timeOf(a) - timeOf(b) || a.ts - b.ts || (a.id < b.id ? -1 : 1));
  const intervals = new Map<string, Interval[]>();
  let endedAt: number | null = null;
  const states = replayInto(new Map<string, MutableMeetingState>(), ordered, (event, ops, before) => {
    const at = timeOf(event);
    if (event.effect.type === 'ended') endedAt ??= at;
    for (const op of ops) {
      if (op.type !== 'participant') continue;
      const old = before?.participants.get(op.record.key);
      const next = op.record;
      const wasAt = old?.present ? old.location : null;
      const isAt = next.present ? next.location : null;
      if (wasAt === isAt && old?.breakoutRoomUuid === next.breakoutRoomUuid) continue;
      const list = intervals.get(next.key) ?? [];
      const open = list.at(-1);
      if (open && open.to === null) open.to = at;
      if (isAt !== null)
        list.push({ location: isAt, roomUuid: next.breakoutRoomUuid, from: next.joinedAt ?? at, to: null });
      intervals.set(next.key, list);
    }
  });
  const closeAt = endedAt ?? now;
  const people = new Map<string, Omit<PersonPresence, 'latest'>>();
  for (const state of states.values()) {
    for (const record of state.participants.values()) {
      const own: ClosedInterval[] = (intervals.get(record.key) ?? []).map((i) => ({
        ...i,
        to: i.to ?? Math.max(i.from, closeAt),
      }));
      if (own.length === 0) continue;
      const key = personKey(record);
      const person = people.get(key) ?? { records: [], intervals: [] };
      person.records.push(record);
      person.intervals.push(...own);
      people.set(key, person);
    }
  }
  return [...people.values()].map((person) => ({
    ...person,
    latest: person.records.reduce((a, b) => ((a.name?.ts ?? 0) >= (b.name?.ts ?? 0) ? a : b)),
  }));
}

/** The attendance of one meeting from its logged events (any order), as presence() sees it. */
export function attendance(events: readonly ReducerEvent[], now: number): AttendanceRow[] {
  const rows: AttendanceRow[] = [];
  for (const { records, intervals: all, latest } of presence(events, now)) {
    const stillPresent = records.some((r) => r.present);
    const meetingIntervals = all.filter((i) => inMeeting(i.location));
    rows.push({
      name: nameOf(latest),
      email: records.find((r) => r.email)?.email?.value ?? null,
      role: latest.effectiveRole,
      firstJoin: meetingIntervals.length > 0 ? Math.min(...meetingIntervals.map((i) => i.from)) : null,
      lastLeave: stillPresent ? null : Math.max(...all.map((i) => i.to)),
      inMeetingMs: unionLength(meetingIntervals),
      inBreakoutMs: unionLength(all.filter((i) => i.location === 'breakout')),
      waitingMs: unionLength(all.filter((i) => waiting(i.location))),
      connections: records.length,
    });
  }
  return rows.sort((a, b) => (a.firstJoin ?? Infinity) - (b.firstJoin ?? Infinity) || a.name.localeCompare(b.name));
}
