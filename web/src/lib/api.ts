/**
 * The dashboard's REST calls: JSON in and out, errors as ApiFailure with the API's code and
 * message. A 401 means the session ended: the handler given to the client sends the user back to
 * the sign-in page. Answers lose their bidi controls on the way in (see user-text.ts).
 */
import type { ErrorBody } from '../../../shared/errors';
import { stripBidiDeep } from '../../../shared/user-text';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** seconds, from Retry-After (sign-in limits) */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export class ApiClient {
  /** `onUnauthorized` runs on any 401 but those of sign-in itself (a wrong password) */
  constructor(private readonly onUnauthorized: () => void) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiFailure(0, 'network', 'Roomwatch could not be reached. Check the connection and try again.');
    }
    if (response.status === 401 && path !== '/api/login') this.onUnauthorized();
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return stripBidiDeep(payload) as T;
    const error = (payload as Partial<ErrorBody> | null)?.error;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiFailure(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}.`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
}
