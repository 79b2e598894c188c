import type { Location, Organization, Service } from '../../domain/services/model.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ServiceRegisterStore } from './ports.ts';

/** One service with its organisation and locations, for members of the tenant (and the state organisation). */
export async function getService(
  deps: { register: ServiceRegisterStore },
  actor: Actor,
  input: { tenantKey: string; serviceId: string },
): Promise<{ service: Service; organization: Organization | null; locations: Location[] }> {
  requireReadTenant(actor, input.tenantKey);
  const service = await deps.register.getService(input.tenantKey, input.serviceId);
  if (!service) throw new NotFoundError('Das Angebot wurde nicht gefunden.', 'service-not-found');
  const locations: Location[] = [];
  for (const id of service.locationIds) {
    const l = await deps.register.getLocation(input.tenantKey, id);
    if (l) locations.push(l);
  }
  return {
    service,
    organization: (await deps.register.getOrganization(input.tenantKey, service.organizationId)) ?? null,
    locations,
  };
}
