/** The 162 real deliveries of April 2026 (four meeting instances), as the timeline shows them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noContext } from '../../../shared/timeline/context';
import { describeEvent } from '../../../shared/timeline/describe';

interface Capture {
  event: string;
  raw: { payload: { object: { participant?: { user_name: string; leave_reason?: string } } } };
}

const captures = readFileSync(new URL('../../fixtures/zoom-captures-2026-04.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Capture);

/** Every leave reason the captures hold, and what follows the name in the sentence. */
const leaves: Record<string, string> = {
  'left the meeting. Reason : left the meeting': 'left',
  'left the meeting. Reason : left the meeting to join breakout room': 'left the main room for a breakout room',
  'left the meeting. Reason : left the meeting leave breakout room to join main meeting': 'returned to the main room',
  'left the meeting. Reason : Host ended the meeting.': 'left (host ended the meeting)',
  'got disconnected from the meeting. Reason : Client Close.': 'was disconnected',
};

function expected(capture: Capture): string {
  const participant = capture.raw.payload.object.participant;
  switch (capture.event) {
    case 'meeting.started':
      return 'Meeting “테스트 회의실” started';
    case 'meeting.ended':
      return 'Meeting “테스트 회의실” ended';
    case 'meeting.participant_joined':
      return `${participant!.user_name} joined`;
    default:
      return `${participant!.user_name} ${leaves[participant!.leave_reason!]}`;
  }
}

describe('the real captures on the timeline', () => {
  it('covers every leave reason of the captures', () => {
    const reasons = new Set(captures.map((c) => c.raw.payload.object.participant?.leave_reason).filter(Boolean));
    expect([...reasons].sort()).toEqual(Object.keys(leaves).sort());
  });

  it('words each of the 162 deliveries', () => {
    expect(captures).toHaveLength(162);
    for (const capture of captures) expect(describeEvent(capture.raw, noContext)).toBe(expected(capture));
  });
});
