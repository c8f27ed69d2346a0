/**
 * Answers read as the API's contract says (shared/api/contract.ts): parsed with the route's schema,
 * so a test fails when an answer drifts from the type the dashboard is compiled against.
 */
import { errorBodySchema, type ErrorBody } from '../../shared/errors';
import { parseAnswer, urlOf, type Answer, type Call, type Route } from '../../shared/api/contract';

/** A successful answer of `route`; any other status fails with what the server said. */
export async function answerOf<R extends Route>(route: R, response: Response): Promise<Answer<R>> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${text}`);
  return parseAnswer(route, response.status === 204 ? null : JSON.parse(text));
}

/** The error of a refused request, in the API's one error envelope. */
export async function errorOf(response: Response): Promise<ErrorBody['error']> {
  if (response.ok) throw new Error(`expected an error, got ${response.status}: ${await response.text()}`);
  return errorBodySchema.parse(await response.json()).error;
}

type GetRoute = Extract<Route, `GET ${string}`>;

/** GETs a route through `fetcher` (a test server's `api`, signed in as its admin) and reads its answer. */
export async function getAnswer<R extends GetRoute>(
  fetcher: (path: string) => Promise<Response>,
  route: R,
  call?: Call<R>,
): Promise<Answer<R>> {
  return answerOf(route, await fetcher(urlOf(route, call)));
}
