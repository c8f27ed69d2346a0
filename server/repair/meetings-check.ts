/**
 * Layer 2, pure: what one complete look at an account's live meetings says. A meeting Roomwatch
 * shows live or stale that Zoom no longer lists, in two consecutive complete looks with no webhook
 * about it in between (Zoom's API denies live meetings now and then), has ended; a live meeting
 * Roomwatch never heard of appears. An empty list while meetings were heard from recently is an
 * unknown, not an answer. A meeting whose people wait for the host has not started: Zoom does not
 * list it yet.
 */
import type { MeetingState } from '../state/reducer';
import type { LiveKind, ZoomLiveMeeting } from './answers';
import { repairedEnd, repairedStart, type RepairBody } from './corrections';
import { RECENT_MS } from './participants-check';

/** shown running but not listed: since which look, and its last event then (a newer one means something was heard) */
export type MeetingsMemory = Map<string, { firstMissedAt: number; lastEventTs: number }>;

export interface MeetingsVerdict {
  corrections: RepairBody[];
  memory: MeetingsMemory;
  ignored: boolean;
}

export function checkMeetings(
  accountId: string,
  kind: LiveKind,
  /** the account's meetings (or webinars) Roomwatch shows live or stale */
  running: readonly MeetingState[],
  /** whether Roomwatch has any record of a meeting instance, ended ones included */
  knows: (uuid: string) => boolean,
  listed: readonly ZoomLiveMeeting[],
  memory: MeetingsMemory,
  now: number,
): MeetingsVerdict {
  const lastHeard = Math.max(0, ...running.map((s) => s.meeting.lastEventTs));
  if (listed.length === 0 && running.length > 0 && now - lastHeard < RECENT_MS) {
    return { corrections: [], memory, ignored: true };
  }
  const listedUuids = new Set(listed.map((m) => m.uuid));
  const next: MeetingsMemory = new Map();
  const corrections: RepairBody[] = [];
  for (const state of running) {
    const meeting = state.meeting;
    if (listedUuids.has(meeting.uuid) || waitsForHost(state)) continue;
    const before = memory.get(meeting.uuid);
    if (before && before.lastEventTs === meeting.lastEventTs) {
      corrections.push(repairedEnd(meeting, before.firstMissedAt, now));
    } else next.set(meeting.uuid, { firstMissedAt: now, lastEventTs: meeting.lastEventTs });
  }
  for (const meeting of listed) {
    if (!knows(meeting.uuid)) corrections.push(repairedStart(accountId, meeting, kind, now));
  }
  return { corrections, memory: next, ignored: false };
}

/** Nobody is in it but people waiting for the host: Zoom lists it nowhere yet. */
export function waitsForHost(state: MeetingState): boolean {
  if (state.meeting.started !== null) return false;
  for (const record of state.participants.values())
    if (record.present && record.location === 'jbh_waiting') return true;
  return false;
}
