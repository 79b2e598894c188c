import type { RegionLevel } from '../../domain/regions/region.ts';
import { canReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries } from '../ports.ts';

/**
 * Region shapes of a level on a Gebietsstand (default: today) as a GeoJSON FeatureCollection
 * in WGS84, simplified for the zoom level when given; official shapes plus the tenant's own.
 */
export async function getRegionShapes(
  deps: { atlas: AtlasQueries; clock: { now(): Date } },
  actor: Actor,
  input: {
    tenantKey: string | null;
    level: RegionLevel;
    date?: string | undefined;
    bbox?: [number, number, number, number] | undefined;
    zoom?: number | undefined;
  },
) {
  const owners: (string | null)[] = [null];
  if (input.tenantKey !== null && canReadTenant(actor, input.tenantKey)) owners.push(input.tenantKey);
  const date = input.date ?? deps.clock.now().toISOString().slice(0, 10);
  const shapes = await deps.atlas.shapes(input.level, owners, { date, bbox: input.bbox, zoom: input.zoom });
  return {
    type: 'FeatureCollection' as const,
    gebietsstand: date,
    features: shapes.map((s) => ({
      type: 'Feature' as const,
      id: s.key,
      properties: { key: s.key, name: s.name, level: input.level, areaKm2: s.areaKm2 },
      geometry: s.geometry,
    })),
  };
}
