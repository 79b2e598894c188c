import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ServiceRegisterStore } from './ports.ts';

/** One service at one location, as the gap analysis needs it (WGS84 degrees). */
export interface ServicePoint {
  /** The service-at-location id `<serviceId>@<locationId>`, for links from a gap cell to the entry. */
  id: string;
  serviceId: string;
  name: string;
  termKeys: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  /** Places at this location; null when unknown or when the service is spread over several locations. */
  capacity: number | null;
  longitude: number | null;
  latitude: number | null;
}

/**
 * The active, not archived services of a municipality as points, one per location (published
 * or not: the gap analysis is internal). A service at several locations has no known capacity
 * per location (null), so that its places are never counted twice. Members of the tenant.
 */
export async function listServicePoints(
  deps: { register: ServiceRegisterStore },
  actor: Actor,
  input: { tenantKey: string },
): Promise<ServicePoint[]> {
  requireReadTenant(actor, input.tenantKey);
  const [services, locations] = await Promise.all([
    deps.register.listServices(input.tenantKey),
    deps.register.listLocations(input.tenantKey),
  ]);
  const byId = new Map(locations.map((l) => [l.id, l]));
  return services
    .filter((s) => s.status === 'active')
    .flatMap((s) =>
      s.locationIds.map((locationId) => {
        const l = byId.get(locationId);
        return {
          id: `${s.id}@${locationId}`,
          serviceId: s.id,
          name: s.name,
          termKeys: s.termKeys,
          minimumAge: s.minimumAge,
          maximumAge: s.maximumAge,
          capacity: s.locationIds.length === 1 ? s.capacity : null,
          longitude: l?.longitude ?? null,
          latitude: l?.latitude ?? null,
        };
      }),
    );
}
