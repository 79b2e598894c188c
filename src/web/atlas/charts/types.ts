import type { AtlasSource } from '../types.ts';

/** One period of a region's line; no number when it is missing or suppressed (`flag`). */
export interface SeriesPoint {
  period: string;
  value: number | null;
  flag: string | null;
  missing?: string;
}

/** A selected region's line, or its parent's (the Kreis or kreisfreie Stadt). */
export interface RegionSeries {
  region: string;
  name: string | null;
  role: 'region' | 'parent';
  parent: string | null;
  points: SeriesPoint[];
}

/** The time-series answer of the atlas API (public and tenant alike). */
export interface AtlasTimeSeries {
  key: string;
  label: string;
  unit: string;
  level: string;
  /** Gebietsstand of every period; null when each period is on its own. */
  territoryDate: string | null;
  periods: string[];
  series: RegionSeries[];
  sources: AtlasSource[];
  suppressed: number;
}

/** The query of a time-series read. */
export interface AtlasTimeSeriesQuery {
  indicator: string;
  level: string;
  regions: readonly string[];
  /** Gebietsstand of the chart (the map's), default: the end of the latest period. */
  territoryDate?: string;
}
