import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A population grid of a municipality (e.g. the Zensus 2011 1 km grid's `Einwohner`), cut to its territory. */
export interface GridDatasetsTable {
  tenant_key: string;
  /** E.g. `zensus2011-1km`; one dataset per census and cell size, a re-import replaces it. */
  key: string;
  /** German label, e.g. „Zensus 2011, 1-km-Gitter, Einwohner“. */
  label: string;
  /** Reference date of the counts (ISO date, e.g. 2011-05-09). */
  reference_date: string;
  /** Source text (file name, publisher). */
  source: string;
  /** Cell edge length in metres (100, 1000, …). */
  cell_size_m: number;
  /** Cells stored (centre inside the territory). */
  cell_count: number;
  /** Cells whose count is secret (null population). */
  secret_cells: number;
  /** Sum of the known populations of the stored cells (persons). */
  population: number;
  /** The territory the cells were cut to, e.g. „15 Gemeinden mit Schlüssel 99001…“. */
  territory: string;
  imported_at: Timestamp;
}

/** One grid cell: centre in EPSG:3035 metres, population (persons; null when secret) and the Gemeinde containing the centre. */
export interface GridCellsTable {
  tenant_key: string;
  dataset_key: string;
  cell_id: string;
  x: number;
  y: number;
  population: number | null;
  /** Key of the region of the territory (usually a Gemeinde) that contains the centre. */
  region_key: string | null;
}

/** The tables of population grids (merged into the database schema `DB`). */
export interface GridSchema {
  grid_datasets: GridDatasetsTable;
  grid_cells: GridCellsTable;
}
