import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { alertHarness } from '../../support/alert-harness';
import { FakeClock } from '../../support/fake-clock';

const captures = readFileSync(new URL('../../fixtures/zoom-captures-2026-04.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { received_at: string; raw: unknown });

it('raises only what really happened in the four captured meetings, each resolved by its end', () => {
  const clock = new FakeClock(Date.parse(captures[0]!.received_at));
  const h = alertHarness({}, clock);
  try {
    for (const capture of captures) {
      clock.advance(Math.max(0, Date.parse(capture.received_at) - clock.now()));
      h.deliver(capture.raw);
    }
    clock.advance(60 * 60_000);
    const alerts = h.alerts('all').map((a) => ({
      meeting: a.meetingUuid,
      kind: a.kind,
      details: a.details,
      count: a.count,
      resolvedReason: a.resolvedReason,
    }));
    // recurring meetings without a fixed time (type 3): no over-time alert despite running for hours
    expect(alerts).toEqual([
      {
        meeting: 'TESTUUID0004==',
        kind: 'mass_exodus',
        // two waves around 15:00: 8 of the 10 people seen there, then 6 of 11
        details: { left: 6, before: 11, windowSeconds: 60 },
        count: 2,
        resolvedReason: 'quiet',
      },
      {
        // the host (the only participant whose account id is the host_id) stayed 8 seconds
        meeting: 'TESTUUID0002==',
        kind: 'host_absent',
        details: { hostName: '참가자06', leftAt: '2026-04-11T08:31:23.000Z' },
        count: 1,
        resolvedReason: 'meeting_ended',
      },
    ]);
  } finally {
    h.close();
  }
});
