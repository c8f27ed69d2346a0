import { describe, expect, it } from 'vitest';
import { fixedRate, restamp, signDeliveries } from '../../../scripts/bench/deliveries';
import { Traffic } from '../../../server/demo/simulator';
import { verifyZoomSignature } from '../../../server/ingest/signature';

const bodies = new Traffic({ seed: 11 }).take(50).map((e) => e.body);

describe('restamp', () => {
  it('gives event_ts near the times, unique and increasing, and leaves the bodies as they were', () => {
    const originals = bodies.slice(0, 4).map((b) => b.event_ts);
    const stamped = restamp(bodies.slice(0, 4), [5_000.4, 5_000.2, 4_990, 5_010]);
    expect(stamped.map((b) => b.event_ts)).toEqual([5_000, 5_001, 5_002, 5_010]);
    expect(stamped[1]!.payload).toBe(bodies[1]!.payload);
    expect(bodies.slice(0, 4).map((b) => b.event_ts)).toEqual(originals);
  });
});

describe('fixedRate', () => {
  it('spaces due times evenly at the rate', () => {
    expect(fixedRate(4, 1_000, 10_000)).toEqual([10_000, 10_001, 10_002, 10_003]);
    expect(fixedRate(3, 400, 0)).toEqual([0, 2.5, 5]);
  });
});

describe('signDeliveries', () => {
  it('signs the exact bytes sent, as Roomwatch verifies them', () => {
    const now = Date.UTC(2026, 3, 3, 17, 0, 0);
    const [delivery] = signDeliveries(bodies.slice(0, 1), 'bench-secret', now);
    expect(delivery!.body.toString('utf8')).toBe(JSON.stringify(bodies[0]));
    expect(delivery!.headers['content-length']).toBe(String(delivery!.body.length));
    expect(delivery!.meetingUuid).toBe(bodies[0]!.payload.object.uuid);
    const check = (secrets: string[]) =>
      verifyZoomSignature({
        signature: delivery!.headers['x-zm-signature'],
        timestamp: delivery!.headers['x-zm-request-timestamp'],
        rawBody: delivery!.body,
        secrets,
        nowMs: now,
      });
    expect(check(['bench-secret']).ok).toBe(true);
    expect(check(['another-secret']).ok).toBe(false);
  });
});
