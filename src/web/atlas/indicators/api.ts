import { request } from '../../api.ts';
import type { LifeDomain, Polarity } from '../../../domain/indicators/indicator.ts';
import type { RegionProfile } from '../types.ts';

/** The formula as entered: a ratio of two variables times a factor, or an expression over variable keys. */
export type FormulaInput =
  { kind: 'ratio'; numerator: string; denominator: string; factor?: number } | { kind: 'expression'; source: string };

/** What the planner enters for an indicator (the body of the PUT, without the key). */
export interface IndicatorDefinition {
  label: string;
  unit: string;
  formula: FormulaInput;
  polarity: Polarity;
  lifeDomain: LifeDomain;
  description: string;
  methodNotes: string;
  published: boolean;
}

/** An indicator as the members' API lists it. */
export interface ManagedIndicator extends IndicatorDefinition {
  key: string;
  /** `shared` for state-level indicators, else the municipality's key. */
  scope: string;
  inputs: string[];
  periods: string[];
}

/** A variable of the municipality's catalogue. */
export interface CatalogueVariable {
  key: string;
  label: string;
  unit: string;
  source: string;
  additive: boolean;
  scope: string;
}

/** A region profile of the members' API: each indicator says whether it is published. */
export type InternalRegionProfile = Omit<RegionProfile, 'groups'> & {
  groups: {
    lifeDomain: string;
    indicators: (RegionProfile['groups'][number]['indicators'][number] & { published?: boolean })[];
  }[];
};

const atlas = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}/atlas`;

/** Calls of the indicator management and the members' profile (tenant API). */
export const indicatorApi = {
  list: (tenantKey: string) => request<ManagedIndicator[]>('GET', `${atlas(tenantKey)}/indicators`),
  variables: (tenantKey: string) => request<CatalogueVariable[]>('GET', `${atlas(tenantKey)}/variables`),
  /**
   * Creates or replaces an indicator. `request` sends any method with the CSRF header; its
   * type lists only the methods the other pages use, so PUT is passed through a cast.
   */
  save: (tenantKey: string, key: string, definition: IndicatorDefinition) =>
    request<ManagedIndicator>('PUT', `${atlas(tenantKey)}/indicators/${encodeURIComponent(key)}`, definition),
  profile: (tenantKey: string, region: string) =>
    request<InternalRegionProfile>('GET', `${atlas(tenantKey)}/regions/${encodeURIComponent(region)}/profile`),
};

/** The body of a PUT that changes nothing but the publication. */
export function withPublished(indicator: ManagedIndicator, published: boolean): IndicatorDefinition {
  const { label, unit, formula, polarity, lifeDomain, description, methodNotes } = indicator;
  return { label, unit, formula, polarity, lifeDomain, description, methodNotes, published };
}
