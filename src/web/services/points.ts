import type { PublicServiceEntry } from './types.ts';

/** One point of the map: a location of a service (WGS84 degrees). */
export interface ServicePoint {
  serviceId: string;
  locationId: string;
  name: string;
  longitude: number;
  latitude: number;
}

/** The map points of services: one per location with coordinates (locations without are only in the list). */
export function servicePoints(services: readonly PublicServiceEntry[]): ServicePoint[] {
  return services.flatMap((s) =>
    s.locations.flatMap((l) =>
      l.latitude === null || l.longitude === null
        ? []
        : [{ serviceId: s.id, locationId: l.id, name: s.name, longitude: l.longitude, latitude: l.latitude }],
    ),
  );
}

/** [minLon, minLat, maxLon, maxLat] of the points, or null when there are none. */
export function pointBounds(points: readonly ServicePoint[]): [number, number, number, number] | null {
  if (points.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.longitude);
    maxX = Math.max(maxX, p.longitude);
    minY = Math.min(minY, p.latitude);
    maxY = Math.max(maxY, p.latitude);
  }
  return [minX, minY, maxX, maxY];
}
