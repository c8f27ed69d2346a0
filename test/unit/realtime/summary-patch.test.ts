import { describe, expect, it } from 'vitest';
import { Traffic } from '../../../server/demo/simulator';
import { summaryView } from '../../../server/state/views';
import { applySummaryPatch, summaryPatch } from '../../../shared/realtime/summary-patch';
import type { MeetingSummary, ShareView } from '../../../shared/state';
import { summary } from '../../support/dashboard-fixtures';
import { ReducerHarness } from '../../support/reducer-harness';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';
const planning = summary(UUID, 'Quarterly planning — 분기 계획');
const share: ShareView = {
  participantKey: '8F2C1D3E-5A6B-4C7D-9E0F-1A2B3C4D5E6F',
  participantName: '김민준',
  content: 'application',
  breakoutRoomUuid: null,
  startedAt: '2026-11-24T09:06:00.000Z',
};

describe('summaryPatch', () => {
  it('is null between equal summaries, however their counts and shares are built', () => {
    const copy: MeetingSummary = structuredClone({ ...planning, sharing: [share] });
    expect(summaryPatch({ ...planning, sharing: [{ ...share }] }, copy)).toBeNull();
  });

  it('holds the uuid and each changed field whole, nulls included', () => {
    const after = {
      ...planning,
      hostName: null,
      counts: { ...planning.counts, waiting: 2 },
      lastEventAt: '2026-11-24T09:07:00.000Z',
    };
    expect(summaryPatch(planning, after)).toEqual({
      uuid: UUID,
      hostName: null,
      counts: { main: 3, breakout: 0, waiting: 2 },
      lastEventAt: '2026-11-24T09:07:00.000Z',
    });
  });

  it('sends the whole list of shares when one of them changes', () => {
    const sharing = { ...planning, sharing: [share] };
    const whiteboard = { ...planning, sharing: [{ ...share, content: 'whiteboard' }] };
    expect(summaryPatch(planning, sharing)).toEqual({ uuid: UUID, sharing: [share] });
    expect(summaryPatch(sharing, whiteboard)).toEqual({ uuid: UUID, sharing: whiteboard.sharing });
    expect(summaryPatch(whiteboard, planning)).toEqual({ uuid: UUID, sharing: [] });
  });

  it('turns each summary of busy meetings into the next, once applied (through JSON, as sent)', () => {
    const harness = new ReducerHarness();
    const held = new Map<string, MeetingSummary>();
    let patched = 0;
    for (const { body } of new Traffic({ seed: 11, meetings: 4, webinars: 1, breakoutEvents: 0.8 }).take(3_000)) {
      harness.apply(body);
      for (const [uuid, state] of harness.states) {
        const after = summaryView(state, state.meeting.ended ? 'ended' : 'live');
        const before = held.get(uuid);
        held.set(uuid, after);
        if (!before) continue;
        const patch = summaryPatch(before, after);
        if (patch === null) {
          expect(after).toEqual(before);
          continue;
        }
        patched++;
        expect(applySummaryPatch(before, JSON.parse(JSON.stringify(patch)))).toEqual(after);
        expect(Object.keys(patch).length).toBeLessThan(Object.keys(after).length);
      }
    }
    expect(patched).toBeGreaterThan(2_000);
  });
});
