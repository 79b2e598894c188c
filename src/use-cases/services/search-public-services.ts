import { isPublic } from '../../domain/services/model.ts';
import type { OpenState } from '../../domain/services/opening-hours.ts';
import { publicView, type PublicService } from '../../domain/services/public-view.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import type { RegionStore, TenantStore } from '../ports.ts';
import type { ServiceRegisterStore } from './ports.ts';
import { areaOfLocations, filterServices, openNow, type ServiceQuery } from './service-search.ts';

/** A service as anonymous visitors see it, with the Sozialraum of each location and whether it is open now. */
export interface PublicServiceEntry extends PublicService {
  areas: (string | null)[];
  openNow: OpenState;
}

/**
 * The public service search of a municipality (Angebotslandkarte): only published, active,
 * not archived services; never contact persons, never contact data of private persons (see
 * publicView). Filters: text, terms (Zielgruppe, Lebenslage, Handlungsfeld), Sozialraum, age, open now.
 */
export async function searchPublicServices(
  deps: {
    tenants: Pick<TenantStore, 'get'>;
    register: ServiceRegisterStore;
    regions: Pick<RegionStore, 'listForTenant'>;
    clock: Clock;
  },
  input: { tenantKey: string; query: ServiceQuery; serviceId?: string },
): Promise<{ areas: { key: string; name: string }[]; services: PublicServiceEntry[] }> {
  if (!(await deps.tenants.get(input.tenantKey)))
    throw new NotFoundError('Die Gebietskörperschaft wurde nicht gefunden.', 'tenant-not-found');
  const [services, locations, organizations] = await Promise.all([
    deps.register.listServices(input.tenantKey),
    deps.register.listLocations(input.tenantKey),
    deps.register.listOrganizations(input.tenantKey),
  ]);
  const now = deps.clock.now();
  const visible = services.filter((s) => isPublic(s) && (input.serviceId === undefined || s.id === input.serviceId));
  const { areas, areaOf } = await areaOfLocations(deps.regions, input.tenantKey, locations);
  const chosen = filterServices(visible, input.query, { areaOf, areaKeys: areas.map((a) => a.key), now });
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const out: PublicServiceEntry[] = [];
  for (const service of chosen) {
    const organization = orgById.get(service.organizationId);
    if (!organization) continue;
    const locs = service.locationIds.flatMap((id) => (locationById.has(id) ? [locationById.get(id)!] : []));
    out.push({
      ...publicView(service, organization, locs),
      areas: locs.map((l) => areaOf.get(l.id) ?? null),
      openNow: openNow(service, now),
    });
  }
  return { areas, services: out };
}
