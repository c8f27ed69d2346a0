/**
 * Calls to Zoom's REST API for one account: a Server-to-Server OAuth token (renewed a minute
 * before it expires, and once after a 401), every call counted against the account's budget, and
 * every failure turned into a ZoomApiError that says what went wrong. Secrets never leave here.
 */
import type { CallBudget, CallClass } from './budget';
import type { ZoomAccount } from './connection';

/** Zoom's own SDK renews this long before expiry. */
const RENEW_BEFORE_MS = 60_000;
const TIMEOUT_MS = 15_000;
/** Zoom's error codes that change what repair does */
export const ZOOM_CODES = { planWithoutDashboard: 200, missingScopes: 4711, meetingNotFound: 3001 } as const;

export type ZoomFailure =
  | 'budget' // the budget allows no call now
  | 'stopped' // Roomwatch stopped while the call waited for the budget
  | 'rate_limited' // 429
  | 'unauthorized' // the token was refused even after renewal
  | 'token' // no token could be had
  | 'http' // any other status
  | 'network'
  | 'invalid_answer';

/** Zoom's answer about a meeting (or webinar) that is not live, or never was: an answer, not a failure. */
export const isMeetingNotFound = (status: number | null, code: number | null): boolean =>
  status === 404 && code === ZOOM_CODES.meetingNotFound;

export class ZoomApiError extends Error {
  constructor(
    readonly failure: ZoomFailure,
    message: string,
    readonly status: number | null = null,
    readonly code: number | null = null,
  ) {
    super(message);
  }

  get meetingNotFound(): boolean {
    return this.failure === 'http' && isMeetingNotFound(this.status, this.code);
  }
}

interface Token {
  value: string;
  expiresAt: number;
  scopes: string[];
}

export interface ZoomClientDeps {
  account: ZoomAccount;
  apiUrl: string;
  oauthUrl: string;
  budget: CallBudget;
  now: () => number;
  /** resolves after ms on the server's clock: calls that wait for the budget */
  sleep: (ms: number) => Promise<void>;
}

function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorOf(body: unknown): { code: number | null; message: string } {
  const record = (body ?? {}) as { code?: unknown; message?: unknown; reason?: unknown };
  return {
    code: typeof record.code === 'number' ? record.code : null,
    message:
      typeof record.message === 'string' ? record.message : typeof record.reason === 'string' ? record.reason : '',
  };
}

export class ZoomClient {
  private token: Token | null = null;
  private pendingToken: Promise<Token> | null = null;

  constructor(private readonly deps: ZoomClientDeps) {}

  get accountId(): string {
    return this.deps.account.accountId;
  }

  /** the scopes of the current token (fetching one if needed) */
  async scopes(): Promise<string[]> {
    return (await this.currentToken()).scopes;
  }

  /**
   * GET a path of the API (e.g. `/metrics/meetings`), counted against the budget; throws
   * ZoomApiError. With `wait`, a call the budget does not allow now waits until it does, instead
   * of failing with 'budget'.
   */
  async get(path: string, query: Record<string, string>, kind: CallClass, wait = false): Promise<unknown> {
    const { budget, now } = this.deps;
    await this.spend(kind, wait);
    let token = await this.currentToken();
    let response = await this.call(path, query, token.value);
    if (response.status === 401) {
      // Zoom revokes tokens (app deactivated, secret rotated): one renewal, then give up
      budget.answered('failed');
      this.token = null;
      token = await this.currentToken();
      await this.spend(kind, wait);
      response = await this.call(path, query, token.value);
    }
    const body = await readJson(response).catch(() => null);
    if (response.status === 429) {
      budget.rateLimited(now(), retryAfterMs(response.headers.get('retry-after'), now()));
      throw new ZoomApiError('rate_limited', `Zoom answered 429 (rate limited) for ${path}`, 429);
    }
    if (response.status === 401) {
      budget.answered('failed');
      this.token = null;
      throw new ZoomApiError('unauthorized', `Zoom refused the access token for ${path}`, 401, errorOf(body).code);
    }
    budget.succeeded();
    const { code, message } = errorOf(body);
    const usable = response.ok && body !== null && typeof body === 'object';
    budget.answered(usable ? 'ok' : isMeetingNotFound(response.status, code) ? 'notFound' : 'failed');
    if (!response.ok) {
      throw new ZoomApiError(
        'http',
        `Zoom answered ${response.status} for ${path}${message ? `: ${message}` : ''}`,
        response.status,
        code,
      );
    }
    if (body === null || typeof body !== 'object')
      throw new ZoomApiError('invalid_answer', `Zoom's answer for ${path} is not a JSON object`, response.status);
    return body;
  }

  private async spend(kind: CallClass, wait: boolean): Promise<void> {
    const { budget, now, sleep } = this.deps;
    while (!budget.tryTake(kind, now())) {
      if (!wait) throw new ZoomApiError('budget', 'the call budget allows no call now');
      await sleep(Math.max(1, budget.waitMs(kind, now())));
    }
  }

  private async call(path: string, query: Record<string, string>, token: string): Promise<Response> {
    const url = new URL(this.deps.apiUrl.replace(/\/$/, '') + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    try {
      return await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      this.deps.budget.answered('failed');
      throw new ZoomApiError('network', `Zoom's API could not be reached: ${(error as Error).message}`);
    }
  }

  private async currentToken(): Promise<Token> {
    if (this.token && this.deps.now() < this.token.expiresAt - RENEW_BEFORE_MS) return this.token;
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = null;
    });
    this.token = await this.pendingToken;
    return this.token;
  }

  private async fetchToken(): Promise<Token> {
    const { account, oauthUrl, now } = this.deps;
    const url = new URL(oauthUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', account.accountId);
    const basic = Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ZoomApiError('token', `Zoom's OAuth endpoint could not be reached: ${(error as Error).message}`);
    }
    const body = (await readJson(response)) as { access_token?: unknown; expires_in?: unknown; scope?: unknown } | null;
    if (!response.ok) {
      const { message } = errorOf(body);
      throw new ZoomApiError(
        'token',
        `Zoom refused the token request (${response.status})${message ? `: ${message}` : ''}`,
        response.status,
      );
    }
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number' || body.expires_in <= 0) {
      throw new ZoomApiError('token', "Zoom's token answer has no access_token or expires_in");
    }
    return {
      value: body.access_token,
      expiresAt: now() + body.expires_in * 1000,
      scopes: typeof body.scope === 'string' ? body.scope.split(/\s+/).filter(Boolean) : [],
    };
  }
}

/** A meeting UUID as a path segment: Zoom wants those starting with `/` or holding `//` encoded twice. */
export function meetingPathSegment(uuid: string): string {
  const once = encodeURIComponent(uuid);
  return uuid.startsWith('/') || uuid.includes('//') ? encodeURIComponent(once) : once;
}
