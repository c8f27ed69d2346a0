import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MeetingScript } from '../../support/meeting-script';
import { ReducerHarness } from '../../support/reducer-harness';

const UUID = '/Zz3kQ+rT0mX8bLw5yVn9A==';
const ROOM = 'Kx2/bQ7sR5ycnpK0+Vh1Tg==';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

function fresh() {
  const script = new MeetingScript({ uuid: UUID });
  const harness = new ReducerHarness();
  return { script, harness, where: (name: string) => harness.find(UUID, name) };
}

describe('breakout moves arrive as a leave plus a join with the same timestamp', () => {
  it.each([true, false])(
    'in any order the person ends up in the breakout room (breakout events subscribed: %s)',
    (explicit) => {
      const { script } = fresh();
      const ana = script.person('Ana Lima');
      const before = [script.started(0), script.join(ana, 5)];
      const move = script.moveToBreakout(ana, ROOM, 60, { explicit });
      for (const order of permutations(move)) {
        const harness = new ReducerHarness().applyAll([...before, ...order]);
        expect(harness.find(UUID, 'Ana Lima')).toMatchObject({
          location: 'breakout',
          breakoutRoomUuid: explicit ? ROOM : null,
        });
        harness.expectConsistentCounts(UUID);
      }
    },
  );

  it('in any order the person returns to the main room', () => {
    const { script } = fresh();
    const ana = script.person('Ana Lima');
    const before = [script.started(0), script.join(ana, 5), ...script.moveToBreakout(ana, ROOM, 60)];
    const back = script.returnToMain(ana, ROOM, 300);
    for (const order of permutations(back)) {
      const harness = new ReducerHarness().applyAll([...before, ...order]);
      expect(harness.find(UUID, 'Ana Lima')).toMatchObject({ location: 'main', breakoutRoomUuid: null });
      harness.expectConsistentCounts(UUID);
    }
  });

  it('the real pattern: join with a new user_id and "left the meeting" of the previous one in the same second', () => {
    const { script } = fresh();
    const ana = script.person('Ana Lima');
    const start = [script.started(0), script.join(ana, 5)];
    // Zoom reconnects the same participant_uuid: the old segment's leave and the new join share a second
    const leave = script.leave(ana, 90, undefined, 0);
    const join = script.join(ana, 90, 43);
    for (const order of [
      [leave, join],
      [join, leave],
    ]) {
      const harness = new ReducerHarness().applyAll([...start, ...order]);
      expect(harness.find(UUID, 'Ana Lima')).toMatchObject({ location: 'main', joinedAt: '2026-11-24T09:01:30.000Z' });
    }
  });
});

describe('per participant the latest event wins; on a tie a join beats a leave', () => {
  it('a later leave wins over an earlier join, in either order', () => {
    const { script } = fresh();
    const ana = script.person('Ana Lima');
    const join = script.join(ana, 10);
    const leave = script.leave(ana, 20);
    for (const order of [
      [join, leave],
      [leave, join],
    ]) {
      expect(new ReducerHarness().applyAll(order).find(UUID, 'Ana Lima')).toBeUndefined();
    }
  });

  it('a later join wins over an earlier leave of another segment, in either order', () => {
    const { script } = fresh();
    const ana = script.person('Ana Lima');
    script.join(ana, 10);
    const leave = script.leave(ana, 20);
    const rejoin = script.join(ana, 30);
    for (const order of [
      [leave, rejoin],
      [rejoin, leave],
    ]) {
      expect(new ReducerHarness().applyAll(order).find(UUID, 'Ana Lima')?.location).toBe('main');
    }
  });

  it('a leave without user_id in the same second as a join loses to the join', () => {
    const { script } = fresh();
    const ana = script.person('Ana Lima');
    const join = script.join(ana, 10);
    const leave = script.leave(ana, 10);
    (leave.payload as { object: { participant: Record<string, unknown> } }).object.participant.user_id = '';
    for (const order of [
      [join, leave],
      [leave, join],
    ]) {
      expect(new ReducerHarness().applyAll(order).find(UUID, 'Ana Lima')?.location).toBe('main');
    }
  });

  it('the leave of the very same segment in the same second ends it (someone who bounced straight out)', () => {
    const { script } = fresh();
    const ana = script.person('Ana Lima');
    const join = script.join(ana, 10);
    const leave = script.leave(ana, 10, undefined, 500);
    for (const order of [
      [join, leave],
      [leave, join],
    ]) {
      expect(new ReducerHarness().applyAll(order).find(UUID, 'Ana Lima')).toBeUndefined();
    }
  });
});

describe('meetings seen midway', () => {
  it('events before meeting.started create the meeting lazily; a late start fills in the start', () => {
    const { script, harness, where } = fresh();
    const ana = script.person('Ana Lima');
    const started = script.started(0);
    harness.applyAll([script.join(ana, 5)]);
    expect(harness.detail(UUID)).toMatchObject({
      status: 'live',
      topic: 'Quarterly planning',
      counts: { main: 1, breakout: 0, waiting: 0 },
    });
    expect(where('Ana Lima')?.location).toBe('main');
    harness.apply(started);
    expect(harness.detail(UUID).startedAt).toBe('2026-11-24T09:00:00Z');
  });

  it('a meeting whose start never arrives is live from its first event', () => {
    const { script, harness } = fresh();
    const ana = script.person('Ana Lima');
    harness.applyAll([script.join(ana, 5), script.share(ana, true, 6)]);
    expect(harness.detail(UUID)).toMatchObject({
      status: 'live',
      sharing: [expect.objectContaining({ participantName: 'Ana Lima' })],
    });
  });

  it('leaves of participants never seen (receiver attached mid-meeting) are recorded, not errors', () => {
    const { script, harness } = fresh();
    const ghost = script.person('이서연');
    ghost.userId = '16911360';
    const ops = harness.apply(script.leave(ghost, 100));
    expect(
      ops.some((op) => op.type === 'participant' && op.record.key === ghost.participantUuid && !op.record.present),
    ).toBe(true);
    expect(harness.detail(UUID).counts).toEqual({ main: 0, breakout: 0, waiting: 0 });
    expect(harness.states.get(UUID)!.participants.get(ghost.participantUuid)!.name?.value).toBe('이서연');
  });
});

describe('rejoins and the end of the meeting', () => {
  it('a late participant_left of the old connection does not remove someone who rejoined (new participant_uuid)', () => {
    const { script, harness, where } = fresh();
    const ana = script.person('Ana Lima');
    const again = { ...script.person('Ana Lima'), zoomUserId: ana.zoomUserId };
    script.join(ana, 5);
    const oldLeave = script.leave(ana, 100, 'Ana Lima got disconnected from the meeting. Reason : Client Close.');
    harness.applyAll([script.started(0), script.events[1], script.join(again, 110), oldLeave]);
    expect(harness.detail(UUID).participants.map((p) => p.key)).toEqual([again.participantUuid]);
    expect(where('Ana Lima')?.location).toBe('main');
  });

  it('meeting.ended closes every participant, share and waiting entry; nothing reopens afterwards', () => {
    const { script, harness } = fresh();
    const [ana, ken, lee, olu] = ['Ana Lima', 'Ken Watanabe', '이서연', 'Olu Adeyemi'].map((n) => script.person(n)) as [
      ReturnType<typeof script.person>,
      ReturnType<typeof script.person>,
      ReturnType<typeof script.person>,
      ReturnType<typeof script.person>,
    ];
    harness.applyAll([
      script.started(0),
      script.join(ana, 1),
      script.join(ken, 2),
      ...script.moveToBreakout(ken, ROOM, 3),
      script.enterWaitingRoom(lee, 4),
      script.jbhWaiting(olu, 4),
      script.share(ana, true, 5),
      script.recording('started', 6),
    ]);
    expect(harness.detail(UUID).counts).toEqual({ main: 1, breakout: 1, waiting: 2 });
    const lateLeave = script.leave(ana, 3590, 'Ana Lima left the meeting. Reason : Host ended the meeting.');
    const lateJoin = script.join(olu, 3500);
    harness.apply(script.ended(3600));
    const closed = harness.detail(UUID);
    expect(closed).toMatchObject({
      status: 'ended',
      participants: [],
      sharing: [],
      recording: false,
      counts: { main: 0, breakout: 0, waiting: 0 },
    });
    expect(closed.breakoutRooms.every((r) => r.participantCount === 0)).toBe(true);
    harness.applyAll([lateLeave, lateJoin, script.leave(ken, 3610)]);
    expect(harness.detail(UUID)).toMatchObject({
      status: 'ended',
      participants: [],
      counts: { main: 0, breakout: 0, waiting: 0 },
    });
  });

  it('a redelivered event changes nothing', () => {
    const { script, harness } = fresh();
    const ana = script.person('Ana Lima');
    const bodies = [
      script.started(0),
      script.join(ana, 1),
      ...script.moveToBreakout(ana, ROOM, 10),
      script.share(ana, true, 11, 'desktop', ROOM),
    ];
    harness.applyAll(bodies);
    const once = JSON.stringify([...harness.states.get(UUID)!.participants.values()]);
    harness.applyAll(bodies);
    expect(JSON.stringify([...harness.states.get(UUID)!.participants.values()])).toBe(once);
    harness.expectConsistentCounts(UUID);
  });
});

describe('the real captures (test/fixtures), replayed in received order', () => {
  const captures = readFileSync(new URL('../../fixtures/zoom-captures-2026-04.ndjson', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          event: string;
          raw: { payload: { object: { uuid: string; participant?: Record<string, string> } } };
        },
    );

  it('leave nobody inside once each meeting has ended', () => {
    const harness = new ReducerHarness().applyAll(captures.map((c) => c.raw));
    const uuids = [...new Set(captures.map((c) => c.raw.payload.object.uuid))];
    expect(uuids).toHaveLength(4);
    for (const uuid of uuids) {
      expect(harness.detail(uuid)).toMatchObject({
        status: 'ended',
        participants: [],
        counts: { main: 0, breakout: 0, waiting: 0 },
      });
    }
  });

  it('at every breakout move the person is in exactly one place, and counts match a recount after every event', () => {
    // a move is complete once both halves (same participant_uuid, same second) have been applied
    const checkpoints = new Map<number, string>();
    captures.forEach((c, i) => {
      const p = c.raw.payload.object.participant;
      if (c.event !== 'meeting.participant_left' || !p?.leave_reason?.includes('to join breakout room')) return;
      const partner = captures.findIndex(
        (o) =>
          o.event === 'meeting.participant_joined' &&
          o.raw.payload.object.participant?.participant_uuid === p.participant_uuid &&
          o.raw.payload.object.participant?.join_time === p.leave_time,
      );
      expect(partner).toBeGreaterThanOrEqual(0);
      checkpoints.set(Math.max(i, partner), p.participant_uuid!);
    });
    expect(checkpoints.size).toBe(12);
    const harness = new ReducerHarness();
    captures.forEach((capture, i) => {
      harness.apply(capture.raw);
      const uuid = capture.raw.payload.object.uuid;
      harness.expectConsistentCounts(uuid);
      const keys = harness.detail(uuid).participants.map((p) => p.key);
      expect(new Set(keys).size).toBe(keys.length);
      const moved = checkpoints.get(i);
      if (moved) {
        const places = harness.detail(uuid).participants.filter((x) => x.key === moved);
        expect(places).toEqual([expect.objectContaining({ location: 'breakout' })]);
      }
    });
  });
});
