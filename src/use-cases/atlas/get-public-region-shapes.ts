import type { RegionLevel } from '../../domain/regions/region.ts';
import type { AtlasQueries, IndicatorStore, TenantStore } from '../ports.ts';
import { getRegionShapes } from './get-region-shapes.ts';
import { PUBLIC_ATLAS_READER, requirePublicAtlas } from './public-atlas.ts';

/**
 * The region shapes a municipality's public atlas draws (official regions and its planning
 * areas), as `getRegionShapes`; only for municipalities with a public atlas (404 otherwise).
 */
export async function getPublicRegionShapes(
  deps: { tenants: TenantStore; indicators: IndicatorStore; atlas: AtlasQueries; clock: { now(): Date } },
  input: {
    tenantKey: string;
    level: RegionLevel;
    date?: string | undefined;
    bbox?: [number, number, number, number] | undefined;
    zoom?: number | undefined;
  },
) {
  await requirePublicAtlas(deps, input.tenantKey);
  return getRegionShapes(deps, PUBLIC_ATLAS_READER, input);
}
