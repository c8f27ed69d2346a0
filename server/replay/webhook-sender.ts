/**
 * Delivers webhook bodies the way Zoom does: signed with the secret token (`x-zm-signature` over
 * the exact bytes, `x-zm-request-timestamp` = now), POSTed to the endpoint, retried after a 5xx or
 * a network error (Zoom waits minutes; a replay does not), never after a 4xx.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestOutcome } from '../ingest/ingest';
import { zoomSignature } from '../ingest/signature';

export type SendStatus = IngestOutcome['status'];

export type SendOutcome = { status: SendStatus } | { status: 'failed'; reason: string };

export interface SenderOptions {
  /** the server's base URL (`http://127.0.0.1:3000`) or its full webhook URL */
  url: string;
  secret: string;
  /** waits before each retry; its length is the number of retries (default 0.5 s, 1 s, 2 s) */
  retryDelaysMs?: readonly number[];
  /** now in ms, for the signature timestamp */
  now?: () => number;
}

const STATUSES = new Set<string>(['accepted', 'duplicate', 'quarantined']);

/** `http://host:port` -> `http://host:port/webhooks/zoom`; a URL with a path is used as it is */
export function webhookUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/webhooks/zoom';
  return parsed.toString();
}

export class WebhookSender {
  readonly url: string;
  private readonly secret: string;
  private readonly retryDelaysMs: readonly number[];
  private readonly now: () => number;

  constructor(options: SenderOptions) {
    this.url = webhookUrl(options.url);
    this.secret = options.secret;
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 1000, 2000];
    this.now = options.now ?? Date.now;
  }

  /** posts one body (its exact text) and tells what the server did with it */
  async send(body: string): Promise<SendOutcome> {
    let outcome: SendOutcome = { status: 'failed', reason: 'not sent' };
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      if (attempt > 0) await sleep(this.retryDelaysMs[attempt - 1]);
      const { outcome: result, retry } = await this.attempt(body);
      outcome = result;
      if (!retry) break;
    }
    return outcome;
  }

  private async attempt(body: string): Promise<{ outcome: SendOutcome; retry: boolean }> {
    const timestamp = String(Math.floor(this.now() / 1000));
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-zm-request-timestamp': timestamp,
          // fetch sends the string as UTF-8: the very bytes signed here
          'x-zm-signature': zoomSignature(this.secret, timestamp, Buffer.from(body, 'utf8')),
        },
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { outcome: { status: 'failed', reason: cause?.code ?? cause?.message ?? String(error) }, retry: true };
    }
    const text = await response.text();
    let json: { status?: unknown; error?: { code?: unknown } } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // a proxy's HTML error page: the status code says enough
    }
    if (response.ok) {
      // anything else a 2xx can be is the answer to endpoint.url_validation
      const status = typeof json.status === 'string' && STATUSES.has(json.status) ? json.status : 'accepted';
      return { outcome: { status: status as SendStatus }, retry: false };
    }
    const code = typeof json.error?.code === 'string' ? ` ${json.error.code}` : '';
    return { outcome: { status: 'failed', reason: `HTTP ${response.status}${code}` }, retry: response.status >= 500 };
  }
}
