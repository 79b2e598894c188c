import type { Location } from '../../domain/services/model.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ServiceRegisterStore } from './ports.ts';

/**
 * The locations of the tenant, by name; with `withoutCoordinates` only those flagged for
 * placing by hand on the map. Members of the tenant and the state organisation.
 */
export async function listLocations(
  deps: { register: ServiceRegisterStore },
  actor: Actor,
  input: { tenantKey: string; withoutCoordinates?: boolean },
): Promise<Location[]> {
  requireReadTenant(actor, input.tenantKey);
  const all = await deps.register.listLocations(input.tenantKey);
  return input.withoutCoordinates ? all.filter((l) => l.latitude === null || l.longitude === null) : all;
}
