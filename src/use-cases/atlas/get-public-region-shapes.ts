import type { AtlasQueries, IndicatorStore, TenantStore } from '../ports.ts';
import { COARSEST_ZOOM, detailKey, getRegionShapes, zoomToFit, type RegionShapesInput } from './get-region-shapes.ts';
import { PUBLIC_ATLAS_READER, requirePublicAtlas } from './public-atlas.ts';
import type { VersionedCache } from './public-values-cache.ts';

/** The shapes as a GeoJSON FeatureCollection (see `getRegionShapes`). */
export type RegionShapes = Awaited<ReturnType<typeof getRegionShapes>>;

/**
 * The region shapes a municipality's public atlas draws (official regions and its planning
 * areas), as `getRegionShapes`; only for municipalities with a public atlas (404 otherwise).
 * With a cache, a collection computed at the current data version is returned as is (shared,
 * not to be modified): a national map's boundaries are megabytes that rarely change.
 */
export async function getPublicRegionShapes(
  deps: {
    tenants: TenantStore;
    indicators: IndicatorStore;
    atlas: AtlasQueries;
    clock: { now(): Date };
    cache?: VersionedCache<RegionShapes> | undefined;
  },
  input: Omit<RegionShapesInput, 'tenantKey'> & { tenantKey: string },
): Promise<RegionShapes> {
  const compute = async (zoom: number | undefined) => {
    await requirePublicAtlas(deps, input.tenantKey);
    return getRegionShapes(deps, PUBLIC_ATLAS_READER, { ...input, zoom, fit: undefined });
  };
  const cache = deps.cache;
  if (!cache) {
    if (input.zoom === undefined && input.fit) return compute(zoomToFit((await compute(COARSEST_ZOOM)).features, input.fit));
    return compute(input.zoom);
  }
  // The version is read before the data, so a kept collection is never older than its version.
  const version = await cache.currentVersion();
  const date = input.date ?? deps.clock.now().toISOString().slice(0, 10);
  // Keyed by the stored simplification the zoom gets, so that maps of any size share the few collections.
  const lookup = async (zoom: number | undefined) => {
    const key = JSON.stringify([input.tenantKey, input.level, date, input.bbox ?? null, detailKey(zoom)]);
    const cached = cache.get(key, version);
    if (cached) return cached;
    const result = await compute(zoom);
    cache.set(key, version, result);
    return result;
  };
  if (input.zoom === undefined && input.fit) return lookup(zoomToFit((await lookup(COARSEST_ZOOM)).features, input.fit));
  return lookup(input.zoom);
}

/** Rough size of a collection in memory: about 40 bytes per coordinate pair plus the properties, in bytes. */
export function estimateShapeBytes(collection: RegionShapes): number {
  let positions = 0;
  const count = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      positions++;
      return;
    }
    for (const child of c) count(child);
  };
  for (const f of collection.features) count((f.geometry as { coordinates?: unknown } | null)?.coordinates);
  return 1024 + positions * 40 + collection.features.length * 256;
}
