/**
 * The dashboard's REST calls, typed from the API's contract (shared/api/contract.ts):
 * `api.get('/api/meetings/:uuid/counts', { params: { uuid } })` answers what that route answers.
 * Errors come as ApiFailure with the API's code and message. A 401 means the session ended: the
 * handler given to the client sends the user back to the sign-in page. Answers lose their bidi
 * controls on the way in (see user-text.ts).
 */
import { urlOf, type Answer, type Call, type Method, type PathOf, type RouteAt } from '../../../shared/api/contract';
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

/** A call's parameters, query and (for POST, PUT and PATCH) JSON body */
export type Options<M extends Method, P extends PathOf<M>> = Call<RouteAt<M, P>> & { body?: unknown };

export class ApiClient {
  /** `onUnauthorized` runs on any 401 but those of sign-in itself (a wrong password) */
  constructor(private readonly onUnauthorized: () => void) {}

  get<P extends PathOf<'GET'>>(path: P, options?: Options<'GET', P>): Promise<Answer<RouteAt<'GET', P>>> {
    return this.request('GET', path, options);
  }

  post<P extends PathOf<'POST'>>(path: P, options?: Options<'POST', P>): Promise<Answer<RouteAt<'POST', P>>> {
    return this.request('POST', path, options);
  }

  patch<P extends PathOf<'PATCH'>>(path: P, options: Options<'PATCH', P>): Promise<Answer<RouteAt<'PATCH', P>>> {
    return this.request('PATCH', path, options);
  }

  put<P extends PathOf<'PUT'>>(path: P, options: Options<'PUT', P>): Promise<Answer<RouteAt<'PUT', P>>> {
    return this.request('PUT', path, options);
  }

  delete<P extends PathOf<'DELETE'>>(path: P, options: Options<'DELETE', P>): Promise<Answer<RouteAt<'DELETE', P>>> {
    return this.request('DELETE', path, options);
  }

  private async request<M extends Method, P extends PathOf<M>>(
    method: M,
    path: P,
    options: Options<M, P> = {},
  ): Promise<Answer<RouteAt<M, P>>> {
    const { body } = options;
    const url = urlOf(`${method} ${path}` as RouteAt<M, P>, options);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiFailure(0, 'network', 'Roomwatch could not be reached. Check the connection and try again.');
    }
    if (response.status === 401 && path !== '/api/login') this.onUnauthorized();
    if (response.status === 204) return null as Answer<RouteAt<M, P>>;
    const payload = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return stripBidiDeep(payload) as Answer<RouteAt<M, P>>;
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
