import { QueryClient } from '@tanstack/react-query';
import createFetchClient from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import type { paths } from './schema';
import { refreshSession, session } from './session';

function withAuthorization(request: Request): Request {
  const authorization = session.authorization();
  if (!authorization) return request;
  const headers = new Headers(request.headers);
  headers.set('authorization', authorization);
  return new Request(request, { headers });
}

/** Sends the access token; on a 401 refreshes the sign-in once and tries again. */
async function fetchSignedIn(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await fetch(withAuthorization(request));
  if (response.status !== 401 || !(await refreshSession())) return response;
  return fetch(withAuthorization(retry));
}

/** The one API client, typed from docs/openapi.json (schema.d.ts, `npm run openapi:write`). */
export const api = createFetchClient<paths>({ fetch: fetchSignedIn });

/**
 * Queries and mutations over the same client: `$api.useQuery('get', '/api/progress', { params })`.
 * Their query key is `[method, path, init]`, so invalidating `['get', '/api/proposals']` refreshes
 * every proposal list.
 */
export const $api = createQueryClient(api);

export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false } },
});
