import { decimalsForZoom, fitZoom, geometriesBounds, quantizeGeometry, storedZoomFor } from '../../domain/geometry/map-detail.ts';
import { ATLAS_ZOOM_LEVELS } from '../../domain/geometry/simplify.ts';
import type { Geometry, RegionLevel } from '../../domain/regions/region.ts';
import { canReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries } from '../ports.ts';

/** A map's size in CSS pixels, for which the shapes are chosen (see `getRegionShapes`). */
export interface MapSize {
  width: number;
  height: number;
}

/** The input of `getRegionShapes`. */
export interface RegionShapesInput {
  tenantKey: string | null;
  level: RegionLevel;
  date?: string | undefined;
  bbox?: [number, number, number, number] | undefined;
  /** Zoom (256-px tiles) the shapes are drawn at; wins over `fit`. */
  zoom?: number | undefined;
  /** The size of a map that will show the whole level: the shapes are simplified for the zoom that fits them. */
  fit?: MapSize | undefined;
}

/** The coarsest stored simplification: the extent of a level is read from it. */
export const COARSEST_ZOOM = ATLAS_ZOOM_LEVELS[0];

/**
 * The zoom (256-px tiles, rounded up) at which shapes fill a map of the given size, or
 * undefined when there are no shapes; `shapes` may be the coarsest simplification.
 */
export function zoomToFit(shapes: readonly { geometry: unknown }[], size: MapSize): number | undefined {
  const bounds = geometriesBounds(shapes.map((s) => s.geometry as Geometry | null));
  return bounds ? Math.ceil(fitZoom(bounds, size.width, size.height) - 1e-9) : undefined;
}

/** The key of the shapes a zoom gets: its stored simplification, or `full`. */
export function detailKey(zoom: number | undefined): string {
  return String((zoom === undefined ? null : storedZoomFor(zoom)) ?? 'full');
}

/**
 * Region shapes of a level on a Gebietsstand (default: today) as a GeoJSON FeatureCollection
 * in WGS84; official shapes plus the tenant's own. With a zoom (or a map size to fit, from
 * which the zoom follows), the stored simplification for that zoom with coordinates rounded to
 * match it; `detail` names the zoom the shapes are good for (null: full shapes).
 */
export async function getRegionShapes(
  deps: { atlas: AtlasQueries; clock: { now(): Date } },
  actor: Actor,
  input: RegionShapesInput,
) {
  const owners: (string | null)[] = [null];
  if (input.tenantKey !== null && canReadTenant(actor, input.tenantKey)) owners.push(input.tenantKey);
  const date = input.date ?? deps.clock.now().toISOString().slice(0, 10);
  let zoom = input.zoom;
  if (zoom === undefined && input.fit) {
    // The extent from the coarsest stored shapes: cheap and within a pixel of the full shapes at that zoom.
    const coarse = await deps.atlas.shapes(input.level, owners, { date, bbox: input.bbox, zoom: COARSEST_ZOOM });
    zoom = zoomToFit(coarse, input.fit);
  }
  const detail = zoom === undefined ? null : storedZoomFor(zoom);
  const shapes = await deps.atlas.shapes(input.level, owners, { date, bbox: input.bbox, zoom: detail ?? undefined });
  const decimals = detail === null ? null : decimalsForZoom(detail);
  return {
    type: 'FeatureCollection' as const,
    gebietsstand: date,
    detail,
    features: shapes.map((s) => ({
      type: 'Feature' as const,
      id: s.key,
      properties: { key: s.key, name: s.name, level: input.level, areaKm2: s.areaKm2 },
      geometry: decimals === null || !s.geometry ? s.geometry : quantizeGeometry(s.geometry as Geometry, decimals),
    })),
  };
}
