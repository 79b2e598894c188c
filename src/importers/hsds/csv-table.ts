import { parse } from 'csv-parse/sync';
import { ImportError } from '../../domain/observations/import-error.ts';

/** A CSV table with a header: rows as records plus the 1-based line and column of every field. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: { line: number; values: Record<string, string> }[];
}

const FORMULA_GUARD = /^'[=+\-@\t\r]/;

/**
 * Reads a comma- (or semicolon-) separated UTF-8 table (BOM allowed). Empty cells become ''. A leading
 * apostrophe before `=`, `+`, `-`, `@` (added by formula-safe exports) is removed again.
 * Rows with a different number of fields than the header are rejected with their line.
 */
export function readCsvTable(file: string, text: string, delimiter: ',' | ';' = ','): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as never;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new ImportError(file, e.lines ?? null, null, `Die CSV-Datei ist fehlerhaft (${e.message}).`);
  }
  if (records.length === 0) return { file, header: [], rows: [] };
  const header = records[0]!.record.map((h) => h.trim());
  const rows: CsvTable['rows'] = [];
  let previousEnd = records[0]!.info.lines;
  for (const { record, info } of records.slice(1)) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (record.length !== header.length)
      throw new ImportError(file, line, null, `Die Zeile hat ${record.length} Felder, die Kopfzeile ${header.length}.`);
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      const v = record[i]!;
      values[h] = FORMULA_GUARD.test(v) ? v.slice(1) : v;
    });
    rows.push({ line, values });
  }
  return { file, header, rows };
}

/** Column number (1-based) of a header name, or null when absent. */
export function columnOf(table: CsvTable, name: string): number | null {
  const i = table.header.indexOf(name);
  return i < 0 ? null : i + 1;
}

/** A text cell (trimmed; '' → null). */
export function cell(row: { values: Record<string, string> }, name: string): string | null {
  const v = row.values[name];
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** Makes a cell guard against formula injection for spreadsheets (see readCsvTable for the reverse). */
function safe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One comma-separated CSV document (UTF-8, LF), formula-safe text cells, numbers with a decimal point. */
export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  const format = (v: string | number | boolean | null | undefined) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const text = safe(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((r) => r.map(format).join(',')).join('\n') + '\n';
}
