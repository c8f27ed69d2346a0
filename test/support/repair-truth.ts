import type { World } from '../../server/demo/simulator';
import type { LiveState } from '../../server/state/live-state';

const LISTED = new Set(['main', 'breakout', 'waiting']);

/**
 * Where everyone is, per running meeting: by the simulator's truth (what really happened, lost
 * webhooks or not) and as Roomwatch shows it. Only started meetings (waiting for the host is not
 * in Zoom's lists), and only the places Zoom's Dashboard knows.
 */
export function truthOf(world: World): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const meeting of world.meetings) {
    if (meeting.status !== 'live' || !meeting.emitted) continue;
    out[meeting.facts.uuid] = meeting.participants
      .filter((p) => p.active && LISTED.has(p.location ?? ''))
      .map((p) => `${p.participantUuid}@${p.location}`)
      .sort();
  }
  return out;
}

export function shownOf(live: LiveState, world: World): Record<string, string[]> {
  const notStarted = new Set(world.meetings.filter((m) => m.status === 'scheduled').map((m) => m.facts.uuid));
  const out: Record<string, string[]> = {};
  for (const state of live.list(new Set(['live', 'stale']))) {
    const uuid = state.meeting.uuid;
    if (notStarted.has(uuid)) continue;
    out[uuid] = [...state.participants.values()]
      .filter((p) => p.present && LISTED.has(p.location ?? ''))
      .map((p) => `${p.key}@${p.location}`)
      .sort();
  }
  return out;
}
