/**
 * Population grids (Zensus "Gitterzellen" with the number of inhabitants per cell) as stored per
 * municipality for the gap analysis: which census a file belongs to, how its special values read
 * and how the stored dataset is named.
 *
 * Special values of the population column, by file layout (Zensus 2011 and 2022 downloads):
 * - **Zensus 2011, population file** (`Gitter_ID_100m;x_mp_100m;y_mp_100m;Einwohner`, only the
 *   `Einwohner` column): only populated cells are listed; `-1` marks a count withheld for
 *   secrecy (a few persons) → secret.
 * - **Zensus 2011, "Spitze Werte" files** (several attribute columns; every cell listed):
 *   `-1` = no value, the cell is unpopulated → 0; `-9` = secret → secret.
 * - **Zensus 2022** (UTF-8 with BOM, `GITTER_ID_100m`, decimal comma, optional
 *   `werterlaeuternde_Zeichen`): `–` (en dash) or an empty field = no value published → secret;
 *   `-9` → secret, `-1` → 0 as in 2011.
 * A secret cell has a population but its number is unknown; it is stored with population null
 * and never replaced by an invented number (see ADR 0017).
 */
import { InvalidError } from '../shared/errors.ts';

/** The censuses whose grid files Planwerk reads. */
export type Census = 'zensus2011' | 'zensus2022';

/** Reference date (Stichtag) of each census. */
export const CENSUS_REFERENCE_DATE: Readonly<Record<Census, string>> = {
  zensus2011: '2011-05-09',
  zensus2022: '2022-05-15',
};

/** How the special values of a file's population column read (see the module comment). */
export type PopulationConvention = 'minus1-secret' | 'minus1-empty';

/** What the header and the first bytes say about a grid file. */
export interface GridFileLayout {
  /** All column names (BOM removed, trimmed). */
  columns: readonly string[];
  /** Whether the file began with a UTF-8 byte-order mark. */
  bom: boolean;
  /** The file's name, which often carries the census year. */
  fileName: string;
}

/** A value of the population column: persons, or `secret` when the count is withheld. */
export type PopulationValue = number | 'secret';

/** Which census a grid file belongs to: the file name's year, else the header (2011 spellings and short ids), else the BOM. */
export function censusOfFile(layout: GridFileLayout, firstId: string | null): Census {
  const year = /(?:^|[^0-9])(2011|2022)(?:[^0-9]|$)/.exec(layout.fileName)?.[1];
  if (year === '2011') return 'zensus2011';
  if (year === '2022') return 'zensus2022';
  if (layout.columns.some((c) => /_zensus2011$/i.test(c) || /^Gitter_ID_/.test(c))) return 'zensus2011';
  if (firstId !== null && /^\d+(m|km)N\d+E\d+$/.test(firstId.trim())) return 'zensus2011';
  if (layout.columns.some((c) => /^werterlaeuternde_zeichen$/i.test(c))) return 'zensus2022';
  return layout.bom ? 'zensus2022' : 'zensus2011';
}

/** The convention of the population column: a Zensus 2011 file with `Einwohner` as its only value column marks secret cells with -1. */
export function populationConvention(census: Census, valueColumns: readonly string[]): PopulationConvention {
  return census === 'zensus2011' && valueColumns.length === 1 ? 'minus1-secret' : 'minus1-empty';
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

/**
 * Reads one field of the population column. Returns a number of persons (≥ 0) or `secret`;
 * throws an {@link InvalidError} with a German reason for anything else (the caller adds file,
 * line and column).
 */
export function parsePopulation(text: string, convention: PopulationConvention): PopulationValue {
  const t = text.trim();
  if (t === '' || t === '–' || t === '-' || t === '—' || t === '.') return 'secret';
  if (!DECIMAL.test(t))
    throw new InvalidError(`„${t.length > 40 ? `${t.slice(0, 39)}…` : t}“ ist keine Einwohnerzahl.`, 'grid-value');
  const n = Number(t.replace(',', '.'));
  if (n === -9) return 'secret';
  if (n === -1) return convention === 'minus1-secret' ? 'secret' : 0;
  if (n < 0) throw new InvalidError(`${t} ist als Einwohnerzahl nicht erlaubt (nur -1 und -9 als Sonderwerte).`, 'grid-value');
  if (!INTEGER.test(t) && !Number.isInteger(n)) {
    throw new InvalidError(`${t} ist keine ganze Zahl von Einwohner*innen.`, 'grid-value');
  }
  return n;
}

/** One cell of a grid file: INSPIRE id, edge length and centre (metres, EPSG:3035), population. */
export interface PopulationGridRow {
  /** 1-based line in the file. */
  line: number;
  /** INSPIRE id, e.g. `CRS3035RES1000mN3011000E4371000`. */
  cellId: string;
  resolution: number;
  x: number;
  y: number;
  population: PopulationValue;
}

/** Cell size in German, e.g. „1 km“ or „100 m“. */
export function cellSizeLabel(metres: number): string {
  return metres % 1000 === 0 ? `${metres / 1000} km` : `${metres} m`;
}

/** Key of a stored grid dataset, e.g. `zensus2011-1km`: one per census and cell size, a re-import replaces it. */
export function gridDatasetKey(census: Census, cellSize: number): string {
  return `${census}-${cellSize % 1000 === 0 ? `${cellSize / 1000}km` : `${cellSize}m`}`;
}

/** German label of a dataset, e.g. „Zensus 2011, 1-km-Gitter, Einwohner“. */
export function gridDatasetLabel(census: Census, cellSize: number, column: string): string {
  const size = cellSize % 1000 === 0 ? `${cellSize / 1000}-km` : `${cellSize}-m`;
  return `Zensus ${census === 'zensus2011' ? '2011' : '2022'}, ${size}-Gitter, ${column}`;
}

/** A stored dataset as listed to planners. */
export interface GridDatasetInfo {
  key: string;
  label: string;
  referenceDate: string;
  source: string;
  cellSize: number;
  cells: number;
  secretCells: number;
  /** Sum of the known cell populations (persons). */
  population: number;
  territory: string;
  importedAt: string;
}

/**
 * The dataset the gap analysis uses when the planner does not name one: the latest reference
 * date, then the finest cells, then the key.
 */
export function preferredDataset<T extends Pick<GridDatasetInfo, 'key' | 'referenceDate' | 'cellSize'>>(
  datasets: readonly T[],
): T | null {
  const sorted = [...datasets].sort(
    (a, b) => b.referenceDate.localeCompare(a.referenceDate) || a.cellSize - b.cellSize || a.key.localeCompare(b.key),
  );
  return sorted[0] ?? null;
}

/** German description of the population points, e.g. „Zensus-Gitter 1 km (1.234 Zellen), Luftlinie“. */
export function gridMethodText(cellSize: number, cells: number, reach: string): string {
  return `Zensus-Gitter ${cellSizeLabel(cellSize)} (${cells.toLocaleString('de-DE')} Zellen), ${reach}`;
}
