import { $api } from '../api/client';

/** Who is signed in (GET /api/auth/me); the shell loads it before any page renders. */
export const useMeQuery = () => $api.useQuery('get', '/api/auth/me');

export function useMe() {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe is for pages inside the signed-in shell');
  return data;
}
