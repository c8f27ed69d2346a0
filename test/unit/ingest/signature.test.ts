import { describe, expect, it } from 'vitest';
import { verifyZoomSignature, zoomSignature } from '../../../server/ingest/signature';
import { signedHeaders } from '../../support/signing';

const now = Date.UTC(2026, 10, 24, 12, 0, 0);
const nowSec = Math.floor(now / 1000);
const body = JSON.stringify({
  event: 'meeting.participant_joined',
  event_ts: now,
  payload: {
    account_id: 'AcC0unt',
    object: { uuid: 'tubFEWg9SAaVamwu6V0+kw==', participant: { user_name: '김민준 🎧' } },
  },
});
const bytes = new TextEncoder().encode(body);

function check(headers: Record<string, string>, secrets = ['alpha'], raw: Uint8Array = bytes, at = now) {
  return verifyZoomSignature({
    signature: headers['x-zm-signature'],
    timestamp: headers['x-zm-request-timestamp'],
    rawBody: raw,
    secrets,
    nowMs: at,
  });
}

describe('Zoom webhook signature', () => {
  it('accepts a valid signature and reports the secret that matched', () => {
    expect(check(signedHeaders(bytes, 'alpha', nowSec))).toEqual({ ok: true, secret: 'alpha' });
  });

  it('matches an independently computed HMAC', () => {
    expect(zoomSignature('alpha', String(nowSec), bytes)).toBe(signedHeaders(bytes, 'alpha', nowSec)['x-zm-signature']);
  });

  it('refuses a signature made with another secret', () => {
    expect(check(signedHeaders(bytes, 'beta', nowSec))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a tampered body, even one changed by a single byte', () => {
    const tampered = new Uint8Array(bytes);
    tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 1;
    expect(check(signedHeaders(bytes, 'alpha', nowSec), ['alpha'], tampered)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('verifies the raw bytes, so a re-serialised body with emoji and Korean names does not match', () => {
    const reserialised = new TextEncoder().encode(JSON.stringify(JSON.parse(body), null, 1));
    expect(check(signedHeaders(bytes, 'alpha', nowSec), ['alpha'], reserialised).ok).toBe(false);
    const escaped = new TextEncoder().encode(body.replace('김민준', '\\uae40\\ubbfc\\uc900'));
    expect(check(signedHeaders(bytes, 'alpha', nowSec), ['alpha'], escaped).ok).toBe(false);
    expect(check(signedHeaders(escaped, 'alpha', nowSec), ['alpha'], escaped).ok).toBe(true);
  });

  it('refuses timestamps more than 5 minutes in the past or the future', () => {
    expect(check(signedHeaders(bytes, 'alpha', nowSec - 301))).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check(signedHeaders(bytes, 'alpha', nowSec + 301))).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check(signedHeaders(bytes, 'alpha', nowSec - 299)).ok).toBe(true);
    expect(check(signedHeaders(bytes, 'alpha', nowSec + 299)).ok).toBe(true);
  });

  it('refuses a millisecond timestamp and non-numeric ones', () => {
    expect(check(signedHeaders(bytes, 'alpha', now)).ok).toBe(false);
    const headers = { ...signedHeaders(bytes, 'alpha', nowSec), 'x-zm-request-timestamp': '17e8' };
    expect(check(headers)).toEqual({ ok: false, reason: 'malformed_timestamp' });
  });

  it('refuses missing headers', () => {
    const { 'x-zm-signature': _s, ...noSignature } = signedHeaders(bytes, 'alpha', nowSec);
    const { 'x-zm-request-timestamp': _t, ...noTimestamp } = signedHeaders(bytes, 'alpha', nowSec);
    expect(check(noSignature)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(check(noTimestamp)).toEqual({ ok: false, reason: 'missing_timestamp' });
  });

  it('accepts every secret of a rotation, and only those', () => {
    const secrets = ['old-secret', 'new-secret'];
    expect(check(signedHeaders(bytes, 'old-secret', nowSec), secrets)).toEqual({ ok: true, secret: 'old-secret' });
    expect(check(signedHeaders(bytes, 'new-secret', nowSec), secrets)).toEqual({ ok: true, secret: 'new-secret' });
    expect(check(signedHeaders(bytes, 'older-secret', nowSec), secrets).ok).toBe(false);
  });

  it('refuses a signature of the right length but other content, and one of another length', () => {
    const good = signedHeaders(bytes, 'alpha', nowSec);
    const flipped = good['x-zm-signature'].slice(0, -1) + (good['x-zm-signature'].endsWith('0') ? '1' : '0');
    expect(check({ ...good, 'x-zm-signature': flipped }).ok).toBe(false);
    expect(check({ ...good, 'x-zm-signature': `${good['x-zm-signature']}00` }).ok).toBe(false);
    expect(check({ ...good, 'x-zm-signature': good['x-zm-signature'].replace('v0=', 'v1=') }).ok).toBe(false);
  });
});
