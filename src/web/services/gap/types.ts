/** The answer of the gap analysis API as the page reads it (see src/domain/gap-analysis/gap-matrix.ts). */

export type GapStatus = 'ok' | 'gap' | 'unclear' | 'not_assessed';

/** One threshold check of a cell. */
export interface GapCheckView {
  criterion: 'services' | 'capacity_per_1000' | 'reach_share';
  threshold: number;
  value: number | null;
  status: 'met' | 'gap' | 'unknown';
}

/** One cell (row × Sozialraum); `areaKey` null is the row total. */
export interface GapCellView {
  rowKey: string;
  areaKey: string | null;
  serviceIds: string[];
  services: number;
  knownCapacity: number;
  servicesWithoutCapacity: number;
  targetPopulation: number | null;
  targetVariableKey: string;
  period: string;
  capacityPer1000: number | null;
  capacityPer1000LowerBound: number | null;
  reach: { share: number | null; limit: { kind: string; metres: number }; method: string } | null;
  flags: string[];
  checks: GapCheckView[];
  status: GapStatus;
}

/** One row of the matrix. */
export interface GapRowView {
  key: string;
  label: string;
  targetVariableKey: string;
  period: string;
  cells: GapCellView[];
  total: GapCellView;
  withoutLocation: string[];
  outsideAreas: string[];
}

/** The whole answer. */
export interface GapAnalysisResult {
  tenantKey: string;
  matrix: { areas: { key: string; name: string }[]; rows: GapRowView[] };
  entries: Record<string, { serviceId: string; locationId: string | null; name: string }>;
  /** Where the population points of the reachability came from (grid cells or centroids); null without reachability. */
  population: {
    kind: 'grid' | 'centroids';
    points: number;
    unknownPoints: number;
    grid?: { key: string; cellSize: number; referenceDate: string };
  } | null;
  reachMethod: string | null;
}
