import { queryClient } from '../api/client';

/** After a proposal changed: every proposal list and page, and the figures built on them, are stale. */
export function invalidateProposals(): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: ({ queryKey }) =>
      typeof queryKey[1] === 'string' && /^\/api\/(proposals|progress|placements)/.test(queryKey[1]),
  });
}
