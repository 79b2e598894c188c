import type { BreakSpec } from '../../domain/classification/breaks.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import type { AtlasQueries, IndicatorStore, TenantStore } from '../ports.ts';
import { getValues, type ValuesResult } from './get-values.ts';
import type { PublicValuesCache } from './public-values-cache.ts';
import { PUBLIC_ATLAS_READER, requirePublicAtlas } from './public-atlas.ts';

/** What a visitor asks for. */
export interface PublicValuesInput {
  tenantKey: string;
  indicatorKey: string;
  period: string;
  level: RegionLevel;
  territoryDate?: string | undefined;
  breaks?: BreakSpec | undefined;
}

/**
 * Values of a published indicator of a municipality for anonymous visitors, always with
 * confidentiality applied. Variables and unpublished indicators are never readable here.
 * With a cache, the data version is read first and a result computed at the same version is
 * returned as is (shared, not to be modified); otherwise the values are computed and kept.
 */
export async function getPublicValues(
  deps: { tenants: TenantStore; indicators: IndicatorStore; atlas: AtlasQueries; cache?: PublicValuesCache | undefined },
  input: PublicValuesInput,
): Promise<ValuesResult> {
  if (!deps.cache) return computePublicValues(deps, input);
  // The version is read before the data, so a kept result is never older than its version.
  const version = await deps.cache.currentVersion();
  const key = cacheKey(input);
  const cached = deps.cache.get(key, version);
  if (cached) return cached;
  const result = await computePublicValues(deps, input);
  deps.cache.set(key, version, result);
  return result;
}

async function computePublicValues(
  deps: { tenants: TenantStore; indicators: IndicatorStore; atlas: AtlasQueries },
  input: PublicValuesInput,
): Promise<ValuesResult> {
  const published = await requirePublicAtlas(deps, input.tenantKey);
  if (!published.some((i) => i.key === input.indicatorKey))
    throw new NotFoundError('Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.', 'indicator-not-found');
  return getValues(deps, PUBLIC_ATLAS_READER, {
    tenantKey: input.tenantKey,
    subject: { indicatorKey: input.indicatorKey },
    period: input.period,
    level: input.level,
    territoryDate: input.territoryDate,
    breaks: input.breaks,
    confidential: true,
  });
}

function cacheKey(input: PublicValuesInput): string {
  return JSON.stringify([
    input.tenantKey,
    input.indicatorKey,
    input.period,
    input.level,
    input.territoryDate ?? null,
    input.breaks ?? null,
  ]);
}
