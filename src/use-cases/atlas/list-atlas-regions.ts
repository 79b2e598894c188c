import type { RegionLevel } from '../../domain/regions/region.ts';
import { canReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries } from '../ports.ts';

/** Currently valid regions of a level with area (km²), centroid (lon, lat) and repair flag. */
export function listAtlasRegions(
  deps: { atlas: AtlasQueries },
  actor: Actor,
  input: { level: RegionLevel; tenantKey: string | null },
) {
  const owners: (string | null)[] = [null];
  if (input.tenantKey !== null && canReadTenant(actor, input.tenantKey)) owners.push(input.tenantKey);
  return deps.atlas.regions(input.level, owners);
}
