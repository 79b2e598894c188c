import { RegionLocator, planarRegion } from '../../domain/grid/aggregate.ts';
import type { Location, Service } from '../../domain/services/model.ts';
import { openState, type OpenState } from '../../domain/services/opening-hours.ts';
import { matchesFilter, type ServiceFilter } from '../../domain/services/search.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import type { RegionStore } from '../ports.ts';

/** The filters a caller can give (query parameters of the list routes). */
export interface ServiceQuery {
  text?: string | undefined;
  /** Term keys, e.g. `zielgruppe.jugendliche` or `lebenslage.bildung`; all must match. */
  terms?: readonly string[] | undefined;
  /** Planning-area key (Sozialraum). */
  area?: string | undefined;
  age?: number | undefined;
  openNow?: boolean | undefined;
}

/** The tenant's planning areas (Sozialräume) with name, for filters. */
export async function planningAreas(regions: Pick<RegionStore, 'listForTenant'>, tenantKey: string) {
  const list = await regions.listForTenant(tenantKey, 'planning_area');
  return list.filter((r) => r.geometry !== null && r.validTo === null);
}

/**
 * Which planning area each location lies in (point in polygon on WGS84 degrees, which is
 * exact for the containment test); locations without coordinates or outside all areas are absent.
 */
export async function areaOfLocations(
  regions: Pick<RegionStore, 'listForTenant'>,
  tenantKey: string,
  locations: readonly Location[],
): Promise<{ areas: { key: string; name: string }[]; areaOf: Map<string, string> }> {
  const areas = await planningAreas(regions, tenantKey);
  const areaOf = new Map<string, string>();
  if (areas.length > 0) {
    const locator = new RegionLocator(areas.map((a) => planarRegion(a.key, a.geometry!)));
    for (const l of locations) {
      if (l.latitude === null || l.longitude === null) continue;
      const index = locator.locate(l.longitude, l.latitude);
      if (index >= 0) areaOf.set(l.id, locator.keys[index]!);
    }
  }
  return { areas: areas.map((a) => ({ key: a.key, name: a.name })), areaOf };
}

/** Filters services by the query; `areaOf` from {@link areaOfLocations}. */
export function filterServices(
  services: readonly Service[],
  query: ServiceQuery,
  context: { areaOf: Map<string, string>; areaKeys: readonly string[]; now: Date },
): Service[] {
  if (query.area !== undefined && !context.areaKeys.includes(query.area))
    throw new InvalidError(`Den Sozialraum „${query.area}“ gibt es nicht.`, 'unknown-area', {
      fields: { area: 'Unbekannter Sozialraum' },
    });
  const filter: ServiceFilter = {
    text: query.text?.trim() || undefined,
    termKeys: query.terms && query.terms.length > 0 ? query.terms : undefined,
    age: query.age,
    locationIdsInArea:
      query.area === undefined
        ? undefined
        : new Set([...context.areaOf].filter(([, area]) => area === query.area).map(([id]) => id)),
    openAt: query.openNow ? context.now : undefined,
  };
  return services.filter((s) => matchesFilter(s, filter));
}

/** Open state of a service now (Europe/Berlin). */
export function openNow(service: Service, now: Date): OpenState {
  return openState(service.schedules, now);
}
