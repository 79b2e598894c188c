/**
 * Regional levels, from Germany (key `DG`) and the Land down to planning areas (Sozialräume) that a municipality
 * defines itself. Official keys are strings: Land 2, Kreis 5, Gemeindeverband 9,
 * Gemeinde 8 (AGS) digits; planning areas use `<Kreis key>-<code>`.
 */
export type RegionLevel = 'bund' | 'land' | 'regierungsbezirk' | 'kreis' | 'gemeindeverband' | 'gemeinde' | 'planning_area';

export const REGION_LEVELS: readonly RegionLevel[] = [
  'bund',
  'land',
  'regierungsbezirk',
  'kreis',
  'gemeindeverband',
  'gemeinde',
  'planning_area',
];

/** GeoJSON geometry in WGS84 (lon, lat), RFC 7946. */
export type Position = [number, number];
export type Geometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface Region {
  key: string;
  name: string;
  level: RegionLevel;
  parentKey: string | null;
  geometry: Geometry | null;
  /** Start of validity (inclusive), ISO date. */
  validFrom: string;
  /** End of validity (exclusive), ISO date; null while valid. */
  validTo: string | null;
}

const KEY_PATTERN: Record<Exclude<RegionLevel, 'planning_area'>, RegExp> = {
  bund: /^DG$/,
  land: /^\d{2}$/,
  regierungsbezirk: /^\d{3}$/,
  kreis: /^\d{5}$/,
  gemeindeverband: /^\d{9}$/,
  gemeinde: /^\d{8}$/,
};

/** True when `key` has the official shape for `level` (planning areas: Kreis key, dash, code). */
export function isValidRegionKey(level: RegionLevel, key: string): boolean {
  if (level === 'planning_area') return /^\d{5}-[A-Za-z0-9_]{1,20}$/.test(key);
  return KEY_PATTERN[level].test(key);
}

/** The 8-digit AGS of a 12-digit ARS: ARS[0:5] + ARS[9:12]. */
export function agsFromArs(ars: string): string {
  if (!/^\d{12}$/.test(ars)) throw new Error(`ARS must have 12 digits: ${ars}`);
  return ars.slice(0, 5) + ars.slice(9, 12);
}
