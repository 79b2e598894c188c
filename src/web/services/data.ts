import { request } from '../api.ts';
import { apiQuery, type ServiceFilters } from './filters.ts';
import type { RegionCollection } from '../atlas/types.ts';
import type { PublicServiceEntry, ServiceSearchResult, ServiceTenant, TaxonomyTerm } from './types.ts';

const base = (tenantKey: string) => `/api/public/services/${encodeURIComponent(tenantKey)}`;

/**
 * The data layer of the Angebotslandkarte. Everyone (anonymous visitors and members) reads
 * the public API: it returns only published, active, not archived services and never the
 * contact data of private persons, so the page shows what it gets.
 */
export const serviceData = {
  /**
   * The municipalities offered in the selector. The public service API has no list of its
   * own yet, so the list of public atlases stands in; another municipality can still be
   * opened by its key in the address (`kommune=`).
   */
  tenants: () => request<ServiceTenant[]>('GET', '/api/public/atlas'),
  /** The taxonomy in force (labels of Zielgruppen and Lebenslagen; hidden terms left out). */
  taxonomy: (tenantKey: string) => request<TaxonomyTerm[]>('GET', `${base(tenantKey)}/taxonomy`),
  /** The services matching the filters, with the planning areas for the Sozialraum filter. */
  search: (tenantKey: string, filters: ServiceFilters) => {
    const query = apiQuery(filters).toString();
    return request<ServiceSearchResult>('GET', query ? `${base(tenantKey)}?${query}` : base(tenantKey));
  },
  /** Outlines of the planning areas (Sozialräume) for orientation on the map, from the public atlas. */
  areaShapes: (tenantKey: string) =>
    request<RegionCollection>(
      'GET',
      `/api/public/atlas/${encodeURIComponent(tenantKey)}/regions.geojson?${new URLSearchParams({ level: 'planning_area' }).toString()}`,
    ),
  /** One public service (detail page); 404 when it is not public. */
  service: (tenantKey: string, serviceId: string) =>
    request<PublicServiceEntry>('GET', `${base(tenantKey)}/entries/${encodeURIComponent(serviceId)}`),
};
