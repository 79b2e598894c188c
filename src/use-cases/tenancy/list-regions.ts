import type { Region, RegionLevel } from '../../domain/regions/region.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { RegionStore } from '../ports.ts';

/** Regions visible in a tenant (official ones and its own planning areas); members and the state only. */
export async function listRegions(
  deps: { regions: RegionStore },
  actor: Actor,
  input: { tenantKey: string; level?: RegionLevel | undefined },
): Promise<Region[]> {
  requireReadTenant(actor, input.tenantKey);
  return deps.regions.listForTenant(input.tenantKey, input.level);
}
