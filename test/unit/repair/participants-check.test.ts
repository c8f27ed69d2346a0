import { describe, expect, it } from 'vitest';
import type { ZoomParticipant } from '../../../server/repair/answers';
import {
  checkParticipants,
  emptyParticipantsMemory,
  type ParticipantsMemory,
} from '../../../server/repair/participants-check';
import type { RepairBody } from '../../../server/repair/corrections';
import { classify } from '../../../server/events/validate';
import { describeEvent } from '../../../shared/timeline/describe';
import { noContext } from '../../../shared/timeline/context';
import { MeetingScript, type Person } from '../../support/meeting-script';
import { ReducerHarness } from '../../support/reducer-harness';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';
const ROOM = 'Kx2/bQ7sR5ycnpK0+Vh1Tg==';

/** Zoom's Dashboard entry of a person as the script last connected them */
function listed(p: Person, extra: Partial<ZoomParticipant> = {}): ZoomParticipant {
  return {
    id: p.zoomUserId,
    user_id: p.userId,
    participant_uuid: p.participantUuid,
    user_name: p.name,
    email: p.email,
    join_time: '2026-11-24T09:00:10Z',
    status: 'in_meeting',
    ...extra,
  };
}

function setup() {
  const script = new MeetingScript({ uuid: UUID });
  const harness = new ReducerHarness();
  const ana = script.person('Ana Lima');
  const bo = script.person('Bo Chen');
  harness.applyAll([script.started(0), script.join(ana, 10), script.join(bo, 12)]);
  let memory: ParticipantsMemory = emptyParticipantsMemory();
  /** one complete check at t seconds: the corrections it made are applied */
  const check = (t: number, entries: ZoomParticipant[]) => {
    const verdict = checkParticipants(harness.states.get(UUID)!, entries, memory, script.at(t));
    memory = verdict.memory;
    harness.applyAll(verdict.corrections);
    return verdict;
  };
  return { script, harness, ana, bo, check, where: (name: string) => harness.find(UUID, name) };
}

const names = (corrections: RepairBody[]) => corrections.map((c) => c.event);

describe('participants repair', () => {
  it('someone Zoom no longer lists in two complete checks, with no webhook in between, has left', () => {
    const { bo, check, where } = setup();
    expect(names(check(100, [listed(bo)]).corrections)).toEqual([]);
    expect(where('Ana Lima')).toBeDefined();
    const second = check(160, [listed(bo)]);
    expect(names(second.corrections)).toEqual(['roomwatch.repair.participant_left']);
    expect(second.corrections[0]!.payload.evidence).toMatchObject({
      check: 'participants',
      first_missed_at: '2026-11-24T09:01:42.000Z',
      confirmed_at: '2026-11-24T09:02:42.000Z',
    });
    expect(where('Ana Lima')).toBeUndefined();
    expect(where('Bo Chen')).toBeDefined();
    expect(describeEvent(second.corrections[0], noContext)).toBe(
      "Ana Lima was no longer in the meeting, by Zoom's live list at 09:01 UTC",
    );
  });

  it('a webhook about the person between the two checks saves them', () => {
    const { script, harness, ana, bo, check, where } = setup();
    check(100, [listed(bo)]);
    harness.apply(script.role(ana, 'attendee', 'co-host', 120));
    expect(check(160, [listed(bo)]).corrections).toEqual([]);
    expect(where('Ana Lima')).toBeDefined();
  });

  it('an empty list while people were heard from recently changes nothing', () => {
    const { check, where } = setup();
    for (const t of [100, 160, 220]) expect(check(t, [])).toMatchObject({ corrections: [], ignored: true });
    expect(where('Ana Lima')).toBeDefined();
  });

  it('a late real leave after the repair, and the other order, end the same', () => {
    const { script, harness, bo, ana, check, where } = setup();
    check(100, [listed(bo)]);
    const repair = check(160, [listed(bo)]).corrections;
    const lateLeave = script.leave(ana, 50);
    harness.apply(lateLeave);
    expect(where('Ana Lima')).toBeUndefined();
    const other = new ReducerHarness().applyAll([
      ...script.events.filter((e) => e !== lateLeave),
      lateLeave,
      ...repair,
    ]);
    expect(other.detail(UUID)).toEqual(harness.detail(UUID));
  });

  it('a real rejoin after the repair brings the person back', () => {
    const { script, harness, bo, ana, check, where } = setup();
    check(100, [listed(bo)]);
    check(160, [listed(bo)]);
    harness.apply(script.join(ana, 200));
    expect(where('Ana Lima')).toMatchObject({ location: 'main' });
  });

  it('someone Zoom lists in two checks whom Roomwatch does not show has joined, where Zoom says', () => {
    const { script, bo, ana, check, where } = setup();
    const cy = script.person('Cy Park');
    cy.userId = '16790528';
    const entries = [listed(ana), listed(bo), listed(cy, { bo_mtg_id: ROOM, join_time: '2026-11-24T09:01:00Z' })];
    expect(check(100, entries).corrections).toEqual([]);
    expect(where('Cy Park')).toBeUndefined();
    const joined = check(160, entries).corrections;
    expect(names(joined)).toEqual(['roomwatch.repair.participant_joined']);
    expect(where('Cy Park')).toMatchObject({ location: 'breakout', breakoutRoomUuid: ROOM, key: cy.participantUuid });
    // and a wrong leave repair is undone by Zoom listing them again
    check(220, [listed(bo), listed(cy, { bo_mtg_id: ROOM })]);
    check(280, [listed(bo), listed(cy, { bo_mtg_id: ROOM })]);
    expect(where('Ana Lima')).toBeUndefined();
    check(340, entries);
    check(400, entries);
    expect(where('Ana Lima')).toMatchObject({ location: 'main' });
  });

  it('Zoom never delivers repairs: a roomwatch.* webhook is quarantined, never applied', () => {
    const { bo, check } = setup();
    check(100, [listed(bo)]);
    const [repair] = check(160, [listed(bo)]).corrections;
    const classified = classify(new TextEncoder().encode(JSON.stringify(repair)));
    expect(classified).toMatchObject({ kind: 'invalid', reason: expect.stringContaining("Roomwatch's own") });
  });
});
