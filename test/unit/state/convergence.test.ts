import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomStory } from '../../support/random-story';
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

describe('convergence under real delivery', () => {
  it('any shuffle of a realistic stream, with random duplicates, converges to the ordered final state', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (storySeed, shuffleSeed, duplicateRate) => {
          const story = randomStory(storySeed);
          const ordered = snapshot(new ReducerHarness().applyAll(story.events));
          const shuffled = snapshot(
            new ReducerHarness().applyAll(shuffledWithDuplicates(story.events, shuffleSeed, duplicateRate)),
          );
          expect(shuffled).toEqual(ordered);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds for several meetings interleaved', () => {
    const stories = [11, 12, 13].map((seed) => randomStory(seed, { people: 10, steps: 120 }));
    const all = stories.flatMap((s) => s.events);
    const ordered = snapshot(new ReducerHarness().applyAll(all));
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(snapshot(new ReducerHarness().applyAll(shuffledWithDuplicates(all, seed, 0.3)))).toEqual(ordered);
    }
  });

  it('the stories exercise what they should (breakout rooms, waiting room, sharing, roles, ends)', () => {
    const names = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) for (const e of randomStory(seed).events) names.add(e.event);
    for (const name of [
      'meeting.participant_joined_breakout_room',
      'meeting.participant_left_breakout_room',
      'meeting.participant_joined_waiting_room',
      'meeting.participant_admitted',
      'meeting.participant_put_in_waiting_room',
      'meeting.participant_jbh_waiting',
      'meeting.sharing_started',
      'meeting.breakout_room_sharing_started',
      'meeting.participant_role_changed',
      'recording.paused',
      'meeting.live_streaming_started',
      'meeting.ended',
    ]) {
      expect(names).toContain(name);
    }
  });
});
