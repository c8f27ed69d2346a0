import { describe, expect, it } from 'vitest';
import { classify } from '../../../server/events/validate';
import { repairedStart } from '../../../server/repair/corrections';
import { normalize } from '../../../server/state/normalize';

const listed = {
  uuid: 'Kx2/bQ7sR5ycnpK0+Vh1Tg==',
  id: '81234567890',
  topic: 'All hands',
  start_time: '2026-11-24T09:00:00Z',
};
const seenAt = Date.parse('2026-11-24T09:05:00Z');

/** what the reducer reads of a repair, validated exactly as it is read back from the log */
function reduced(body: object) {
  const classified = classify(new TextEncoder().encode(JSON.stringify(body)), 'log');
  if (classified.kind !== 'known') throw new Error(JSON.stringify(classified));
  return normalize(classified.event, classified.dedupKey)!;
}

describe('repair corrections', () => {
  it('a live webinar Roomwatch never heard of starts as a webinar, a meeting as a meeting', () => {
    expect(reduced(repairedStart('acc-1', listed, 'webinar', seenAt)).meeting).toMatchObject({
      uuid: listed.uuid,
      kind: 'webinar',
      accountId: 'acc-1',
    });
    expect(reduced(repairedStart('acc-1', listed, 'meeting', seenAt)).meeting.kind).toBe('meeting');
  });
});
