import type { Location, Organization, Service } from '../../domain/services/model.ts';
import { effectiveTaxonomy, type TaxonomyTerm } from '../../domain/services/taxonomy.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ServiceRegisterStore, TaxonomyStore } from './ports.ts';

/** Everything needed to write the register as an HSDS package: entries and the taxonomy in force. */
export interface RegisterExport {
  organizations: Organization[];
  locations: Location[];
  services: Service[];
  terms: TaxonomyTerm[];
}

/**
 * The complete register of a municipality (including unpublished and archived entries and
 * contact persons) for an HSDS export; members of the tenant and the state organisation.
 */
export async function exportServiceRegister(
  deps: { register: ServiceRegisterStore; taxonomy: TaxonomyStore },
  actor: Actor,
  input: { tenantKey: string },
): Promise<RegisterExport> {
  requireReadTenant(actor, input.tenantKey);
  return {
    organizations: await deps.register.listOrganizations(input.tenantKey),
    locations: await deps.register.listLocations(input.tenantKey),
    services: await deps.register.listServices(input.tenantKey, { includeArchived: true }),
    terms: effectiveTaxonomy(await deps.taxonomy.overrides(input.tenantKey)),
  };
}
