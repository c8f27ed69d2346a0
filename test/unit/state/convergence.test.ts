import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Traffic, type ZoomBody } from '../../../server/demo/simulator';
import { expectedStateOf, shownState } from '../../support/expected-state';
import { ReducerHarness } from '../../support/reducer-harness';
import { rng } from '../../support/realistic-events';

/** Every record of every meeting, in a canonical order: what "the same final state" means. */
function snapshot(harness: ReducerHarness): unknown {
  return [...harness.states.values()]
    .sort((a, b) => a.meeting.uuid.localeCompare(b.meeting.uuid))
    .map((state) => ({
      meeting: state.meeting,
      participants: [...state.participants.values()].sort((a, b) => a.key.localeCompare(b.key)),
      shares: [...state.shares.values()].sort((a, b) => a.id.localeCompare(b.id)),
      detail: harness.detail(state.meeting.uuid),
    }));
}

function shuffledWithDuplicates<T>(items: readonly T[], seed: number, duplicateRate: number): T[] {
  const random = rng(seed);
  const out = [...items];
  for (const item of items) if (random() < duplicateRate) out.push(item);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface StoryOptions {
  /** deliveries before the stream stops (the actions under way then are delivered whole) */
  events: number;
  /** share of breakout room moves Zoom reports with breakout room events */
  breakoutEvents: number;
  /** whether the hosts end the meetings at the end */
  end: boolean;
  meetings?: number;
  webinars?: number;
}

/** A random story from the simulator's traffic: one meeting at a time unless told otherwise. */
function story(seed: number, options: StoryOptions): { bodies: ZoomBody[]; traffic: Traffic } {
  const { events, breakoutEvents, end, meetings = 1, webinars = 0 } = options;
  const traffic = new Traffic({ seed, meetings, webinars, breakoutEvents });
  const stream = traffic.take(events);
  if (end) traffic.end();
  stream.push(...traffic.flush());
  return { bodies: stream.map((e) => e.body), traffic };
}

describe('convergence under real delivery', () => {
  it('any shuffle of a realistic stream, with random duplicates, converges to the ordered final state', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 20, max: 300 }),
        fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (storySeed, events, breakoutEvents, end, shuffleSeed, duplicateRate) => {
          const { bodies, traffic } = story(storySeed, { events, breakoutEvents, end });
          const inOrder = new ReducerHarness().applyAll(bodies);
          // in delivery order, it is the state the simulator knows everyone is in
          for (const meeting of traffic.expected()) {
            expect(shownState(inOrder.detail(meeting.uuid))).toEqual(expectedStateOf(meeting));
          }
          const ordered = snapshot(inOrder);
          const shuffled = snapshot(
            new ReducerHarness().applyAll(shuffledWithDuplicates(bodies, shuffleSeed, duplicateRate)),
          );
          expect(shuffled).toEqual(ordered);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds for several meetings and a webinar interleaved', () => {
    const { bodies } = story(11, { events: 1_500, breakoutEvents: 0.5, end: true, meetings: 3, webinars: 1 });
    const ordered = snapshot(new ReducerHarness().applyAll(bodies));
    expect((ordered as unknown[]).length).toBeGreaterThanOrEqual(4);
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(snapshot(new ReducerHarness().applyAll(shuffledWithDuplicates(bodies, seed, 0.3)))).toEqual(ordered);
    }
  });

  it('the stories exercise what they should (breakout rooms with and without their events, waiting room, sharing, roles, renewals, drops, ends)', () => {
    const names = new Set<string>();
    const reasons = new Set<string>();
    let dropped = 0;
    let handedOver = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { bodies, traffic } = story(seed, {
        events: 150,
        breakoutEvents: [0, 0.5, 1][seed % 3]!,
        end: seed % 2 === 0,
      });
      const joinedRooms = new Set<unknown>();
      const leftForRooms: unknown[] = [];
      const joinedAt = new Set<string>();
      const leftAt: string[] = [];
      for (const body of bodies) {
        names.add(body.event);
        const participant = (body.payload.object.participant ?? {}) as Record<string, unknown>;
        const reason = String(participant.leave_reason ?? '');
        reasons.add(reason.slice(reason.indexOf('Reason : ') + 9));
        if (body.event === 'meeting.participant_joined_breakout_room') joinedRooms.add(participant.participant_uuid);
        if (reason.endsWith('to join breakout room')) leftForRooms.push(participant.participant_uuid);
        const at = `${String(participant.participant_uuid)} ${String(participant.join_time ?? participant.leave_time)}`;
        if (body.event === 'meeting.participant_joined') joinedAt.add(at);
        if (reason.endsWith('Reason : left the meeting')) leftAt.push(at);
        if (participant.new_role === 'host') handedOver++;
      }
      // a move seen only through the main room's leave and plain join
      if (leftForRooms.some((uuid) => !joinedRooms.has(uuid))) names.add('move without breakout events');
      // a plain leave and a join of the same connection at the same second
      if (leftAt.some((at) => joinedAt.has(at))) names.add('connection renewed in place');
      if (traffic.world.meetings.some((m) => m.participants.some((p) => p.droppedWithoutLeave))) dropped++;
    }
    for (const name of [
      'meeting.participant_joined_breakout_room',
      'meeting.participant_left_breakout_room',
      'move without breakout events',
      'connection renewed in place',
      'meeting.participant_joined_waiting_room',
      'meeting.participant_admitted',
      'meeting.participant_put_in_waiting_room',
      'meeting.participant_jbh_waiting',
      'meeting.participant_jbh_joined',
      'meeting.sharing_started',
      'meeting.breakout_room_sharing_started',
      'meeting.participant_role_changed',
      'recording.paused',
      'meeting.live_streaming_started',
      'meeting.risk_alert',
      'meeting.ended',
    ]) {
      expect(names).toContain(name);
    }
    expect(reasons).toEqual(
      new Set([
        '',
        'left the meeting',
        'left the meeting to join breakout room',
        'left the meeting leave breakout room to join main meeting',
        'Client Close.',
        'Host ended the meeting.',
      ]),
    );
    expect(dropped).toBeGreaterThan(0);
    expect(handedOver).toBeGreaterThan(0);
  });
});
