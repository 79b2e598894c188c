/**
 * Ports of the population grid feature: the stored grids per municipality and the territory
 * the cells are cut to. Implemented in src/db/repositories/grid.repository.ts.
 */
import type { GridDatasetInfo } from '../../domain/grid/population-grid.ts';
import type { Geometry } from '../../domain/regions/region.ts';

/** One stored cell: id, centre in EPSG:3035 metres, persons (null = secret) and the territory region containing it. */
export interface StoredGridCell {
  cellId: string;
  x: number;
  y: number;
  population: number | null;
  regionKey: string | null;
}

/** A dataset to store (without the counts, which the store derives from the cells). */
export interface NewGridDataset {
  key: string;
  label: string;
  referenceDate: string;
  source: string;
  cellSize: number;
  territory: string;
}

/** The cells of one dataset in columns (metres, EPSG:3035; population null = secret). */
export interface GridCellColumns {
  x: Float64Array;
  y: Float64Array;
  population: (number | null)[];
}

/** The stored population grids of the municipalities. */
export interface PopulationGridStore {
  /** Replaces the tenant's dataset with this key (cells included) by the given one. */
  replace(tenantKey: string, dataset: NewGridDataset, cells: readonly StoredGridCell[], at: Date): Promise<GridDatasetInfo>;
  /** The tenant's datasets, sorted by key. */
  list(tenantKey: string): Promise<GridDatasetInfo[]>;
  /** The cells of one dataset, ordered by row (y) and column (x); null when the dataset does not exist. */
  cells(tenantKey: string, datasetKey: string): Promise<GridCellColumns | null>;
}

/** The territory of a municipality: regions with their WGS84 shapes and a German description. */
export interface TenantTerritory {
  /** E.g. „22 Gemeinden mit Schlüssel 16051…“ or „Kreis 99001“. */
  description: string;
  regions: { key: string; geometry: Geometry }[];
}

/** Finds a municipality's territory: its Gemeinden (key starting with the tenant key), else its Kreis, else its planning areas. */
export interface TerritorySource {
  territory(tenantKey: string): Promise<TenantTerritory | null>;
}
