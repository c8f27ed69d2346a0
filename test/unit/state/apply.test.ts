import { describe, expect, it } from 'vitest';
import { applyOps, type MutableMeetingState } from '../../../server/state/apply';
import { reduce } from '../../../server/state/reducer';
import { reducerEventOf } from '../../../server/state/replay';
import { randomStory } from '../../support/random-story';

function copy(states: Map<string, MutableMeetingState>) {
  return [...states.values()].map((s) => ({
    meeting: s.meeting,
    participants: [...s.participants.entries()],
    shares: [...s.shares.entries()],
    userIndex: [...s.userIndex.entries()],
    waiting: [...s.waiting.keys()],
    hosts: [...s.hosts.keys()],
  }));
}

describe('applyOps', () => {
  it('returns what puts memory back exactly as it was, for a transaction that does not commit', () => {
    const story = randomStory(5, { people: 8, steps: 120 });
    const events = story.events.map((body) => reducerEventOf(JSON.stringify(body))).filter((e) => e !== null);
    const states = new Map<string, MutableMeetingState>();
    const half = Math.floor(events.length / 2);
    for (const event of events.slice(0, half)) applyOps(states, reduce(states.get(event.meeting.uuid), event));
    const before = copy(states);

    const undo: (() => void)[] = [];
    for (const event of events.slice(half)) undo.push(applyOps(states, reduce(states.get(event.meeting.uuid), event)));
    expect(copy(states)).not.toEqual(before);
    for (const step of undo.reverse()) step();
    expect(copy(states)).toEqual(before);
  });

  it('forgets a meeting that the undone operations created', () => {
    const story = randomStory(6);
    const first = reducerEventOf(JSON.stringify(story.events[0]))!;
    const states = new Map<string, MutableMeetingState>();
    applyOps(states, reduce(undefined, first))();
    expect(states.size).toBe(0);
  });
});
