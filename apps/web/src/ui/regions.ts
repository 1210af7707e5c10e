import { $api } from '../api/client';
import { useMe } from '../shell/useMe';

/**
 * The regions (GET /api/regions: every signed-in role reads them): their names by id for lists, and
 * the ones the signed-in person works in (the platform admin: every region) as a region picker's choices.
 */
export function useRegions() {
  const me = useMe();
  const regions = $api.useQuery('get', '/api/regions');
  return {
    nameOf: (id: string) => regions.data?.find((region) => region.id === id)?.name ?? '…',
    choices: (regions.data ?? [])
      .filter((region) => me.role === 'platform_admin' || me.regionIds.includes(region.id))
      .map((region) => ({ value: region.id, label: region.name })),
  };
}
