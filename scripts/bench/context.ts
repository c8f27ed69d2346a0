/** What every benchmark gets, and what it gives back. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import type { ZoomBody } from '../../server/demo/simulator';
import { signDeliveries } from './deliveries';
import { WebhookPoster, postAll, type Outcomes } from './http-load';
import type { Figure } from './report';
import { startBare, startRoomwatch, type BareOptions, type ServerProcess } from './servers';

export const SECRET = 'bench-secret-token-7c1e';
export const ADMIN = { username: 'admin', password: 'bench-admin-password' } as const;

export interface BenchContext {
  /** smaller sizes and shorter runs, for a quick look */
  quick: boolean;
  /** of the simulated traffic */
  seed: number;
  /** ROOMWATCH_REALTIME_TICK_MS of the servers under test (undefined: Roomwatch's default) */
  tickMs: number | undefined;
  /** where the servers write CPU profiles (null: not profiled) */
  profileDir: string | null;
  /** a progress line on stderr */
  log(line: string): void;
}

export interface BenchOutcome {
  figures: Figure[];
  /** everything else measured, for the JSON file */
  details: Record<string, unknown>;
}

export type Benchmark = (context: BenchContext) => Promise<BenchOutcome>;

export type ServerKind = 'roomwatch' | 'bare';

const freshDir = () => mkdtempSync(join(tmpdir(), 'roomwatch-bench-'));

/**
 * Runs `use` against a fresh server of that kind (its own database, empty unless `prepare` fills its
 * folder first), then stops it and deletes the database.
 */
export async function withServer<T>(
  context: BenchContext,
  kind: ServerKind,
  run: string,
  use: (server: ServerProcess) => Promise<T>,
  options: Pick<BareOptions, 'broadcastTickMs'> & { prepare?: (dir: string) => void } = {},
): Promise<T> {
  const { prepare, ...bare } = options;
  const dir = freshDir();
  const profile = context.profileDir ? join(context.profileDir, `${run}-${kind}`) : undefined;
  try {
    prepare?.(dir);
    const server =
      kind === 'roomwatch'
        ? await startRoomwatch({ dir, secret: SECRET, adminPassword: ADMIN.password, tickMs: context.tickMs, profile })
        : await startBare({ dir, secret: SECRET, profile, ...bare });
    try {
      return await use(server);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs in as the admin and returns the `Cookie` header value of the new session. */
export async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = new RegExp(`^(${SESSION_COOKIE}=[^;]+)`).exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 200 || !cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie;
}

/** Signs the bodies and posts them all, `concurrency` at a time; answers what the server made of them. */
export async function postBodies(url: string, bodies: readonly ZoomBody[], concurrency: number): Promise<Outcomes> {
  const poster = new WebhookPoster(url, concurrency);
  await postAll(poster, signDeliveries(bodies, SECRET, Date.now()), concurrency);
  poster.close();
  return poster.outcomes;
}
