/**
 * The narrow ports of the gap analysis (Abgleich). Adapters over the service register, the
 * region store, the atlas values and the Zensus grid implement them; see ADR 0014.
 */
import type { PlaneProjection } from '../../domain/geometry/measures.ts';
import type { ReachabilityEngine } from '../../domain/gap-analysis/reachability.ts';
import type { Geometry } from '../../domain/regions/region.ts';

/** HSDS 3 service status as the register stores it. */
export type GapServiceStatus = 'active' | 'inactive' | 'temporarily closed' | 'defunct';

/** A service of the register as the gap analysis reads it. */
export interface GapServiceRecord {
  id: string;
  name: string;
  status: GapServiceStatus;
  /** Archived entries are history and never counted. */
  archived: boolean;
  /** Keys of its taxonomy terms, e.g. `zielgruppe.kinder_0_6`. */
  termKeys: readonly string[];
  /** Places (seats, slots) of the service as a whole; null = unknown. */
  capacity: number | null;
  /** Its locations (service_at_location); WGS84 degrees, null when the location has no coordinates. */
  locations: readonly { id: string; longitude: number | null; latitude: number | null }[];
}

/** Reads the tenant's services (all statuses; the use case decides what counts). */
export interface GapServiceSource {
  listForGapAnalysis(tenantKey: string): Promise<GapServiceRecord[]>;
}

/** A planning area (Sozialraum) with its current shape in WGS84; null when it has none. */
export interface PlanningAreaShape {
  key: string;
  name: string;
  geometry: Geometry | null;
}

/** Reads the tenant's current planning areas. */
export interface PlanningAreaSource {
  listWithShapes(tenantKey: string): Promise<PlanningAreaShape[]>;
}

/**
 * Where the population points for reachability come from: the municipality's stored Zensus grid
 * (cell centres weighted by their population; `datasetKey` absent = the preferred dataset, see
 * `preferredDataset`) or region centroids weighted by an atlas variable.
 */
export type PopulationPointSource =
  | { kind: 'grid'; datasetKey?: string | undefined }
  | { kind: 'centroids'; level: 'gemeinde' | 'planning_area'; variableKey: string; period: string };

/**
 * Population points as an adapter delivers them. Grid cells come in EPSG:3035 metres (their
 * native CRS), centroids in WGS84 degrees (lon in x, lat in y). Weights in persons: a grid `-1`
 * (no value, unpopulated) is 0 or left out, a grid `-9` (secret) is null; a centroid whose
 * variable has no value is null.
 */
export interface PopulationPointRecords {
  coordinates: 'epsg3035' | 'wgs84';
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  weight: ArrayLike<number | null>;
  /** Source text for the result, e.g. „Zensus 2011, 1-km-Gitter, Einwohner“. */
  source: string;
  /** Grid cells only: the dataset they come from. */
  grid?: { key: string; cellSize: number; referenceDate: string; secretCells: number } | undefined;
}

/** Reads target population values and population points. */
export interface PopulationSource {
  /**
   * Values of an atlas variable for the given planning areas and period (as the atlas computes
   * them, e.g. summed from member Gemeinden); an area without a value is missing or null.
   */
  valuesForAreas(
    tenantKey: string,
    input: { variableKey: string; period: string; areaKeys: readonly string[] },
  ): Promise<ReadonlyMap<string, number | null>>;
  /** Population points from the chosen source; null when that source is not available for the tenant. */
  points(tenantKey: string, source: PopulationPointSource): Promise<PopulationPointRecords | null>;
}

/** Everything {@link analyseGaps} depends on. */
export interface GapAnalysisDeps {
  services: GapServiceSource;
  planningAreas: PlanningAreaSource;
  population: PopulationSource;
  /** WGS84 ↔ ETRS89-LAEA (EPSG:3035) metres; the adapter uses proj4. */
  plane: PlaneProjection;
  /** Defaults to the built-in straight-line engine. */
  reachability?: ReachabilityEngine;
}
