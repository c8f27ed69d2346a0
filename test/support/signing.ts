import { createHmac } from 'node:crypto';

export const TEST_SECRET = 'test-secret-token-4f9a';

/** Zoom's signature, computed independently of server/ingest/signature.ts. */
export function signedHeaders(
  body: string | Uint8Array,
  secret = TEST_SECRET,
  timestampSec = Math.floor(Date.now() / 1000),
) {
  const ts = String(timestampSec);
  const hmac = createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex');
  return {
    'content-type': 'application/json; charset=utf-8',
    'x-zm-request-timestamp': ts,
    'x-zm-signature': `v0=${hmac}`,
  };
}
