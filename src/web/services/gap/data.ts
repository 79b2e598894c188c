import { api, request } from '../../api.ts';
import type { GapRowSettings } from './settings.ts';
import { requestBody } from './settings.ts';
import type { GapAnalysisResult } from './types.ts';
import type { TaxonomyTerm } from '../types.ts';

/** An atlas variable as the members' catalogue lists it. */
export interface AtlasVariableView {
  key: string;
  label: string;
  unit: string;
}

const tenantPath = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}`;

/** What saving the analysis as atlas indicators answers. */
export interface SavedGapIndicatorsView {
  tenantKey: string;
  importId: number;
  level: 'planning_area';
  indicators: { key: string; label: string; unit: string; period: string; published: boolean }[];
  values: number;
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** The data layer of the gap analysis page (members' API). */
export const gapData = {
  /** The taxonomy in force (members' view, hidden terms included for existing services). */
  taxonomy: (tenantKey: string) => request<TaxonomyTerm[]>('GET', `${tenantPath(tenantKey)}/service-taxonomy`),
  /** The atlas variables of the municipality (candidates for the target population). */
  variables: (tenantKey: string) => request<AtlasVariableView[]>('GET', `${tenantPath(tenantKey)}/atlas/variables`),
  /**
   * Periods with values per variable: the API has no period list per variable, so the periods
   * of the indicators that use a variable stand in for it.
   */
  periods: async (tenantKey: string): Promise<Map<string, string[]>> => {
    const indicators = await api.atlasIndicators('tenant', tenantKey);
    const out = new Map<string, Set<string>>();
    for (const indicator of indicators) {
      for (const input of indicator.inputs) {
        const set = out.get(input) ?? new Set<string>();
        for (const p of indicator.periods) set.add(p);
        out.set(input, set);
      }
    }
    return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
  },
  /** Runs the analysis (reads only). */
  analyse: (tenantKey: string, rows: readonly GapRowSettings[]) =>
    request<GapAnalysisResult>('POST', `${tenantPath(tenantKey)}/gap-analysis`, requestBody(rows)),
  /** Saves the analysis of these rows as atlas indicators (planners; the server computes it again). */
  saveIndicators: (tenantKey: string, rows: readonly GapRowSettings[]) =>
    request<SavedGapIndicatorsView>('POST', `${tenantPath(tenantKey)}/gap-analysis/indicators`, requestBody(rows)),
};
