/** Sustained throughput: signed deliveries posted closed loop, CONCURRENCY in flight, against a fresh server. */
import type { ZoomBody } from '../../server/demo/simulator';
import { SECRET, withServer, type BenchContext, type ServerKind } from './context';
import { signDeliveries } from './deliveries';
import { WebhookPoster, closedLoop, postAll, type ClosedLoopResult } from './http-load';

/** posts in flight at most */
export const CONCURRENCY = 32;

export type ThroughputResult = ClosedLoopResult & { outcomes: WebhookPoster['outcomes'] };

/**
 * `setup.prepare` fills the server's folder before it starts; `setup.bodies` are posted first,
 * unmeasured; then `bodies` closed loop for warmupMs + measureMs.
 */
export async function sustainedThroughput(
  context: BenchContext,
  kind: ServerKind,
  run: string,
  bodies: readonly ZoomBody[],
  size: { warmupMs: number; measureMs: number },
  setup: { bodies?: readonly ZoomBody[]; prepare?: (dir: string) => void } = {},
): Promise<ThroughputResult> {
  return withServer(
    context,
    kind,
    run,
    async (server) => {
      if (setup.bodies) {
        // connections of its own: signing the run takes seconds, long enough for the server to close
        // idle keep-alive connections
        const filler = new WebhookPoster(server.url, 16);
        await postAll(filler, signDeliveries(setup.bodies, SECRET, Date.now()), 16);
        filler.close();
      }
      const poster = new WebhookPoster(server.url, CONCURRENCY);
      const deliveries = signDeliveries(bodies, SECRET, Date.now());
      const result = await closedLoop(poster, deliveries, { concurrency: CONCURRENCY, ...size });
      poster.close();
      return { ...result, outcomes: poster.outcomes };
    },
    { prepare: setup.prepare },
  );
}
