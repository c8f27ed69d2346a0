import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { errorBody, notFound } from '../http/errors';
import type { Metrics } from './metrics';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics for Prometheus, with `Authorization: Bearer <token>`. Without a token configured
 * there is no such route: the series say how busy the server is, which is nobody's business by default.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Hono {
  const app = new Hono();
  // said explicitly: the dashboard's fallback would otherwise answer it with the page shell
  if (token === undefined) return app.get('/', notFound);
  const expected = digest(`Bearer ${token}`);
  app.get('/', async (c) => {
    // compared as digests: equal lengths, and constant time
    if (!timingSafeEqual(digest(c.req.header('authorization') ?? ''), expected)) {
      return c.json(errorBody('unauthorized', 'send Authorization: Bearer <ROOMWATCH_METRICS_TOKEN>'), 401, {
        'www-authenticate': 'Bearer realm="roomwatch metrics"',
      });
    }
    return c.body(await metrics.registry.metrics(), 200, {
      'content-type': metrics.registry.contentType,
      'cache-control': 'no-store',
    });
  });
  return app;
}
