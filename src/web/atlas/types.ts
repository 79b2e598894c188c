/** Shapes of the atlas API (public and tenant answer alike). */

export type Polarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';
export type AtlasLevel = 'gemeinde' | 'planning_area' | 'kreis' | 'land';
export type ClassMethod = 'quantile' | 'equal_interval' | 'jenks' | 'standard_deviation' | 'manual';

/** Levels in the chooser, from small to large; the page shows only those with regions. */
export const LEVELS: readonly AtlasLevel[] = ['gemeinde', 'planning_area', 'kreis', 'land'];
/** Class methods; `manual` takes the inner bounds the user types. */
export const METHODS: readonly ClassMethod[] = ['quantile', 'equal_interval', 'jenks', 'standard_deviation', 'manual'];
export const CLASS_COUNTS: readonly number[] = [3, 4, 5, 6, 7];

export interface AtlasTenant {
  tenantKey: string;
  name: string;
}

export interface AtlasSource {
  variable: string;
  label: string;
  source: string;
  licence: string;
  attribution: string;
}

export interface AtlasIndicator {
  key: string;
  label: string;
  unit: string;
  polarity: Polarity;
  lifeDomain: string;
  description: string;
  methodNotes: string;
  inputs: string[];
  periods: string[];
  sources?: AtlasSource[];
  /** Only in the members' (tenant) atlas: whether anonymous visitors see it. */
  published?: boolean;
}

export interface AtlasRow {
  region: string;
  name: string | null;
  value: number | null;
  /** null, a GENESIS flag, 'missing' or 'suppressed'. */
  flag: string | null;
  /** Why there is no value (German). */
  missing?: string;
  class?: number | null;
  origin: string;
}

export interface AtlasClass {
  index: number;
  lower: number;
  upper: number;
  count: number;
}

export interface AtlasClassification {
  method: string;
  requested: number;
  bounds: number[];
  classes: AtlasClass[];
  missing: number;
  notes: string[];
}

export interface AtlasValues {
  key: string;
  kind: 'variable' | 'indicator';
  label: string;
  unit: string;
  period: string;
  level: string | null;
  territoryDate: string;
  rows: AtlasRow[];
  classification: AtlasClassification | null;
  sources: AtlasSource[];
  suppressed: number;
}

export interface RegionFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

export interface RegionCollection {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

/** A row has a value that can be classed and ranked. */
export function hasValue(row: AtlasRow): row is AtlasRow & { value: number } {
  return row.value !== null && Number.isFinite(row.value) && row.flag !== 'missing' && row.flag !== 'suppressed';
}

/** One period of a region's trend in a profile (no number when it is suppressed or missing). */
export interface ProfileTrendPoint {
  period: string;
  value: number | null;
  flag: string | null;
}

/** One published indicator in a region profile (Steckbrief). */
export interface ProfileIndicator {
  key: string;
  label: string;
  unit: string;
  polarity: Polarity;
  period: string | null;
  value: number | null;
  flag: string | null;
  missing?: string;
  parentValue: number | null;
  /** 1 = highest value among the regions of the level. */
  rank: number | null;
  of: number;
  median: number | null;
  trend: ProfileTrendPoint[];
}

/** The profile (Steckbrief) of a region in the public atlas. */
export interface RegionProfile {
  region: { key: string; name: string; level: string };
  parent: { key: string; name: string } | null;
  groups: { lifeDomain: string; indicators: ProfileIndicator[] }[];
  sources: AtlasSource[];
}
