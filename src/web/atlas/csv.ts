import type { AtlasValues } from './types.ts';
import { hasValue } from './types.ts';

/** Cells starting with these characters could run as formulas in a spreadsheet. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-safe (a leading `'`), quoted when it holds `;`, `"` or a line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_NUMBER = new Intl.NumberFormat('de-DE', { useGrouping: false, maximumFractionDigits: 6 });

/** A number with a decimal comma and no grouping: `1234,5`. */
export function csvNumber(value: number): string {
  return CSV_NUMBER.format(value);
}

export interface CsvTexts {
  header: [string, string, string, string, string, string];
  indicator: string;
  period: string;
  territoryDate: string;
  source: string;
  licence: string;
  attribution: string;
  missing: string;
  suppressed: string;
}

const unique = (values: string[]) => values.filter((v, i, all) => v !== '' && all.indexOf(v) === i);

/**
 * The table of a map as CSV for German spreadsheets: `;` separated, decimal comma, CRLF line
 * ends, the rows first, then the indicator, period, Gebietsstand, sources and attribution.
 */
export function valuesCsv(values: AtlasValues, texts: CsvTexts): string {
  // Numbers stay numbers (a negative value is no formula); every text cell is made formula-safe.
  const lines: (string | number)[][] = [texts.header];
  for (const row of values.rows) {
    const note =
      row.flag === 'suppressed' ? texts.suppressed : (row.missing ?? (row.flag === 'missing' ? texts.missing : (row.flag ?? '')));
    lines.push([
      row.region,
      row.name ?? '',
      hasValue(row) ? row.value : '',
      values.unit,
      row.class !== undefined && row.class !== null ? String(row.class + 1) : '',
      note,
    ]);
  }
  lines.push([]);
  lines.push([texts.indicator, values.label]);
  lines.push([texts.period, values.period]);
  lines.push([texts.territoryDate, values.territoryDate]);
  lines.push([texts.source, unique(values.sources.map((s) => s.source)).join('; ')]);
  lines.push([texts.licence, unique(values.sources.map((s) => s.licence)).join('; ')]);
  lines.push([texts.attribution, unique(values.sources.map((s) => s.attribution)).join('; ')]);
  return (
    lines.map((cells) => cells.map((c) => (typeof c === 'number' ? csvNumber(c) : csvCell(c))).join(';')).join('\r\n') + '\r\n'
  );
}
