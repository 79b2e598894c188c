/**
 * Zensus grid CSV files (Zensus 2011 and 2022 "Gitterzellen" downloads): `;`-separated,
 * decimal comma, CRLF or LF, UTF-8 with or without BOM. The cell is taken from an id column
 * (`GITTER_ID_1km`, `Gitter_ID_100m`, …, INSPIRE or Zensus 2011 short form) or from the centre
 * columns `x_mp_*`/`y_mp_*`; all coordinates are metres in EPSG:3035. The special values `-1`
 * (no value) and `-9` (secret) are passed on unchanged.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import proj4 from 'proj4';
import {
  GridAggregator,
  type GridAggregation,
  type GridVariable,
  type PlanarPolygon,
  type RegionAggregate,
} from '../../domain/grid/aggregate.ts';
import { gridCell, parseGridId, type GridCell } from '../../domain/grid/grid-cell.ts';
import { ImportError } from '../../domain/observations/import-error.ts';
import type { ParsedObservation, VariableDefinition } from '../../domain/observations/observation.ts';
import type { Geometry, Position } from '../../domain/regions/region.ts';

/** EPSG:3035 (ETRS89-LAEA Europe), the CRS of the Zensus grid. */
export const EPSG_3035 = '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs';

/** Reference date (Stichtag) of the Zensus 2011. */
export const ZENSUS_2011_STICHTAG = '2011-05-09';

/** What the header of a grid CSV says about its layout. */
export interface ZensusGridHeader {
  /** All column names as in the file (BOM removed). */
  columns: string[];
  /** The id column used to place the cells, if any. */
  idColumn: string | null;
  /** The centre columns (`x_mp_*`, `y_mp_*`), if any. */
  centreColumns: [string, string] | null;
  /** Numeric attribute columns in file order; {@link ZensusGridRow.values} follows this order. */
  attributes: string[];
}

/**
 * Consecutive data rows in columns (one batch per chunk read): centres in metres (EPSG:3035) and
 * the attribute values row by row, `header.attributes.length` per row, `-1`/`-9` kept.
 */
export interface ZensusGridBatch {
  header: ZensusGridHeader;
  /** Number of rows. */
  size: number;
  /** 1-based line of each row in the file. */
  lines: number[];
  /** Cell edge length of each row in metres. */
  resolutions: number[];
  centreX: number[];
  centreY: number[];
  /** Row-major: the values of row i start at `i * header.attributes.length`. */
  values: number[];
}

/** One data row: the cell (metres, EPSG:3035) and its attribute values (`-1`/`-9` kept). */
export interface ZensusGridRow {
  /** 1-based line in the file. */
  line: number;
  cell: GridCell;
  values: number[];
  header: ZensusGridHeader;
}

/** Options for {@link readZensusGridCsv}. */
export interface ReadZensusGridOptions {
  /** Name used in error messages; default: the file's base name. */
  fileName?: string;
}

const ID_COLUMN = /^gitter_id_(\d+)(m|km)$/i;
const ID_COLUMN_2011 = /^gitter_id_(\d+)(m|km)_zensus2011$/i;
const X_COLUMN = /^x_mp_(\d+)(m|km)$/i;
const Y_COLUMN = /^y_mp_(\d+)(m|km)$/i;
// Text columns that accompany values in some downloads; they carry no number.
const TEXT_COLUMN = /^werterlaeuternde_zeichen$/i;
const PLAIN_NUMBER = /^-?\d+(?:,\d+)?$/;
const POINT_NUMBER = /^-?\d+\.\d+$/;

function metres(amount: string, unit: string): number {
  return Number(amount) * (unit.toLowerCase() === 'km' ? 1000 : 1);
}

/** Reads the layout from the header row; throws a German {@link ImportError} if no grid column is found. */
export function interpretGridHeader(columns: readonly string[], fileName: string): ZensusGridHeader {
  const names = columns.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  const idColumn = names.find((c) => ID_COLUMN.test(c)) ?? names.find((c) => ID_COLUMN_2011.test(c)) ?? null;
  const x = names.find((c) => X_COLUMN.test(c));
  const y = names.find((c) => Y_COLUMN.test(c));
  const centreColumns: [string, string] | null = x !== undefined && y !== undefined ? [x, y] : null;
  if (idColumn === null && centreColumns === null) {
    throw new ImportError(
      fileName,
      1,
      null,
      'Keine Gitterspalte gefunden; erwartet wird eine ID-Spalte wie „GITTER_ID_1km“ oder „Gitter_ID_100m“ oder die Mittelpunktspalten „x_mp_…“ und „y_mp_…“.',
    );
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') continue;
    if (seen.has(name)) throw new ImportError(fileName, 1, null, `Die Spalte „${name}“ kommt mehrfach vor.`);
    seen.add(name);
  }
  const attributes = names.filter(
    (c) =>
      c !== '' && !ID_COLUMN.test(c) && !ID_COLUMN_2011.test(c) && !X_COLUMN.test(c) && !Y_COLUMN.test(c) && !TEXT_COLUMN.test(c),
  );
  return { columns: names, idColumn, centreColumns, attributes };
}

function parseNumber(text: string, fileName: string, line: number, column: number): number {
  if (PLAIN_NUMBER.test(text)) return Number(text.includes(',') ? text.replace(',', '.') : text);
  const trimmed = text.trim();
  if (PLAIN_NUMBER.test(trimmed)) return Number(trimmed.replace(',', '.'));
  if (POINT_NUMBER.test(trimmed)) return Number(trimmed);
  const shown = trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
  const reason =
    trimmed === '' ? 'Leeres Feld; erwartet wird eine Zahl, -1 (kein Wert) oder -9 (geheim).' : `„${shown}“ ist keine Zahl.`;
  throw new ImportError(fileName, line, column, reason);
}

/** Splits a `;`-separated record; quoted fields (`"a;b"`, `""` for a quote) are unquoted. */
function splitQuoted(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function quoteCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * Streams the records of a `;`-separated UTF-8 file to `onRecord` and yields after each chunk,
 * without a general CSV library: grid files have millions of plain rows, and a per-record
 * parser costs more than the aggregation itself. Quoted fields, also across lines, are understood.
 */
async function* csvRecords(
  file: string,
  onRecord: (fields: string[], line: number) => void,
): AsyncGenerator<void, void, undefined> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let line = 0;
  let first = true;
  let pendingLine = 0;
  let pendingText: string | null = null;
  const take = (raw: string) => {
    line++;
    if (pendingText !== null) {
      pendingText += '\n' + raw;
      if (quoteCount(pendingText) % 2 === 0) {
        const text = pendingText;
        pendingText = null;
        onRecord(splitQuoted(text), pendingLine);
      }
      return;
    }
    if (raw.length === 0) return;
    if (raw.indexOf('"') < 0) onRecord(raw.split(';'), line);
    else if (quoteCount(raw) % 2 === 0) onRecord(splitQuoted(raw), line);
    else {
      pendingLine = line;
      pendingText = raw;
    }
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = rest + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    yield;
  }
  if (rest.length > 0) take(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  if (pendingText !== null) onRecord(splitQuoted(pendingText), pendingLine);
  yield;
}

/**
 * Stream-reads a Zensus grid CSV in column batches (cell centres in metres, EPSG:3035, and
 * values); the fast path for large files. When both an id and centre columns are present they
 * must agree; German {@link ImportError}s name file, line and column.
 */
export async function* readZensusGridCsvBatches(
  file: string,
  options: ReadZensusGridOptions = {},
): AsyncGenerator<ZensusGridBatch, void, undefined> {
  const fileName = options.fileName ?? basename(file);
  let header: ZensusGridHeader | null = null;
  let idIndex = -1;
  let xIndex = -1;
  let yIndex = -1;
  let centreResolution = 0;
  let attributeIndex: number[] = [];
  let batch: ZensusGridBatch | null = null;

  const onRecord = (record: string[], line: number) => {
    if (header === null) {
      const h = interpretGridHeader(record, fileName);
      header = h;
      idIndex = h.idColumn === null ? -1 : h.columns.indexOf(h.idColumn);
      if (h.centreColumns !== null) {
        xIndex = h.columns.indexOf(h.centreColumns[0]);
        yIndex = h.columns.indexOf(h.centreColumns[1]);
        const m = X_COLUMN.exec(h.centreColumns[0])!;
        centreResolution = metres(m[1]!, m[2]!);
      }
      attributeIndex = h.attributes.map((a) => h.columns.indexOf(a));
      return;
    }
    if (record.length !== header.columns.length) {
      throw new ImportError(
        fileName,
        line,
        null,
        `Die Zeile hat ${record.length} Spalten, die Kopfzeile ${header.columns.length}; erwartet wird „;“ als Trennzeichen.`,
      );
    }
    let resolution = centreResolution;
    let x = 0;
    let y = 0;
    if (idIndex >= 0) {
      const cell = parseGridId(record[idIndex]!, { file: fileName, line, column: idIndex + 1 });
      resolution = cell.resolution;
      x = cell.centreX;
      y = cell.centreY;
    }
    if (xIndex >= 0) {
      const cx = parseNumber(record[xIndex]!, fileName, line, xIndex + 1);
      const cy = parseNumber(record[yIndex]!, fileName, line, yIndex + 1);
      if (idIndex < 0) {
        const r = resolution;
        if ((cx - r / 2) % r !== 0 || (cy - r / 2) % r !== 0) {
          throw new ImportError(
            fileName,
            line,
            xIndex + 1,
            `(${cx}, ${cy}) ist kein Mittelpunkt einer Zelle des ${r}-m-Gitters.`,
          );
        }
        x = cx;
        y = cy;
      } else if (cx !== x || cy !== y) {
        throw new ImportError(
          fileName,
          line,
          xIndex + 1,
          `Der Mittelpunkt (${cx}, ${cy}) passt nicht zur Gitter-ID „${record[idIndex]}“ (Mittelpunkt ${x}, ${y}).`,
        );
      }
    }
    batch ??= { header, size: 0, lines: [], resolutions: [], centreX: [], centreY: [], values: [] };
    batch.size++;
    batch.lines.push(line);
    batch.resolutions.push(resolution);
    batch.centreX.push(x);
    batch.centreY.push(y);
    for (const c of attributeIndex) batch.values.push(parseNumber(record[c]!, fileName, line, c + 1));
  };

  for await (const _ of csvRecords(file, onRecord)) {
    if (batch !== null) {
      const full: ZensusGridBatch = batch;
      batch = null;
      yield full;
    }
  }
  if (header === null)
    throw new ImportError(fileName, null, null, 'Die Datei ist leer; erwartet wird eine Kopfzeile mit Gitterspalten.');
}

/** Stream-reads a Zensus grid CSV row by row (convenient, slower); see {@link readZensusGridCsvBatches}. */
export async function* readZensusGridCsv(
  file: string,
  options: ReadZensusGridOptions = {},
): AsyncGenerator<ZensusGridRow, void, undefined> {
  for await (const batch of readZensusGridCsvBatches(file, options)) {
    const width = batch.header.attributes.length;
    for (let i = 0; i < batch.size; i++) {
      const r = batch.resolutions[i]!;
      yield {
        line: batch.lines[i]!,
        cell: gridCell(r, batch.centreY[i]! - r / 2, batch.centreX[i]! - r / 2),
        values: batch.values.slice(i * width, (i + 1) * width),
        header: batch.header,
      };
    }
  }
}

/** A variable of a grid file: a count, or with `weight` a rate/mean weighted by that column. */
export interface GridVariableSpec {
  column: string;
  /** Denominator column of a rate or mean, e.g. `Einwohner`; see {@link GridVariable.weight}. */
  weight?: string;
  label?: string;
  unit?: string;
}

/**
 * The attributes of the Zensus 2011 grid ("Spitze Werte") whose aggregation rule is known:
 * `Einwohner` is summed; shares (%) and means are weighted by `Einwohner`. `HHGroesse_D`,
 * `Leerstandsquote` and `Wohnfl_Whg_D` are left out by default, because their denominators
 * (households, dwellings) are not in the file.
 */
export const ZENSUS_GRID_VARIABLES: readonly (GridVariableSpec & { label: string; unit: string })[] = [
  { column: 'Einwohner', label: 'Einwohner*innen', unit: 'Anzahl' },
  { column: 'Frauen_A', weight: 'Einwohner', label: 'Anteil Frauen', unit: '%' },
  { column: 'Alter_D', weight: 'Einwohner', label: 'Durchschnittsalter', unit: 'Jahre' },
  { column: 'unter18_A', weight: 'Einwohner', label: 'Anteil unter 18-Jährige', unit: '%' },
  { column: 'ab65_A', weight: 'Einwohner', label: 'Anteil ab 65-Jährige', unit: '%' },
  { column: 'Auslaender_A', weight: 'Einwohner', label: 'Anteil Ausländer*innen', unit: '%' },
  { column: 'Wohnfl_Bew_D', weight: 'Einwohner', label: 'Wohnfläche je Einwohner*in', unit: 'qm' },
];

/** A region to aggregate into: its key and WGS84 (lon, lat) boundary. */
export interface GridTargetRegion {
  key: string;
  geometry: Geometry;
}

/** Options for {@link aggregateGridFile}. */
export interface AggregateGridOptions extends ReadZensusGridOptions {
  /** Prefix of the variable keys (`<prefix>:<column>`); default `zensus2011-grid`. */
  variablePrefix?: string;
  /** Period of the observations (ISO date); default the Zensus 2011 Stichtag `2011-05-09`. */
  period?: string;
  /** Variables to aggregate; default: those of {@link ZENSUS_GRID_VARIABLES} present in the file. */
  variables?: readonly GridVariableSpec[];
  /** Source text of the variable definitions. */
  source?: string;
}

/** Totals of one variable over the file, for the import report. */
export interface GridVariableSummary {
  key: string;
  column: string;
  weight: string | null;
  total: RegionAggregate;
  assigned: RegionAggregate;
  unassigned: RegionAggregate;
  /** Regions whose value is withheld because of secret cells. */
  secretRegions: number;
}

/** What {@link aggregateGridFile} read and where the cells went. */
export interface GridFileSummary {
  file: string;
  /** Cell edge length in metres (from the first cell), or null for a file without cells. */
  resolution: number | null;
  cellsRead: number;
  cellsAssigned: number;
  cellsUnassigned: number;
  /** Attribute columns that were not aggregated (no known rule and not requested). */
  ignoredColumns: string[];
  variables: GridVariableSummary[];
}

/** The result of {@link aggregateGridFile}. */
export interface GridFileAggregation {
  variables: VariableDefinition[];
  /** One observation per region and variable; secret aggregates have value null and flag `secret`. */
  observations: ParsedObservation[];
  summary: GridFileSummary;
  /** The full aggregates, incl. the known-sum lower bounds of secret regions. */
  aggregation: GridAggregation;
}

let toEpsg3035: proj4.Converter | undefined;

/** Projects WGS84 (lon, lat) polygons to EPSG:3035 metres. */
export function projectToEpsg3035(geometry: Geometry): PlanarPolygon[] {
  toEpsg3035 ??= proj4('EPSG:4326', EPSG_3035);
  const forward = toEpsg3035;
  const ring = (r: Position[]) => r.map((p) => forward.forward([p[0], p[1]]) as Position);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map(ring));
}

/**
 * Aggregates a Zensus grid CSV into regions given in WGS84 (projected to EPSG:3035 with proj4),
 * each cell to the region that contains its centre, and returns observations per region and
 * variable (key `<prefix>:<column>`, period the Stichtag, default 2011-05-09) with a summary.
 */
export async function aggregateGridFile(
  file: string,
  regions: readonly GridTargetRegion[],
  options: AggregateGridOptions = {},
): Promise<GridFileAggregation> {
  const fileName = options.fileName ?? basename(file);
  const prefix = options.variablePrefix ?? 'zensus2011-grid';
  const period = options.period ?? ZENSUS_2011_STICHTAG;
  const planar = regions.map((r) => ({ key: r.key, polygons: projectToEpsg3035(r.geometry) }));

  let aggregator: GridAggregator | null = null;
  let specs: readonly GridVariableSpec[] = [];
  let header: ZensusGridHeader | null = null;
  let resolution: number | null = null;
  // First line per region (index + 1; 0 = unassigned), standing in for the aggregate's source line.
  const firstLine = new Int32Array(regions.length + 1);
  for await (const batch of readZensusGridCsvBatches(file, { fileName })) {
    if (aggregator === null) {
      header = batch.header;
      specs = chooseVariables(batch.header, options.variables, fileName);
      const variables: GridVariable[] = specs.map((s) => ({ key: `${prefix}:${s.column}`, column: s.column, weight: s.weight }));
      aggregator = new GridAggregator(planar, batch.header.attributes, variables);
      resolution = batch.resolutions[0]!;
    }
    const width = batch.header.attributes.length;
    for (let i = 0; i < batch.size; i++) {
      const region = aggregator.add(batch.centreX[i]!, batch.centreY[i]!, batch.values, i * width);
      if (firstLine[region + 1] === 0) firstLine[region + 1] = batch.lines[i]!;
    }
  }
  if (aggregator === null || header === null) {
    throw new ImportError(fileName, null, null, 'Die Datei enthält keine Gitterzellen.');
  }
  const aggregation = aggregator.result();
  const source = options.source ?? `Zensus-Gitter (${fileName}), nach Zellmittelpunkt auf Gebiete aggregiert`;
  const variables: VariableDefinition[] = specs.map((s) => {
    const known = ZENSUS_GRID_VARIABLES.find((v) => v.column === s.column);
    return {
      key: `${prefix}:${s.column}`,
      label: s.label ?? known?.label ?? s.column,
      unit: s.unit ?? known?.unit ?? (s.weight === undefined ? 'Anzahl' : ''),
      source,
      licence: 'dl-de/by-2-0',
      attribution: '© Statistische Ämter des Bundes und der Länder',
      additive: s.weight === undefined,
    };
  });
  const observations: ParsedObservation[] = [];
  for (const variable of aggregation.variables) {
    planar.forEach((region, index) => {
      const aggregate = variable.regions.get(region.key)!;
      observations.push({
        regionKey: region.key,
        variableKey: variable.key,
        period,
        value: aggregate.value,
        flag: aggregate.flag,
        // An aggregate has no single source line; the first cell of the region (or the header) stands for it.
        line: firstLine[index + 1] || 1,
      });
    });
  }
  const used = new Set(specs.flatMap((s) => (s.weight === undefined ? [s.column] : [s.column, s.weight])));
  const summary: GridFileSummary = {
    file: fileName,
    resolution,
    cellsRead: aggregation.cellsRead,
    cellsAssigned: aggregation.cellsAssigned,
    cellsUnassigned: aggregation.cellsUnassigned,
    ignoredColumns: header.attributes.filter((a) => !used.has(a)),
    variables: aggregation.variables.map((v) => ({
      key: v.key,
      column: v.column,
      weight: v.weight,
      total: v.total,
      assigned: v.assigned,
      unassigned: v.unassigned,
      secretRegions: [...v.regions.values()].filter((a) => a.flag === 'secret').length,
    })),
  };
  return { variables, observations, summary, aggregation };
}

function chooseVariables(
  header: ZensusGridHeader,
  requested: readonly GridVariableSpec[] | undefined,
  fileName: string,
): GridVariableSpec[] {
  if (requested === undefined) {
    const present = new Set(header.attributes);
    const chosen = ZENSUS_GRID_VARIABLES.filter(
      (v) => present.has(v.column) && (v.weight === undefined || present.has(v.weight)),
    );
    if (chosen.length === 0) {
      throw new ImportError(
        fileName,
        1,
        null,
        `Keine bekannte Merkmalsspalte gefunden (${header.attributes.join(', ') || 'keine'}); bitte die Merkmale angeben.`,
      );
    }
    return chosen;
  }
  for (const spec of requested) {
    for (const column of spec.weight === undefined ? [spec.column] : [spec.column, spec.weight]) {
      if (!header.attributes.includes(column)) throw new ImportError(fileName, 1, null, `Die Spalte „${column}“ fehlt.`);
    }
  }
  return [...requested];
}
