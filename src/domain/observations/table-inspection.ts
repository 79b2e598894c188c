/**
 * Looking at an unknown table before mapping it: delimiter, header rows, column names, what
 * each column looks like (key, period, number, text) and a suggested mapping.
 */
import { SPECIAL_VALUE_FLAGS, detectDecimalMark, parseGermanNumber, type DecimalMark } from './german-number.ts';
import type { TableMapping, VariableMapping } from './generic-table.ts';
import { normalizePeriod } from './period.ts';
import { isRegionKey, repairRegionKey } from './region-keys.ts';
import { cleanLabel, looksAdditive, slugify } from './variable-naming.ts';

/** A cell as read from CSV (text) or XLSX (text, number or empty). */
export type SheetCell = string | number | null;

/** Text of a cell: numbers as JavaScript writes them, empty cells as `''`. */
export function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : cell;
}

/**
 * The delimiter of a CSV sample: of `;`, tab and `,`, the one that occurs (outside quotes) the
 * same number of times, at least once, in most of the first 20 non-empty lines; `;` wins ties
 * (German exports), then tab.
 */
export function detectDelimiter(sample: string): ';' | ',' | '\t' {
  const lines = sample.split(/\r?\n/).filter((l) => l.trim() !== '');
  lines.pop(); // the last line of a sample may be cut off
  const use = (lines.length > 0 ? lines : sample.split(/\r?\n/)).slice(0, 20);
  let best: ';' | ',' | '\t' = ';';
  let bestScore = -1;
  for (const delimiter of [';', '\t', ','] as const) {
    const counts = use.map((line) => countOutsideQuotes(line, delimiter));
    const frequency = new Map<number, number>();
    for (const c of counts) if (c > 0) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let score = 0;
    for (const [count, lines] of frequency) score = Math.max(score, lines * 1000 + count);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

function nonEmpty(row: readonly SheetCell[]): SheetCell[] {
  return row.filter((c) => cellText(c).trim() !== '');
}

function isNumeric(cell: SheetCell): boolean {
  if (typeof cell === 'number') return true;
  const t = cellText(cell).trim();
  return t !== '' && (parseGermanNumber(t) !== undefined || SPECIAL_VALUE_FLAGS.has(t));
}

const YEAR = /^(?:18|19|20|21)\d{2}$/;

/** True for a row that carries data: at least two filled cells, one a number that is not a year (headers may name years). */
function isDataLike(row: readonly SheetCell[]): boolean {
  const cells = nonEmpty(row);
  return cells.length >= 2 && cells.some((c) => isNumeric(c) && !YEAR.test(cellText(c).trim()));
}

/** A row `1, 2, 3, …` under a spreadsheet header that numbers the columns. */
function isNumberingRow(row: readonly SheetCell[]): boolean {
  const cells = nonEmpty(row);
  if (cells.length < 3) return false;
  return cells.every((c, i) => Number(cellText(c).trim()) === i + 1);
}

/** Where a table's header and data start (1-based record numbers). */
export interface HeaderPosition {
  /** First header row; 0 when the table has no header (columns are then `Spalte 1`, …). */
  headerRow: number;
  headerRowCount: number;
  dataStartRow: number;
}

/**
 * Finds the header of a table from its first rows: title rows (one distinct text, e.g. a merged
 * title across the sheet) and empty rows are skipped; the header is the first row with at least
 * two different texts and no numbers, continued by further such rows (stacked headers, at most
 * four); a column-numbering row `1, 2, 3, …` and empty rows after it are skipped.
 */
export function detectHeader(rows: readonly (readonly SheetCell[])[]): HeaderPosition {
  let start = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isDataLike(row)) break;
    const distinct = new Set(nonEmpty(row).map((c) => cellText(c).trim()));
    if (distinct.size >= 2) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    const first = rows.findIndex((r) => nonEmpty(r).length > 0);
    return { headerRow: 0, headerRowCount: 0, dataStartRow: Math.max(first, 0) + 1 };
  }
  let end = start + 1;
  while (end < rows.length && end - start < 4) {
    const row = rows[end] ?? [];
    if (nonEmpty(row).length === 0 || isDataLike(row) || isNumberingRow(row)) break;
    end++;
  }
  let data = end;
  while (data < rows.length && (nonEmpty(rows[data] ?? []).length === 0 || isNumberingRow(rows[data] ?? []))) data++;
  return { headerRow: start + 1, headerRowCount: end - start, dataStartRow: data + 1 };
}

/**
 * Column names from stacked header rows: per column the distinct texts from top to bottom
 * joined with ` | ` (`Bevölkerung | insgesamt`), white space collapsed; empty → `Spalte N`;
 * repeated names get ` (2)`, ` (3)`, ….
 */
export function headerNames(headerRows: readonly (readonly SheetCell[])[], width: number): string[] {
  const names: string[] = [];
  const used = new Map<string, number>();
  for (let j = 0; j < width; j++) {
    const parts: string[] = [];
    for (const row of headerRows) {
      const t = cleanLabel(cellText(row[j]));
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    }
    let name = parts.join(' | ') || `Spalte ${j + 1}`;
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    if (n > 1) name = `${name} (${n})`;
    names.push(name);
  }
  return names;
}

/** What a column looks like. */
export type ColumnKind = 'key' | 'period' | 'number' | 'text' | 'empty';

/** Profile of one column from the sample rows. */
export interface ColumnProfile {
  index: number;
  name: string;
  kind: ColumnKind;
  /** Up to five distinct sample values as text. */
  samples: string[];
  /** Number of distinct values in the sample rows. */
  distinct: number;
  /** Lengths of the official keys seen (key columns). */
  keyLengths?: number[];
  /** Decimal mark of text numbers (number columns). */
  decimalMark?: DecimalMark;
}

const PERIOD_NAME = /jahr|year|stichtag|datum|date|zeit|period|reference|stand/i;
const KEY_NAME =
  /^(?:ags|ars|rs|schl(?:ü|ue)ssel(?:-?nummer)?|regionalschl(?:ü|ue)ssel|gemeindeschl(?:ü|ue)ssel|kreisschl(?:ü|ue)ssel|region_?(?:code|key|id)|kreis_?id|gvb_?id|gemeinde_?id|key)$/i;

/** Profiles each column from up to 200 data rows. */
export function profileColumns(names: readonly string[], rows: readonly (readonly SheetCell[])[]): ColumnProfile[] {
  const sample = rows.slice(0, 200);
  return names.map((name, index) => {
    const cells = sample.map((r) => r[index] ?? null).filter((c) => cellText(c).trim() !== '');
    const texts = cells.map((c) => cellText(c).trim());
    const distinctValues = new Set(texts);
    const samples = [...distinctValues].slice(0, 5);
    const distinct = distinctValues.size;
    if (cells.length === 0) return { index, name, kind: 'empty', samples, distinct };
    const share = (test: (c: SheetCell, t: string) => boolean) =>
      cells.filter((c, i) => test(c, texts[i] ?? '')).length / cells.length;
    const named = KEY_NAME.test(name);
    const keyShare = share((c, t) => isRegionKey(typeof c === 'number' ? repairRegionKey(t).key : t));
    const keyLengths = [...new Set(texts.filter((t) => isRegionKey(t)).map((t) => t.length))].sort((a, b) => a - b);
    // Plain numbers look like short keys (densities, counts); a key column shows itself by its
    // name, leading zeros, `DG`, or long keys of one length.
    const keyEvidence =
      named ||
      (cells.some((c) => typeof c === 'string') &&
        (texts.some((t) => t === 'DG' || (t.startsWith('0') && t.length >= 2)) ||
          (keyLengths.length === 1 && (keyLengths[0] ?? 0) >= 5)));
    if (keyShare >= 0.8 && keyEvidence && !PERIOD_NAME.test(name)) {
      return { index, name, kind: 'key', samples, distinct, keyLengths };
    }
    const periodShare = share((_c, t) => normalizePeriod(t) !== undefined);
    if (periodShare >= 0.8 && (PERIOD_NAME.test(name) || texts.some((t) => !/^\d{4}$/.test(t)))) {
      return { index, name, kind: 'period', samples, distinct };
    }
    if (share((c) => isNumeric(c)) >= 0.8) {
      const textual = cells.filter((c) => typeof c === 'string') as string[];
      return { index, name, kind: 'number', samples, distinct, decimalMark: detectDecimalMark(textual) };
    }
    return { index, name, kind: 'text', samples, distinct };
  });
}

const NOT_A_VARIABLE =
  /^(?:satzart|textkennzeichen|postleitzahl|plz|land|rb|kreis|vb|gemeinde|schl(?:ü|ue)ssel|verst(?:ä|ae)dterung.*|l(?:ä|ae)ngengrad|breitengrad|lon|lat|longitude|latitude|x|y|nuts.*|id|year|jahr)$/i;
const NAME_COLUMN = /name|bezeichnung|gebiet|region(?!al)|gemeinde|kreis/i;

function findColumn(names: readonly string[], pattern: RegExp): string | undefined {
  return names.find((n) => pattern.test(n));
}

/**
 * A mapping to start from: the key column (by name, else the key-like column with the most
 * distinct values and the longest keys; Gemeindeverzeichnis tables with `land, rb, kreis,
 * gemeinde` get the composite AGS and `satzart = 60`), a name and period column, and every
 * other numeric column as a variable – or the long format when there are `value`/`wert` and
 * indicator columns.
 */
export function suggestMapping(profiles: readonly ColumnProfile[]): TableMapping {
  const names = profiles.map((p) => p.name);
  const byName = (n: string) => profiles.find((p) => p.name.toLowerCase() === n);
  const used = new Set<string>();
  let keyColumn: TableMapping['keyColumn'];
  let rowFilter: TableMapping['rowFilter'];
  const land = byName('land');
  const rb = byName('rb');
  const kreis = byName('kreis');
  const gemeinde = byName('gemeinde');
  if (land && rb && kreis && gemeinde) {
    keyColumn = {
      parts: [
        { column: land.name, width: 2 },
        { column: rb.name, width: 1 },
        { column: kreis.name, width: 2 },
        { column: gemeinde.name, width: 3 },
      ],
    };
    const satzart = byName('satzart');
    if (satzart) {
      rowFilter = { column: satzart.name, values: ['60'] };
      used.add(satzart.name);
    }
  } else {
    const keys = profiles.filter((p) => p.kind === 'key');
    const named = keys.find((p) => KEY_NAME.test(p.name)) ?? profiles.find((p) => KEY_NAME.test(p.name));
    const best = [...keys]
      .filter((p) => !NOT_A_VARIABLE.test(p.name))
      .sort((a, b) => b.distinct - a.distinct || Math.max(...(b.keyLengths ?? [0])) - Math.max(...(a.keyLengths ?? [0])))[0];
    keyColumn = (named ?? best)?.name ?? names[0] ?? '';
  }
  if (typeof keyColumn === 'string') used.add(keyColumn);
  else for (const part of keyColumn.parts) used.add(part.column);

  const period = profiles.find((p) => p.kind === 'period' && !used.has(p.name));
  if (period) used.add(period.name);
  const texts = profiles.filter((p) => p.kind === 'text' && !used.has(p.name)).sort((a, b) => b.distinct - a.distinct);
  const nameColumn = texts.find((p) => NAME_COLUMN.test(p.name) && p.distinct >= (texts[0]?.distinct ?? 0) / 2) ?? texts[0];
  if (nameColumn) used.add(nameColumn.name);

  const valueColumn = findColumn(names, /^(?:value|wert)$/i);
  const indicatorColumn = findColumn(names, /indicator|indikator|merkmal|variable/i);
  const mapping: TableMapping = { keyColumn, variables: [] };
  if (rowFilter) mapping.rowFilter = rowFilter;
  if (nameColumn) mapping.nameColumn = nameColumn.name;
  if (period) mapping.periodColumn = period.name;
  if (valueColumn && indicatorColumn && !used.has(valueColumn) && !used.has(indicatorColumn)) {
    mapping.longFormat = { variableColumn: indicatorColumn, valueColumn };
    const unit = findColumn(names, /^(?:unit|einheit)$/i);
    const label = findColumn(names, /label|bezeichnung/i);
    if (unit) mapping.longFormat.unitColumn = unit;
    if (label && label !== indicatorColumn) mapping.longFormat.labelColumn = label;
    return mapping;
  }
  mapping.variables = profiles
    .filter((p) => p.kind === 'number' && !used.has(p.name) && !NOT_A_VARIABLE.test(p.name))
    .map((p): VariableMapping => ({
      column: p.name,
      key: slugify(p.name).replace(/-/g, '_'),
      label: p.name,
      unit: '',
      additive: looksAdditive(p.name),
    }));
  return mapping;
}
