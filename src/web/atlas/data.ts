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
  /** The boundaries of a level, simplified for a map of this window's size that shows them all. */
  regions(tenantKey: string, level: string): Promise<DetailedRegions>;
  /** The boundaries of a level simplified for `zoom` (256-px tiles), for a map zoomed in beyond `regions`' detail. */
  regionDetail(tenantKey: string, level: string, zoom: number): Promise<DetailedRegions>;
  /** An indicator over all its periods for a few regions and their Kreis (charts). */
  timeSeries(tenantKey: string, query: AtlasTimeSeriesQuery): Promise<AtlasTimeSeries>;
  /**
   * Starts the requests a view named in the address will need, before the list of
   * municipalities has arrived; the next `indicators`/`values` call with the same arguments
   * takes the answer over (once), `regions` are cached anyway. Failures are left to that call.
   */
  prefetch(tenantKey: string, level: string, values?: AtlasValuesQuery): void;
}

/** Boundaries with the zoom (256-px tiles) they are simplified for; null or absent: full detail. */
export type DetailedRegions = RegionCollection & { detail?: number | null };

/**
 * The size in CSS pixels of a map that shows a whole level, for choosing the boundaries' detail:
 * the window's width (the map is never wider) and the map's height from the style sheet
 * (`.atlas-map`: 30rem, at most 70vh).
 */
export function mapFitSize(): string {
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const height = Math.min(30 * rem, 0.7 * window.innerHeight);
  return `${Math.max(1, Math.round(window.innerWidth))}x${Math.max(1, Math.round(height))}`;
}

/** `own`: the municipalities a member may read (for the tenant API). */
export function atlasData(audience: AtlasAudience, own: readonly AtlasTenant[] = []): AtlasData {
  // Boundaries do not change while the page is open: fetch each level once.
  const regionCache = new Map<string, Promise<DetailedRegions>>();
  const base = (tenantKey: string) =>
    audience === 'public'
      ? `/api/public/atlas/${encodeURIComponent(tenantKey)}`
      : `/api/tenants/${encodeURIComponent(tenantKey)}/atlas`;
  const shapes = (key: string, tenantKey: string, search: Record<string, string>) => {
    let cached = regionCache.get(key);
    if (!cached) {
      cached = request<DetailedRegions>('GET', `${base(tenantKey)}/regions.geojson?${new URLSearchParams(search).toString()}`);
      cached.catch(() => regionCache.delete(key));
      regionCache.set(key, cached);
    }
    return cached;
  };
  // Prefetched answers, each handed out once (later calls ask the server again: data may change).
  const prefetched = new Map<string, Promise<unknown>>();
  const take = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const early = prefetched.get(key) as Promise<T> | undefined;
    prefetched.delete(key);
    return early ?? load();
  };
  const early = (key: string, load: () => Promise<unknown>) => {
    if (prefetched.has(key)) return;
    const promise = load();
    promise.catch(() => undefined);
    prefetched.set(key, promise);
  };
  const indicatorsKey = (tenantKey: string) => `i|${tenantKey}`;
  const valuesKey = (tenantKey: string, q: AtlasValuesQuery) =>
    `v|${tenantKey}|${q.indicator}|${q.period}|${q.level}|${q.breaks}`;
  const self: AtlasData = {
    audience,
    tenants: () => (audience === 'public' ? api.atlasTenants() : Promise.resolve([...own])),
    indicators: (tenantKey) => take(indicatorsKey(tenantKey), () => api.atlasIndicators(audience, tenantKey)),
    values: (tenantKey, query) => take(valuesKey(tenantKey, query), () => api.atlasValues(audience, tenantKey, query)),
    prefetch: (tenantKey, level, values) => {
      early(indicatorsKey(tenantKey), () => api.atlasIndicators(audience, tenantKey));
      void self.regions(tenantKey, level).catch(() => undefined);
      if (values) early(valuesKey(tenantKey, values), () => api.atlasValues(audience, tenantKey, values));
    },
    timeSeries: (tenantKey, query) => {
      const search = new URLSearchParams({ indicator: query.indicator, level: query.level, regions: query.regions.join(',') });
      if (query.territoryDate) search.set('gebietsstand', query.territoryDate);
      return request<AtlasTimeSeries>('GET', `${base(tenantKey)}/time-series?${search.toString()}`);
    },
    regions: (tenantKey, level) => shapes(`${tenantKey}|${level}`, tenantKey, { level, fit: mapFitSize() }),
    regionDetail: (tenantKey, level, zoom) => shapes(`${tenantKey}|${level}|${zoom}`, tenantKey, { level, zoom: String(zoom) }),
  };
  return self;
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
