import type { BreakSpec } from '../../domain/classification/breaks.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import type { AtlasQueries, IndicatorStore, TenantStore } from '../ports.ts';
import { getValues, type ValuesResult } from './get-values.ts';
import { PUBLIC_ATLAS_READER, requirePublicAtlas } from './public-atlas.ts';

/**
 * Values of a published indicator of a municipality for anonymous visitors, always with
 * confidentiality applied. Variables and unpublished indicators are never readable here.
 */
export async function getPublicValues(
  deps: { tenants: TenantStore; indicators: IndicatorStore; atlas: AtlasQueries },
  input: {
    tenantKey: string;
    indicatorKey: string;
    period: string;
    level: RegionLevel;
    territoryDate?: string | undefined;
    breaks?: BreakSpec | undefined;
  },
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
