import { expect } from 'vitest';
import type { MeetingDetail, ParticipantView } from '../../shared/state';
import { applyOps, type MutableMeetingState } from '../../server/state/apply';
import { normalize } from '../../server/state/normalize';
import { reduce, type StateOp } from '../../server/state/reducer';
import { detailView } from '../../server/state/views';
import { classify } from '../../server/events/validate';

/** Runs bodies through the real validate -> normalize -> reduce -> apply path, without HTTP or SQL. */
export class ReducerHarness {
  readonly states = new Map<string, MutableMeetingState>();

  /** read as from the event log, so Roomwatch's own repair events count too */
  apply(body: unknown): StateOp[] {
    const classified = classify(new TextEncoder().encode(JSON.stringify(body)), 'log');
    if (classified.kind !== 'known') throw new Error(`not a valid event: ${JSON.stringify(classified)}`);
    const event = normalize(classified.event, classified.dedupKey);
    if (event === null) return [];
    const ops = reduce(this.states.get(event.meeting.uuid), event);
    applyOps(this.states, ops);
    return ops;
  }

  applyAll(bodies: readonly unknown[]): this {
    for (const body of bodies) this.apply(body);
    return this;
  }

  detail(uuid: string): MeetingDetail {
    const state = this.states.get(uuid);
    if (!state) throw new Error(`no meeting ${uuid}`);
    return detailView(state, state.meeting.ended ? 'ended' : 'live');
  }

  /** where the named person is now, or undefined when absent */
  find(uuid: string, name: string): ParticipantView | undefined {
    const matches = this.detail(uuid).participants.filter((p) => p.name === name);
    expect(matches.length, `${name} appears ${matches.length} times`).toBeLessThanOrEqual(1);
    return matches[0];
  }

  /** the counts of the meeting record equal a recount of its present participants */
  expectConsistentCounts(uuid: string): void {
    const detail = this.detail(uuid);
    const recount = { main: 0, breakout: 0, waiting: 0 };
    for (const p of detail.participants) {
      if (p.location === 'main') recount.main++;
      else if (p.location === 'breakout') recount.breakout++;
      else recount.waiting++;
    }
    expect(detail.counts).toEqual(recount);
    const inRooms = detail.breakoutRooms.reduce((n, r) => n + r.participantCount, 0);
    expect(inRooms).toBe(recount.breakout);
    // the in-memory indexes the alert rules read agree with the records
    const state = this.states.get(uuid)!;
    const records = [...state.participants.values()];
    const keys = (list: typeof records) => list.map((r) => r.key).sort();
    expect([...state.waiting.keys()].sort()).toEqual(
      keys(records.filter((r) => r.present && r.location === 'waiting')),
    );
    expect([...state.hosts.keys()].sort()).toEqual(keys(records.filter((r) => r.effectiveRole === 'host')));
  }
}
