/**
 * A fake of Zoom's OAuth and REST API, a real HTTP server that the tests and `npm run demo` point
 * ZOOM_OAUTH_URL and ZOOM_API_URL at. It answers from the simulator's truth (truth.ts) what Zoom
 * answers: Server-to-Server OAuth tokens, the Dashboard's live meetings and webinars, one of them
 * and its participants (paged), and the app's webhook delivery log. Tests script Zoom's failures on top:
 * 429 with Retry-After, missing scopes (4711), a plan without the Dashboard, revoked tokens, any
 * answer at all for the next calls of a path.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZOOM_LIMITS, type CallClass } from '../../repair/budget';
import { WEBHOOK_LOG_DAYS } from '../../repair/repairer';
import type { ZoomTruth } from './truth';

export interface FakeZoomAccount {
  accountId: string;
  clientId: string;
  clientSecret: string;
  appId?: string;
  /** the scopes of its tokens (default: the Dashboard's) */
  scopes?: string[];
  /** false: a plan without the Dashboard feature (default true) */
  dashboard?: boolean;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LoggedDelivery {
  event: string;
  /** 'success' or 'failed', as Zoom's log says */
  status: 'success' | 'failed';
  date_time: string;
  request_body: string;
}

/** One request the fake answered: what the budget tests count. */
export interface FakeCall {
  at: number;
  method: string;
  path: string;
  status: number;
  /** Zoom's rate-limit class of the path */
  class: CallClass;
  accountId: string | null;
  /** the Retry-After of a 429, in seconds */
  retryAfter: number | null;
}

/** The lists of live meetings and webinars are resource-intensive calls; the rest count as heavy ones. */
export function callClassOf(apiPath: string): CallClass {
  return /^\/v2\/metrics\/(meetings|webinars)$/.test(apiPath) ? 'list' : 'heavy';
}

export type RateLimits = { -readonly [K in keyof typeof ZOOM_LIMITS]: number };

export const DASHBOARD_SCOPES = ['dashboard_meetings:read:admin', 'marketplace:read:list_webhook_logs:admin'];

interface Issued {
  accountId: string;
  expiresAt: number;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** Zoom's URL encoding of meeting UUIDs: once, or twice when they start with / or hold // */
function decodeUuid(segment: string): string {
  const once = decodeURIComponent(segment);
  return /%[0-9A-Fa-f]{2}/.test(once) ? decodeURIComponent(once) : once;
}

function page<T>(items: readonly T[], url: URL, maxPageSize: number) {
  const size = Math.min(Number(url.searchParams.get('page_size')) || 30, maxPageSize, 300);
  const token = url.searchParams.get('next_page_token');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString()) || 0 : 0;
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(String(offset + size)).toString('base64url') : '';
  return { page_size: size, total_records: items.length, next_page_token: next, items: slice };
}

/** Calls kept in the fake's log by default: enough to read what repair did lately, in a demo of any length. */
export const KEPT_CALLS = 10_000;

/**
 * Deliveries kept in each app's webhook log by default, besides Zoom's own limit of 7 days: a long
 * busy demo stays bounded, and every test's log fits whole.
 */
export const KEPT_DELIVERIES = 10_000;
const WEBHOOK_LOG_MS = WEBHOOK_LOG_DAYS * 86_400_000;

/** The times of the calls in a sliding window, oldest first: how Zoom counts a rate limit. */
class SlidingWindow {
  private readonly times: number[] = [];
  private start = 0;

  constructor(private readonly windowMs: number) {}

  add(at: number): void {
    this.times.push(at);
  }

  /** Ms until one more call fits under `limit` (at most 0: now). */
  waitMs(limit: number, now: number): number {
    while (this.start < this.times.length && this.times[this.start]! <= now - this.windowMs) this.start++;
    if (this.start > 1024 && this.start * 2 > this.times.length) {
      this.times.splice(0, this.start);
      this.start = 0;
    }
    const count = this.times.length - this.start;
    return count < limit ? 0 : this.times[this.times.length - limit]! + this.windowMs - now;
  }
}

/** What Zoom counts of one account against its limits: every answered call but the 429s, a day, a minute of lists, a second of the rest. */
class AccountWindows {
  readonly day = new SlidingWindow(86_400_000);
  readonly list = new SlidingWindow(60_000);
  readonly heavy = new SlidingWindow(1000);
}

export interface FakeZoomOptions {
  truth: ZoomTruth;
  accounts: FakeZoomAccount[];
  now: () => number;
  /** lifetime of the tokens it issues, in seconds (default 3599) */
  tokenSeconds?: number;
  /** the largest page it hands out, to make paging happen in tests (default 300) */
  maxPageSize?: number;
  /** the account's rate limits, over which it answers 429 with Retry-After (default: a Business plan's) */
  limits?: RateLimits;
  /** how many of the newest calls `calls` keeps (default KEPT_CALLS); `callCount` counts them all */
  keptCalls?: number;
  /** how many of the newest deliveries each app's webhook log keeps (default KEPT_DELIVERIES); `deliveryCount` counts them all */
  keptDeliveries?: number;
}

export class FakeZoom {
  /** the newest calls of the REST API, oldest first (see keptCalls) */
  readonly calls: FakeCall[] = [];
  /** every call of the REST API it answered, those no longer in `calls` included */
  callCount = 0;
  private readonly windows = new Map<string, AccountWindows>();
  /** each app's webhook delivery log, oldest first: the last 7 days, as Zoom keeps it, and at most keptDeliveries */
  readonly webhookLog = new Map<string, LoggedDelivery[]>();
  /** every delivery logged, those no longer in `webhookLog` included */
  deliveryCount = 0;
  tokensIssued = 0;
  private readonly issued = new Map<string, Issued>();
  private readonly scripted: { path: RegExp; answers: FakeAnswer[] }[] = [];
  private readonly server: Server;
  private origin = '';

  constructor(private readonly options: FakeZoomOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => json(res, 500, { message: String(error) }));
    });
  }

  /** ZOOM_API_URL */
  get apiUrl(): string {
    return `${this.origin}/v2`;
  }

  /** ZOOM_OAUTH_URL */
  get oauthUrl(): string {
    return `${this.origin}/oauth/token`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, resolve);
    });
    const address = this.server.address() as AddressInfo;
    this.origin = `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** the next calls whose path matches get these answers, in order, instead of the truth */
  script(path: RegExp, ...answers: FakeAnswer[]): void {
    this.scripted.push({ path, answers });
  }

  /** every token issued so far stops working (an app deactivated, a secret rotated) */
  revokeTokens(): void {
    this.issued.clear();
  }

  /** records a delivery attempt in the app's webhook log, as Zoom does (forgetting what is older than 7 days) */
  logDelivery(appId: string, body: string, status: LoggedDelivery['status'], at = this.options.now()): void {
    const event = (JSON.parse(body) as { event?: string }).event ?? '';
    const log = this.webhookLog.get(appId) ?? [];
    log.push({ event, status, date_time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'), request_body: body });
    this.webhookLog.set(appId, log);
    this.deliveryCount++;
    const oldest = this.options.now() - WEBHOOK_LOG_MS;
    while (log.length > (this.options.keptDeliveries ?? KEPT_DELIVERIES)) log.shift();
    while (log.length > 0 && Date.parse(log[0]!.date_time) < oldest) log.shift();
  }

  /** calls of the REST API (not the token endpoint) matching a path */
  callsTo(path: RegExp): FakeCall[] {
    return this.calls.filter((c) => path.test(c.path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    let accountId: string | null = null;
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      if (url.pathname.startsWith('/v2/')) {
        const { pathname: path } = url;
        const call: FakeCall = {
          at: this.options.now(),
          method: req.method ?? '',
          path,
          status,
          class: callClassOf(path),
          accountId,
          retryAfter: headers?.['retry-after'] ? Number(headers['retry-after']) : null,
        };
        this.record(call);
      }
      json(res, status, body, headers);
    };
    const scripted = this.scripted.find((s) => s.answers.length > 0 && s.path.test(url.pathname));
    if (scripted) {
      const next = scripted.answers.shift()!;
      return answer(next.status, next.body ?? {}, next.headers);
    }
    if (req.method === 'POST' && url.pathname === '/oauth/token') return this.token(url, req, res);
    if (req.method !== 'GET' || !url.pathname.startsWith('/v2/'))
      return answer(404, { code: 404, message: 'Not found' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const issued = bearer ? this.issued.get(bearer) : undefined;
    if (!issued || issued.expiresAt <= this.options.now()) {
      return answer(401, { code: 124, message: 'Invalid access token.' });
    }
    const account = this.options.accounts.find((a) => a.accountId === issued.accountId)!;
    accountId = account.accountId;
    const waitSeconds = this.overLimit(account.accountId, callClassOf(url.pathname));
    if (waitSeconds !== null) {
      return answer(
        429,
        { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
        { 'retry-after': String(waitSeconds) },
      );
    }
    const path = url.pathname.slice('/v2'.length);
    const logs = /^\/marketplace\/apps\/([^/]+)\/webhook_logs$/.exec(path);
    if (logs) return this.webhookLogs(decodeURIComponent(logs[1]!), account, url, answer);
    const scopes = account.scopes ?? DASHBOARD_SCOPES;
    if (!scopes.includes('dashboard_meetings:read:admin')) {
      return answer(400, {
        code: 4711,
        message: 'Invalid access token, does not contain scopes:[dashboard_meetings:read:admin].',
      });
    }
    if (account.dashboard === false) {
      return answer(400, {
        code: 200,
        message: 'This API is only available for Business or higher accounts that have enabled the Dashboard feature.',
      });
    }
    const { truth, maxPageSize = 300 } = this.options;
    // the Dashboard's webinars answer as its meetings do, under their own names
    const list = /^\/metrics\/(meetings|webinars)$/.exec(path);
    if (list) {
      const kind = list[1] === 'webinars' ? 'webinar' : 'meeting';
      const { items, ...rest } = page(truth.liveMeetings(account.accountId, kind), url, maxPageSize);
      return answer(200, {
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
        ...rest,
        [list[1]!]: items,
      });
    }
    const one = /^\/metrics\/(meetings|webinars)\/([^/]+)(\/participants)?$/.exec(path);
    if (one) {
      const kind = one[1] === 'webinars' ? 'webinar' : 'meeting';
      const meeting = truth.meeting(account.accountId, decodeUuid(one[2]!), kind);
      if (!meeting) {
        const noun = kind === 'webinar' ? 'Webinar' : 'Meeting';
        return answer(404, { code: 3001, message: `${noun} does not exist: ${decodeUuid(one[2]!)}.` });
      }
      if (!one[3])
        return answer(
          200,
          truth.liveMeetings(account.accountId, kind).find((m) => m.uuid === meeting.facts.uuid),
        );
      const { items, ...rest } = page(truth.participants(meeting), url, maxPageSize);
      return answer(200, { page_count: Math.ceil(rest.total_records / rest.page_size), ...rest, participants: items });
    }
    return answer(404, { code: 404, message: 'Not found' });
  }

  /** Logs a call (the oldest beyond keptCalls leave the log) and counts it against its account's limits. */
  private record(call: FakeCall): void {
    this.callCount++;
    this.calls.push(call);
    if (this.calls.length > (this.options.keptCalls ?? KEPT_CALLS)) this.calls.shift();
    if (call.accountId === null || call.status === 429) return;
    const windows = this.windowsOf(call.accountId);
    windows.day.add(call.at);
    windows[call.class].add(call.at);
  }

  private windowsOf(accountId: string): AccountWindows {
    let windows = this.windows.get(accountId);
    if (!windows) this.windows.set(accountId, (windows = new AccountWindows()));
    return windows;
  }

  /** Seconds until a call of the class is allowed again, by the account's calls Zoom answered; null: allowed now. */
  private overLimit(accountId: string, kind: CallClass): number | null {
    const { listPerMinute, heavyPerSecond, perDay } = this.options.limits ?? ZOOM_LIMITS;
    const now = this.options.now();
    const windows = this.windowsOf(accountId);
    const wait = Math.max(
      windows.day.waitMs(perDay, now),
      windows[kind].waitMs(kind === 'list' ? listPerMinute : heavyPerSecond, now),
    );
    return wait <= 0 ? null : Math.max(1, Math.ceil(wait / 1000));
  }

  private token(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [clientId, clientSecret] = Buffer.from(basic ?? '', 'base64')
      .toString()
      .split(':');
    const account = this.options.accounts.find(
      (a) =>
        a.accountId === url.searchParams.get('account_id') &&
        a.clientId === clientId &&
        a.clientSecret === clientSecret,
    );
    if (url.searchParams.get('grant_type') !== 'account_credentials' || !account) {
      return json(res, 400, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    }
    const token = randomBytes(24).toString('base64url');
    const seconds = this.options.tokenSeconds ?? 3599;
    this.issued.set(token, { accountId: account.accountId, expiresAt: this.options.now() + seconds * 1000 });
    this.tokensIssued++;
    json(res, 200, {
      access_token: token,
      token_type: 'bearer',
      expires_in: seconds,
      scope: (account.scopes ?? DASHBOARD_SCOPES).join(' '),
      api_url: this.origin,
    });
  }

  private webhookLogs(
    appId: string,
    account: FakeZoomAccount,
    url: URL,
    answer: (status: number, body: unknown) => void,
  ): void {
    if (account.appId !== appId) return answer(404, { code: 4700, message: 'App does not exist.' });
    const from = Date.parse(url.searchParams.get('from') ?? '');
    const to = Date.parse(url.searchParams.get('to') ?? '');
    const entries = (this.webhookLog.get(appId) ?? []).filter((entry) => {
      const day = Date.parse(entry.date_time.slice(0, 10));
      return (Number.isNaN(from) || day >= from) && (Number.isNaN(to) || day <= to);
    });
    const { items, next_page_token, page_size } = page(entries, url, this.options.maxPageSize ?? 300);
    answer(200, { next_page_token, page_size, webhook_logs: items });
  }
}
