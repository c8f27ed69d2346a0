import { describe, expect, it } from 'vitest';
import { applyOps, type MutableMeetingState } from '../../../server/state/apply';
import { reduce } from '../../../server/state/reducer';
import { reducerEventOf } from '../../../server/state/replay';
import { Traffic } from '../../../server/demo/simulator';

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
    const stream = new Traffic({ seed: 5, meetings: 2, webinars: 1 }).take(400);
    const events = stream.map(({ body }) => reducerEventOf(JSON.stringify(body))).filter((e) => e !== null);
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
    const [first] = new Traffic({ seed: 6 }).take(1);
    const event = reducerEventOf(JSON.stringify(first!.body))!;
    const states = new Map<string, MutableMeetingState>();
    const undo = applyOps(states, reduce(undefined, event));
    expect([...states.keys()]).toEqual([event.meeting.uuid]);
    undo();
    expect(states.size).toBe(0);
  });
});
