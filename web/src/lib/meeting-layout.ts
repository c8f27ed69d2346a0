/** A meeting's people grouped as the meeting view shows them: main room, breakout rooms, waiting queue. */
import { foldForSearch } from '../../../shared/search';
import type { BreakoutRoomView, ParticipantView, ShareView } from '../../../shared/state';

export interface RoomGroup {
  /** "main", or "room:<uuid>" ("room:" for people Zoom moved to a room it did not name) */
  id: string;
  label: string;
  people: ParticipantView[];
  /** shares going on in this room */
  sharing: ShareView[];
}

export interface MeetingLayout {
  main: RoomGroup;
  rooms: RoomGroup[];
  /** waiting room and waiting for the host, longest waiting first */
  waiting: ParticipantView[];
}

/** Where someone is, as a stable id: what changes when they move between panels. */
export function placeOf(p: ParticipantView): string {
  if (p.location === 'main') return 'main';
  if (p.location === 'breakout') return `room:${p.breakoutRoomUuid ?? ''}`;
  return 'waiting';
}

const ROLE_ORDER: Record<string, number> = { host: 0, 'co-host': 1, cohost: 1, panelist: 2 };
const roleRank = (p: ParticipantView) => ROLE_ORDER[p.role] ?? 3;

/** Hosts first, then by name, so that a list keeps its order while people come and go. */
export function comparePeople(a: ParticipantView, b: ParticipantView): number {
  return roleRank(a) - roleRank(b) || a.name.localeCompare(b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

const byWaitingTime = (a: ParticipantView, b: ParticipantView) =>
  a.joinedAt.localeCompare(b.joinedAt) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function layoutMeeting(
  participants: Iterable<ParticipantView>,
  breakoutRooms: readonly BreakoutRoomView[],
  sharing: readonly ShareView[],
  filter = '',
): MeetingLayout {
  const wanted = foldForSearch(filter.trim());
  const matches = (p: ParticipantView) =>
    wanted === '' ||
    foldForSearch(p.name).includes(wanted) ||
    (p.email !== null && foldForSearch(p.email).includes(wanted));
  const groups = new Map<string, RoomGroup>();
  const main: RoomGroup = { id: 'main', label: 'Main room', people: [], sharing: [] };
  groups.set(main.id, main);
  for (const room of breakoutRooms) {
    const id = `room:${room.uuid ?? ''}`;
    groups.set(id, { id, label: room.label, people: [], sharing: [] });
  }
  const waiting: ParticipantView[] = [];
  for (const p of participants) {
    if (!matches(p)) continue;
    const place = placeOf(p);
    if (place === 'waiting') {
      waiting.push(p);
      continue;
    }
    let group = groups.get(place);
    if (!group) groups.set(place, (group = { id: place, label: 'Breakout room', people: [], sharing: [] }));
    group.people.push(p);
  }
  for (const share of sharing) {
    const group = groups.get(share.breakoutRoomUuid === null ? 'main' : `room:${share.breakoutRoomUuid}`);
    group?.sharing.push(share);
  }
  for (const group of groups.values()) group.people.sort(comparePeople);
  waiting.sort(byWaitingTime);
  return { main, rooms: [...groups.values()].filter((g) => g !== main), waiting };
}
