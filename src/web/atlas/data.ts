import { api, request, type AtlasAudience, type AtlasValuesQuery } from '../api.ts';
import type { AtlasTimeSeries, AtlasTimeSeriesQuery } from './charts/types.ts';
import type { AtlasIndicator, AtlasTenant, AtlasValues, RegionCollection } from './types.ts';

/**
 * The one data layer of the atlas page. Anonymous visitors read the public API (published
 * indicators only, always with confidentiality); members of a municipality read its own
 * atlas through the tenant API, unpublished indicators included, with the same shapes.
 */
export interface AtlasData {
  audience: AtlasAudience;
  tenants(): Promise<AtlasTenant[]>;
  indicators(tenantKey: string): Promise<AtlasIndicator[]>;
  values(tenantKey: string, query: AtlasValuesQuery): Promise<AtlasValues>;
  regions(tenantKey: string, level: string): Promise<RegionCollection>;
  /** An indicator over all its periods for a few regions and their Kreis (charts). */
  timeSeries(tenantKey: string, query: AtlasTimeSeriesQuery): Promise<AtlasTimeSeries>;
}

/** `own`: the municipalities a member may read (for the tenant API). */
export function atlasData(audience: AtlasAudience, own: readonly AtlasTenant[] = []): AtlasData {
  // Boundaries do not change while the page is open: fetch each level once.
  const regionCache = new Map<string, Promise<RegionCollection>>();
  return {
    audience,
    tenants: () => (audience === 'public' ? api.atlasTenants() : Promise.resolve([...own])),
    indicators: (tenantKey) => api.atlasIndicators(audience, tenantKey),
    values: (tenantKey, query) => api.atlasValues(audience, tenantKey, query),
    timeSeries: (tenantKey, query) => {
      const base =
        audience === 'public'
          ? `/api/public/atlas/${encodeURIComponent(tenantKey)}`
          : `/api/tenants/${encodeURIComponent(tenantKey)}/atlas`;
      const search = new URLSearchParams({ indicator: query.indicator, level: query.level, regions: query.regions.join(',') });
      if (query.territoryDate) search.set('gebietsstand', query.territoryDate);
      return request<AtlasTimeSeries>('GET', `${base}/time-series?${search.toString()}`);
    },
    regions: (tenantKey, level) => {
      const key = `${tenantKey}|${level}`;
      let cached = regionCache.get(key);
      if (!cached) {
        cached = api.atlasRegions(audience, tenantKey, level);
        cached.catch(() => regionCache.delete(key));
        regionCache.set(key, cached);
      }
      return cached;
    },
  };
}

/** The region key of a boundary feature (feature id, else the `key` property). */
export function featureKey(feature: { id?: string | number; properties: Record<string, unknown> | null }): string {
  const fromProps = feature.properties?.key;
  return typeof fromProps === 'string' ? fromProps : String(feature.id ?? '');
}

/** [minLon, minLat, maxLon, maxLat] of a feature collection, or null when it has no coordinates. */
export function collectionBounds(collection: RegionCollection): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
      return;
    }
    for (const child of c) visit(child);
  };
  for (const f of collection.features) visit(f.geometry?.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}
