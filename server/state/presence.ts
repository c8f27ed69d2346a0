/**
 * Where a participant connection is, derived from the set of its join and leave facts.
 *
 * The rule, per scope (main room, breakout rooms, waiting room, waiting for the host): the newest
 * fact wins and on a tie a join beats a leave, except that a leave of the very same connection
 * segment (same Zoom user_id) at the same second ends it. Times are the participant-level times
 * Zoom reports (join_time, leave_time) in whole seconds, because a breakout move arrives as a
 * leave and a join stamped with the same second but event_ts a few ms apart, in either order.
 *
 * Zoom's plain participant_joined does not say that it enters a breakout room; the leave that pairs
 * with it does ("left the meeting to join breakout room"). So a plain join is taken to enter an
 * unnamed breakout room when the nearest move hint within MOVE_WINDOW_S says so.
 */
import type { Location } from '../../shared/state';
import type { PresenceFact, PresenceScope } from './records';

export const MOVE_WINDOW_S = 2;
/** bounded memory per connection; pruning drops the oldest facts, which can never reopen anything */
export const MAX_FACTS = 32;

export interface DerivedPresence {
  present: boolean;
  location: Location | null;
  breakoutRoomUuid: string | null;
  joinedAt: number | null;
  currentUserId: string | null;
}

const ABSENT: DerivedPresence = {
  present: false,
  location: null,
  breakoutRoomUuid: null,
  joinedAt: null,
  currentUserId: null,
};

const scopeOf: Record<Location, PresenceScope> = {
  main: 'main',
  breakout: 'breakout',
  waiting: 'waiting',
  jbh_waiting: 'jbh',
};

/** Total order of facts: time, then joins before leaves (so pruning a prefix never drops a closer alone). */
export function compareFacts(a: PresenceFact, b: PresenceFact): number {
  if (a.t !== b.t) return a.t - b.t;
  if (a.kind !== b.kind) return a.kind === 'join' ? -1 : 1;
  if (a.ts !== b.ts) return a.ts - b.ts;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Adds a fact (idempotently) and keeps the newest MAX_FACTS in order. */
export function addFact(facts: readonly PresenceFact[], fact: PresenceFact): PresenceFact[] {
  if (facts.some((f) => f.id === fact.id)) return facts as PresenceFact[];
  const next = [...facts, fact].sort(compareFacts);
  return next.length > MAX_FACTS ? next.slice(next.length - MAX_FACTS) : next;
}

function effectiveLocation(join: PresenceFact, facts: readonly PresenceFact[]): Location {
  if (!join.plain) return join.location!;
  let nearest: PresenceFact | null = null;
  for (const f of facts) {
    if (f.kind !== 'leave' || f.hint === null || Math.abs(f.t - join.t) > MOVE_WINDOW_S) continue;
    if (f.userId !== null && f.userId === join.userId) continue;
    const distance = Math.abs(f.t - join.t);
    const best = nearest === null ? Infinity : Math.abs(nearest.t - join.t);
    if (distance < best || (distance === best && compareFacts(f, nearest!) > 0)) nearest = f;
  }
  return nearest?.hint === 'to_breakout' ? 'breakout' : join.location!;
}

function closes(leave: PresenceFact, join: PresenceFact, joinScope: PresenceScope): boolean {
  if (leave.scope !== 'meeting' && leave.scope !== joinScope) return false;
  if (leave.t > join.t) return true;
  return leave.t === join.t && leave.userId !== null && leave.userId === join.userId;
}

function outranks(a: PresenceFact, b: PresenceFact): boolean {
  if (a.t !== b.t) return a.t > b.t;
  if (a.rank !== b.rank) return a.rank > b.rank;
  return compareFacts(a, b) > 0;
}

export function derivePresence(facts: readonly PresenceFact[], meetingEnded: boolean): DerivedPresence {
  if (meetingEnded) return ABSENT;
  const leaves = facts.filter((f) => f.kind === 'leave');
  let best: { fact: PresenceFact; location: Location } | null = null;
  for (const join of facts) {
    if (join.kind !== 'join') continue;
    const location = effectiveLocation(join, facts);
    const scope = scopeOf[location];
    if (leaves.some((leave) => closes(leave, join, scope))) continue;
    if (best === null || outranks(join, best.fact)) best = { fact: join, location };
  }
  if (best === null) return ABSENT;
  return {
    present: true,
    location: best.location,
    breakoutRoomUuid: best.location === 'breakout' ? best.fact.roomUuid : null,
    joinedAt: best.fact.at,
    currentUserId: best.fact.userId,
  };
}
