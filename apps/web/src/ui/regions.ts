import { $api } from '../api/client';

/** The regions by id (GET /api/regions: every signed-in role reads them), for names in lists. */
export function useRegions() {
  const regions = $api.useQuery('get', '/api/regions');
  return {
    list: regions.data ?? [],
    nameOf: (id: string) => regions.data?.find((region) => region.id === id)?.name ?? '…',
  };
}
