import type { Clock } from '../../server/clock';
import { FakeZoom, type FakeZoomAccount, type RateLimits } from '../../server/demo/fake-zoom/server';
import { ZoomTruth } from '../../server/demo/fake-zoom/truth';
import type { World } from '../../server/demo/simulator';
import type { ZoomConnection } from '../../server/repair/connection';

export const TEST_APP_ID = 'test-app';

export interface FakeZoomOptions {
  world: World;
  clock: Clock;
  /** per account overrides (scopes, dashboard) */
  account?: Partial<FakeZoomAccount>;
  maxPageSize?: number;
  tokenSeconds?: number;
  /** the account's rate limits (default: a Business plan's) */
  limits?: RateLimits;
  /** how many of the newest calls its log keeps */
  keptCalls?: number;
  /** how many of the newest deliveries its webhook log keeps */
  keptDeliveries?: number;
}

/** The fake Zoom API of a simulated world, every account of it with a Server-to-Server OAuth app, listening. */
export async function startFakeZoom(options: FakeZoomOptions): Promise<FakeZoom> {
  const { world, clock } = options;
  const now = () => clock.now();
  const fake = new FakeZoom({
    truth: new ZoomTruth(() => world.meetings, now),
    accounts: world.accounts.map((a, i) => ({
      accountId: a.id,
      clientId: `client-${i}`,
      clientSecret: `secret-${i}`,
      appId: TEST_APP_ID,
      ...options.account,
    })),
    now,
    maxPageSize: options.maxPageSize,
    tokenSeconds: options.tokenSeconds,
    limits: options.limits,
    keptCalls: options.keptCalls,
    keptDeliveries: options.keptDeliveries,
  });
  await fake.listen();
  return fake;
}

/** The connection Roomwatch needs for the fake (intervals in seconds). */
export function connectionTo(
  fake: FakeZoom,
  world: World,
  settings: Partial<Omit<ZoomConnection, 'accounts' | 'apiUrl' | 'oauthUrl'>> & { appId?: string | null } = {},
): ZoomConnection {
  const { appId = TEST_APP_ID, ...rest } = settings;
  return {
    accounts: world.accounts.map((a, i) => ({
      accountId: a.id,
      clientId: `client-${i}`,
      clientSecret: `secret-${i}`,
      appId,
    })),
    apiUrl: fake.apiUrl,
    oauthUrl: fake.oauthUrl,
    participantsIntervalMs: 60_000,
    meetingsIntervalMs: 180_000,
    budgetShare: 0.5,
    ...rest,
  };
}
