import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A grid dataset of a municipality (e.g. the Zensus 1 km grid's population). */
export interface GridDatasetsTable {
  tenant_key: string;
  key: string;
  label: string;
  /** Reference date of the counts (ISO date). */
  reference_date: string;
  source: string;
  cell_size_m: number;
  cell_count: number;
  imported_at: Timestamp;
}

/** One grid cell's population, the cell centre in EPSG:3035 metres; null when secret or missing. */
export interface GridCellsTable {
  tenant_key: string;
  dataset_key: string;
  cell_id: string;
  x: number;
  y: number;
  population: number | null;
}

/** The tables of population grids (merged into the database schema `DB`). */
export interface GridSchema {
  grid_datasets: GridDatasetsTable;
  grid_cells: GridCellsTable;
}
