import type { Answer } from '../../shared/api/contract';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError, errorBody } from '../http/errors';
import type { Ingest } from './ingest';
import type { IngestMetrics } from './metrics';
import { readRawBody } from './raw-body';
import { hmacHex, verifyZoomSignature } from './signature';
import { classify } from '../events/validate';
import { log } from '../ops/log';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export interface WebhookDeps {
  secrets: readonly string[];
  ingest: Ingest;
  metrics: IngestMetrics;
  now: () => number;
}

type Verified = { Bindings: HttpBindings; Variables: { rawBody: Uint8Array; secret: string } };

/** Proves the delivery came from Zoom, over the exact bytes received, before anything parses it. */
function verifyZoom(deps: WebhookDeps) {
  return createMiddleware<Verified>(async (c, next) => {
    const rawBody = await readRawBody(c.env.incoming, MAX_WEBHOOK_BYTES);
    if (rawBody === 'too_large') {
      // the rest of the body is never read, so the connection cannot be reused
      return c.json(errorBody('payload_too_large', `body exceeds ${MAX_WEBHOOK_BYTES} bytes`), 413, {
        connection: 'close',
      });
    }
    const check = verifyZoomSignature({
      signature: c.req.header('x-zm-signature'),
      timestamp: c.req.header('x-zm-request-timestamp'),
      rawBody,
      secrets: deps.secrets,
      nowMs: deps.now(),
    });
    if (!check.ok) {
      deps.metrics.rejected[check.reason]++;
      throw new ApiError(401, check.reason, `webhook signature refused: ${check.reason.replaceAll('_', ' ')}`);
    }
    c.set('rawBody', rawBody);
    c.set('secret', check.secret);
    await next();
  });
}

export function webhookRoutes(deps: WebhookDeps): Hono<Verified> {
  const app = new Hono<Verified>();
  app.post('/zoom', verifyZoom(deps), async (c) => {
    const rawBody = c.get('rawBody');
    const classified = classify(rawBody);
    if (classified.kind === 'url_validation') {
      const { plainToken } = classified;
      return c.json({ plainToken, encryptedToken: hmacHex(c.get('secret'), plainToken) });
    }
    let outcome;
    try {
      outcome = await deps.ingest.submit(classified, rawBody);
    } catch (error) {
      log.error({ err: error }, 'webhook store failed');
      // 5xx on purpose: Zoom retries only after a 5xx or a time-out
      return c.json(errorBody('store_failed', 'the event could not be stored; retry later'), 503);
    }
    return c.json(outcome satisfies Answer<'POST /webhooks/zoom'>, 200);
  });
  return app;
}
