import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BreakoutRoomView, ShareView } from '../../../shared/state';
import { Arrivals } from '../../../web/src/lib/arrivals.svelte';
import { layoutMeeting } from '../../../web/src/lib/meeting-layout';
import { person } from '../../support/dashboard-fixtures';

const ROOM_1 = 'Rm1aQx7sR5ycnpK0+Vh1Tg==';
const ROOM_2 = 'Rm2bW9xTfa4LmN0/pRs2Vg==';
const rooms: BreakoutRoomView[] = [
  { uuid: ROOM_1, label: 'Room 1', participantCount: 1 },
  { uuid: ROOM_2, label: 'Room 2', participantCount: 0 },
  { uuid: null, label: 'Unnamed breakout room', participantCount: 1 },
];

const people = [
  person('p-ken', 'Ken Watanabe'),
  person('p-ana', 'Ana Lima', { role: 'host', email: 'ana.lima@example.com' }),
  person('p-zoe', 'Zoë Laurent', { role: 'co-host' }),
  person('p-minjun', '김민준', { location: 'breakout', breakoutRoomUuid: ROOM_1 }),
  person('p-olu', 'Olu Adeyemi', { location: 'breakout', breakoutRoomUuid: null }),
  person('p-late', 'Léa Martin', { location: 'waiting', joinedAt: '2026-11-24T09:20:00.000Z' }),
  person('p-early', 'Priya Raman', { location: 'jbh_waiting', joinedAt: '2026-11-24T09:02:00.000Z' }),
];
const share: ShareView = {
  participantKey: 'p-minjun',
  participantName: '김민준',
  content: 'whiteboard',
  breakoutRoomUuid: ROOM_1,
  startedAt: '2026-11-24T09:10:00.000Z',
};

describe('the meeting view layout', () => {
  const layout = layoutMeeting(people, rooms, [share]);
  const names = (list: { name: string }[]) => list.map((p) => p.name);

  it('lists hosts first, then by name, in the main room', () => {
    expect(names(layout.main.people)).toEqual(['Ana Lima', 'Zoë Laurent', 'Ken Watanabe']);
  });

  it('gives each breakout room its panel, empty ones too, with its shares', () => {
    expect(layout.rooms.map((r) => [r.label, names(r.people)])).toEqual([
      ['Room 1', ['김민준']],
      ['Room 2', []],
      ['Unnamed breakout room', ['Olu Adeyemi']],
    ]);
    expect(layout.rooms[0]!.sharing).toEqual([share]);
    expect(layout.main.sharing).toEqual([]);
  });

  it('queues the waiting room and those waiting for the host, longest waiting first', () => {
    expect(names(layout.waiting)).toEqual(['Priya Raman', 'Léa Martin']);
  });

  it('filters people by name or email, ignoring case and accents', () => {
    const filtered = layoutMeeting(people, rooms, [], 'zoe');
    expect(names(filtered.main.people)).toEqual(['Zoë Laurent']);
    expect(names(layoutMeeting(people, rooms, [], 'EXAMPLE.COM').main.people)).toEqual(['Ana Lima']);
    expect(filtered.rooms.every((r) => r.people.length === 0)).toBe(true);
  });

  it('still shows someone in a room it has not heard of yet', () => {
    const lost = person('p-new', 'Sofía Pérez', { location: 'breakout', breakoutRoomUuid: 'Rm9zZx7sR5ycnpK0Vh1TgQ==' });
    expect(layoutMeeting([lost], [], []).rooms.map((r) => [r.label, names(r.people)])).toEqual([
      ['Breakout room', ['Sofía Pérez']],
    ]);
  });
});

describe('arrivals', () => {
  afterEach(() => vi.useRealTimers());

  it('marks nobody at first, then who joined or moved, for a moment', () => {
    vi.useFakeTimers();
    const arrivals = new Arrivals(2_500);
    arrivals.observe(people);
    expect([...arrivals.recent.keys()]).toEqual([]);
    const moved = people.map((p) =>
      p.key === 'p-ken' ? { ...p, location: 'breakout' as const, breakoutRoomUuid: ROOM_2 } : p,
    );
    // a role change is no arrival
    const promoted = moved.map((p) => (p.key === 'p-zoe' ? { ...p, role: 'host' } : p));
    arrivals.observe([...promoted, person('p-new', 'Sofía Pérez')]);
    expect([...arrivals.recent.keys()].sort()).toEqual(['p-ken', 'p-new']);
    vi.advanceTimersByTime(2_499);
    expect(arrivals.recent.size).toBe(2);
    vi.advanceTimersByTime(1);
    expect(arrivals.recent.size).toBe(0);
  });

  it('marks someone admitted from the waiting room', () => {
    const arrivals = new Arrivals();
    arrivals.observe(people);
    arrivals.observe(people.map((p) => (p.key === 'p-late' ? { ...p, location: 'main' as const } : p)));
    expect([...arrivals.recent.keys()]).toEqual(['p-late']);
    arrivals.clear();
    expect(arrivals.recent.size).toBe(0);
  });
});
