import { queryClient } from '../api/client';

/**
 * After a proposal changed: every proposal list and page, and what is built on them (the figures,
 * placements and their lessons, and the flags: withdrawing a flagged proposal closes its flag), are stale.
 */
export function invalidateProposals(): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: ({ queryKey }) =>
      typeof queryKey[1] === 'string' &&
      /^\/api\/(proposals|progress|placements|lessons|rule-flags)/.test(queryKey[1]),
  });
}
