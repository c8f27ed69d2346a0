import { createHmac, timingSafeEqual } from 'node:crypto';

/** Zoom refuses nothing older, and neither do we: a replayed delivery outside this window is rejected. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

export type SignatureFailure =
  'missing_signature' | 'missing_timestamp' | 'malformed_timestamp' | 'stale_timestamp' | 'bad_signature';

export type SignatureCheck = { ok: true; secret: string } | { ok: false; reason: SignatureFailure };

export function hmacHex(secret: string, ...parts: (string | Uint8Array)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body bytes}`) */
export function zoomSignature(secret: string, timestamp: string, rawBody: Uint8Array): string {
  return `v0=${hmacHex(secret, `v0:${timestamp}:`, rawBody)}`;
}

export interface SignatureInput {
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Uint8Array;
  secrets: readonly string[];
  nowMs: number;
}

/**
 * Checks a delivery against every configured secret (rotation), always computing all of them so the
 * time taken does not reveal which secret matched; each comparison is constant-time over the bytes.
 */
export function verifyZoomSignature(input: SignatureInput): SignatureCheck {
  const { signature, timestamp, rawBody, secrets, nowMs } = input;
  if (!signature) return { ok: false, reason: 'missing_signature' };
  if (!timestamp) return { ok: false, reason: 'missing_timestamp' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed_timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const given = Buffer.from(signature, 'utf8');
  let matched: string | undefined;
  for (const secret of secrets) {
    const expected = Buffer.from(zoomSignature(secret, timestamp, rawBody), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given) && matched === undefined) {
      matched = secret;
    }
  }
  return matched === undefined ? { ok: false, reason: 'bad_signature' } : { ok: true, secret: matched };
}
