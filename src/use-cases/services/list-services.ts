import type { Location, Organization, Service } from '../../domain/services/model.ts';
import { berlinDate, type OpenState } from '../../domain/services/opening-hours.ts';
import { isOverdue } from '../../domain/services/overdue.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { RegionStore, SettingsStore } from '../ports.ts';
import { reviewAgeDays } from './list-overdue-services.ts';
import type { ServiceRegisterStore } from './ports.ts';
import { areaOfLocations, filterServices, openNow, type ServiceQuery } from './service-search.ts';

/** A service in the members' list: everything, with its organisation, locations (and their Sozialraum) and flags. */
export interface ServiceListEntry {
  service: Service;
  organization: Organization | null;
  locations: (Location & { area: string | null })[];
  openNow: OpenState;
  overdue: boolean;
  /** Some location has no coordinates (to be placed by hand). */
  withoutCoordinates: boolean;
}

/**
 * The register as members of the tenant see it: every service that is not archived (archived
 * ones when asked), published or not, filtered like the public search; plus the planning areas
 * for the filter. Members of the tenant (any role) and the state organisation.
 */
export async function listServices(
  deps: { register: ServiceRegisterStore; regions: Pick<RegionStore, 'listForTenant'>; settings: SettingsStore; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; query: ServiceQuery; includeArchived?: boolean },
): Promise<{ areas: { key: string; name: string }[]; entries: ServiceListEntry[] }> {
  requireReadTenant(actor, input.tenantKey);
  const [services, locations, organizations] = await Promise.all([
    deps.register.listServices(input.tenantKey, { includeArchived: input.includeArchived ?? false }),
    deps.register.listLocations(input.tenantKey),
    deps.register.listOrganizations(input.tenantKey),
  ]);
  const now = deps.clock.now();
  const { areas, areaOf } = await areaOfLocations(deps.regions, input.tenantKey, locations);
  const chosen = filterServices(services, input.query, { areaOf, areaKeys: areas.map((a) => a.key), now });
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const maxAge = await reviewAgeDays(deps.settings, input.tenantKey);
  const today = berlinDate(now);
  return {
    areas,
    entries: chosen.map((service) => {
      const locs = service.locationIds.flatMap((id) => {
        const l = locationById.get(id);
        return l ? [{ ...l, area: areaOf.get(id) ?? null }] : [];
      });
      return {
        service,
        organization: orgById.get(service.organizationId) ?? null,
        locations: locs,
        openNow: openNow(service, now),
        overdue: isOverdue(service.assuredDate, today, maxAge),
        withoutCoordinates: locs.some((l) => l.latitude === null),
      };
    }),
  };
}
