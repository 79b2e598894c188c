import { inputsOf } from '../../domain/indicators/indicator.ts';
import type { AtlasQueries, IndicatorStore, TenantStore } from '../ports.ts';
import { indicatorPeriods } from './indicator-periods.ts';
import { publicScopes, requirePublicAtlas } from './public-atlas.ts';

/** A published indicator as anonymous visitors see it: no formula, its inputs, periods and sources. */
export interface PublicIndicator {
  key: string;
  label: string;
  unit: string;
  polarity: string;
  lifeDomain: string;
  description: string;
  methodNotes: string;
  inputs: string[];
  /** Periods (ascending) where every input has at least one observation. */
  periods: string[];
  sources: { variable: string; label: string; source: string; licence: string; attribution: string }[];
}

/** The published indicators of a municipality's public atlas (404 when it has none). */
export async function listPublicIndicators(
  deps: { tenants: TenantStore; indicators: IndicatorStore; atlas: AtlasQueries },
  tenantKey: string,
): Promise<PublicIndicator[]> {
  const published = await requirePublicAtlas(deps, tenantKey);
  const scopes = publicScopes(tenantKey);
  const [catalogue, periods] = await Promise.all([deps.atlas.variables(scopes), indicatorPeriods(deps, scopes, published)]);
  const byKey = new Map(catalogue.map((v) => [v.key, v]));
  return published.map((i) => {
    const inputs = inputsOf(i);
    return {
      key: i.key,
      label: i.label,
      unit: i.unit,
      polarity: i.polarity,
      lifeDomain: i.lifeDomain,
      description: i.description,
      methodNotes: i.methodNotes,
      inputs,
      periods: periods.get(i.key) ?? [],
      sources: inputs.flatMap((key) => {
        const v = byKey.get(key);
        return v ? [{ variable: v.key, label: v.label, source: v.source, licence: v.licence, attribution: v.attribution }] : [];
      }),
    };
  });
}
