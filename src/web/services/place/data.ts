import { request } from '../../api.ts';
import type { RegionCollection } from '../../atlas/types.ts';
import type { LonLat } from './coordinates.ts';
import type { Location, RegisterEntry } from './locations.ts';

const base = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}`;

/** The data layer of the placing page (members' API of one municipality). */
export const placeData = {
  /** All locations of the municipality (the page filters those without coordinates itself, so both counts agree). */
  locations: (tenantKey: string) => request<Location[]>('GET', `${base(tenantKey)}/service-locations`),
  /** The register's services (not archived), to show which services are offered at a location. */
  services: (tenantKey: string) =>
    request<{ entries: RegisterEntry[] }>('GET', `${base(tenantKey)}/services`).then((answer) => answer.entries),
  /** Boundaries of the Gemeinden for orientation and as first approximation. */
  gemeinden: (tenantKey: string) =>
    request<RegionCollection>(
      'GET',
      `${base(tenantKey)}/atlas/regions.geojson?${new URLSearchParams({ level: 'gemeinde' }).toString()}`,
    ),
  /** Places a location by hand (marked as placed manually, audited). */
  place: (tenantKey: string, locationId: string, point: LonLat) =>
    request<Location>('PUT', `${base(tenantKey)}/service-locations/${encodeURIComponent(locationId)}/position`, {
      latitude: point.latitude,
      longitude: point.longitude,
    }),
  /**
   * Takes a location's point away again (undo of a first placing): the position route only
   * sets points, so the whole location is saved unchanged except for the coordinates.
   */
  clear: (tenantKey: string, location: Location) =>
    request<Location>('PUT', `${base(tenantKey)}/service-locations/${encodeURIComponent(location.id)}`, {
      organizationId: location.organizationId,
      name: location.name,
      description: location.description,
      transportation: location.transportation,
      latitude: null,
      longitude: null,
      address: location.address,
      accessibility: location.accessibility,
    }),
};
