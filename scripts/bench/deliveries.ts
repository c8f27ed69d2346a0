/**
 * Webhook deliveries prepared before a run (serialised and signed ahead, so that sending one costs
 * the load generator only the write), and the plan of a measured run: when each is due.
 */
import type { ZoomBody } from '../../server/demo/simulator';
import { meetingUuidOf } from '../../server/state/normalize';
import { zoomSignature } from '../../server/ingest/signature';

export interface Delivery {
  name: string;
  meetingUuid: string | null;
  /** the body's event_ts */
  ts: number;
  body: Buffer;
  headers: Record<string, string>;
}

/** A delivery of an open-loop run and when it is due (wall clock, ms). */
export interface Scheduled {
  delivery: Delivery;
  dueAt: number;
}

/** serialises and signs bodies as Zoom would (signature timestamp: `nowMs`, valid for five minutes) */
export function signDeliveries(bodies: readonly ZoomBody[], secret: string, nowMs: number): Delivery[] {
  const timestamp = String(Math.floor(nowMs / 1000));
  return bodies.map((zoomBody) => {
    const body = Buffer.from(JSON.stringify(zoomBody), 'utf8');
    return {
      name: zoomBody.event,
      meetingUuid: meetingUuidOf(zoomBody),
      ts: zoomBody.event_ts,
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(body.length),
        'x-zm-request-timestamp': timestamp,
        'x-zm-signature': zoomSignature(secret, timestamp, body),
      },
    };
  });
}

/**
 * Copies of the bodies with event_ts near the given times but unique and increasing in this order,
 * so that a meeting's `lastEventAt` on a dashboard tells exactly which deliveries it reflects.
 */
export function restamp(bodies: readonly ZoomBody[], times: readonly number[]): ZoomBody[] {
  let previous = -Infinity;
  return bodies.map((body, i) => {
    const ts = Math.max(Math.round(times[i]!), previous + 1);
    previous = ts;
    return { ...body, event_ts: ts };
  });
}

/** due times of `count` deliveries at a fixed rate (per second), the first at `startAt` */
export function fixedRate(count: number, perSecond: number, startAt: number): number[] {
  return Array.from({ length: count }, (_, i) => startAt + (i * 1000) / perSecond);
}
