/**
 * Any CSV or XLSX table with a column mapping: `inspectTable` looks at a file and suggests a
 * mapping, `parseTable` / `readTableCsv` read it. Mapping rules:
 * `src/domain/observations/generic-table.ts`; inspection: `table-inspection.ts`.
 *
 * Gemeindeverzeichnis extracts (`land, rb, kreis, vb, gemeinde`, e.g. the Excel-resaved
 * `AuszugGV4QAktuell`): the AGS of a Gemeinde is `land` (2) + `rb` (1) + `kreis` (2) + `gemeinde`
 * (3), each padded with leading zeros; `vb` (Gemeindeverband) is part of the ARS only. Only
 * records with `satzart` 60 are Gemeinden (10 Land, 40 Kreis, 50 Gemeindeverband), so the
 * suggested mapping filters on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseSync } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import type { DecimalMark } from '../../domain/observations/german-number.ts';
import { GenericTableInterpreter, type TableMapping } from '../../domain/observations/generic-table.ts';
import { ImportError } from '../../domain/observations/import-error.ts';
import type { ParsedTable, ProgressCallback, TableReader, TextEncoding } from '../../domain/observations/parsed-table.ts';
import {
  detectDelimiter,
  detectHeader,
  headerNames,
  profileColumns,
  suggestMapping,
  cellText,
  type ColumnProfile,
  type SheetCell,
} from '../../domain/observations/table-inspection.ts';
import {
  GeneratorTableReader,
  SAMPLE_BYTES,
  collectTable,
  decodeSample,
  detectEncoding,
  peekStream,
  readCsvWithInterpreter,
  sampleShape,
  type CsvFileInfo,
} from './csv-stream.ts';
import { readXlsxSheet } from './xlsx-sheet.ts';

/** What `inspectTable` found. */
export interface TableInspection {
  format: 'csv' | 'xlsx';
  fileName: string;
  encoding?: TextEncoding;
  delimiter?: string;
  /** XLSX: the sheet inspected and all sheets of the workbook. */
  sheet?: string;
  sheets?: { name: string; rowCount: number }[];
  /** 1-based header row (0 = no header), number of stacked header rows, first data row. */
  headerRow: number;
  headerRowCount: number;
  dataStartRow: number;
  columns: ColumnProfile[];
  /** The first ten data rows as text. */
  sampleRows: string[][];
  /** The decimal mark most number columns use. */
  decimalMark: DecimalMark;
  suggestedMapping: TableMapping;
}

/** Options of {@link inspectTable} and {@link parseTable}. */
export interface GenericTableFileOptions {
  /** File name for messages (default: the base name of the path). */
  fileName?: string;
  /** XLSX sheet (default: the first sheet with a table). */
  sheet?: string;
  /** CSV: forced delimiter / encoding (detected when absent). */
  delimiter?: string;
  encoding?: TextEncoding;
  batchSize?: number;
  onProgress?: ProgressCallback;
}

async function isXlsx(filePath: string): Promise<boolean> {
  if (/\.xls[xm]$/i.test(filePath)) return true;
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50 && !/\.csv$/i.test(filePath);
  } finally {
    await handle.close();
  }
}

function inspectionOf(
  rows: readonly (readonly SheetCell[])[],
  headerRowsFilled: readonly (readonly SheetCell[])[],
  base: Pick<TableInspection, 'format' | 'fileName' | 'encoding' | 'delimiter' | 'sheet' | 'sheets'>,
  sheet?: string,
): TableInspection {
  const position = detectHeader(headerRowsFilled.slice(0, 50));
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const header =
    position.headerRow > 0
      ? headerRowsFilled.slice(position.headerRow - 1, position.headerRow - 1 + position.headerRowCount)
      : [];
  const names = headerNames(header, width);
  const data = rows.slice(position.dataStartRow - 1);
  const columns = profileColumns(names, data);
  const mapping = suggestMapping(columns);
  if (sheet !== undefined) mapping.sheet = sheet;
  if (position.headerRow > 0) {
    mapping.headerRow = position.headerRow;
    mapping.headerRowCount = position.headerRowCount;
  }
  const marks = columns.filter((c) => c.decimalMark !== undefined);
  const pointColumns = marks.filter((c) => c.decimalMark === '.').length;
  return {
    ...base,
    ...position,
    columns,
    sampleRows: data.slice(0, 10).map((r) => r.map((c) => cellText(c))),
    decimalMark: pointColumns > marks.length / 2 ? '.' : ',',
    suggestedMapping: mapping,
  };
}

/**
 * Looks at a CSV (first 64 KiB) or XLSX file: columns, sample rows, delimiter, encoding,
 * decimal mark, header position and a suggested mapping (which column looks like a key,
 * which like a period, which are numbers).
 */
export async function inspectTable(filePath: string, options: GenericTableFileOptions = {}): Promise<TableInspection> {
  const fileName = options.fileName ?? path.basename(filePath);
  if (await isXlsx(filePath)) {
    const data = await readXlsxSheet(filePath, fileName, options.sheet);
    return inspectionOf(
      data.rows.slice(0, 400).map((r) => r.cells),
      data.rows.slice(0, 400).map((r) => r.filled),
      { format: 'xlsx', fileName, sheet: data.sheet, sheets: data.sheets },
      data.sheet,
    );
  }
  const { sample, stream } = await peekStream(fs.createReadStream(filePath));
  stream.destroy();
  const encoding = options.encoding ?? detectEncoding(sample) ?? 'utf-8';
  let text = decodeSample(sample, encoding);
  // The sample may end inside a line; drop that line.
  if (sample.length >= SAMPLE_BYTES) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let rows: string[][];
  try {
    rows = parseSync(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new ImportError(fileName, null, null, `Die CSV-Datei ist fehlerhaft (${(error as Error).message}).`);
  }
  return inspectionOf(rows, rows, { format: 'csv', fileName, encoding, delimiter });
}

/**
 * Reads a CSV stream with a mapping in batches; encoding and delimiter are detected from the
 * first 64 KiB unless given. The summary is available after iterating.
 */
export function readTableCsv(
  input: Readable,
  mapping: TableMapping,
  options: GenericTableFileOptions & { fileName: string; totalBytes?: number },
): TableReader {
  return new GeneratorTableReader(async function* () {
    const { sample, stream } = await peekStream(input);
    const info: CsvFileInfo = { encoding: options.encoding ?? detectEncoding(sample), bytesRead: 0 };
    const text = decodeSample(sample, info.encoding);
    const delimiter = options.delimiter ?? detectDelimiter(text);
    const interpreter = new GenericTableInterpreter(mapping, { fileName: options.fileName, format: 'csv' });
    const summary = yield* readCsvWithInterpreter(
      stream,
      interpreter,
      {
        fileName: options.fileName,
        delimiter,
        encoding: info.encoding,
        batchSize: options.batchSize,
        onProgress: options.onProgress,
        totalBytes: options.totalBytes,
        shape: sampleShape(text, delimiter),
      },
      info,
    );
    summary.meta.encoding = info.encoding ?? 'utf-8';
    summary.meta.delimiter = delimiter;
    return summary;
  });
}

/**
 * Reads a whole CSV or XLSX file with a mapping (XLSX: `mapping.sheet` or the first sheet
 * with a table). Throws an `ImportError` for a malformed file; never returns a partial result.
 */
export async function parseTable(
  filePath: string,
  mapping: TableMapping,
  options: GenericTableFileOptions = {},
): Promise<ParsedTable> {
  const fileName = options.fileName ?? path.basename(filePath);
  if (await isXlsx(filePath)) {
    const data = await readXlsxSheet(filePath, fileName, mapping.sheet ?? options.sheet);
    const position =
      mapping.headerRow !== undefined
        ? { headerRow: mapping.headerRow, headerRowCount: mapping.headerRowCount ?? 1 }
        : detectHeader(data.rows.slice(0, 50).map((r) => r.filled));
    const effective: TableMapping = { ...mapping, headerRow: position.headerRow, headerRowCount: position.headerRowCount };
    const interpreter = new GenericTableInterpreter(effective, { fileName, format: 'xlsx', meta: { sheet: data.sheet } });
    // Header rows see merged cells filled (a label spanning columns names each of them).
    const headerEnd = position.headerRow - 1 + position.headerRowCount;
    const observations: ParsedTable['observations'] = [];
    for (const row of data.rows) interpreter.push(row.line <= headerEnd ? row.filled : row.cells, row.line, observations);
    const summary = interpreter.finish(observations);
    options.onProgress?.(1, 1);
    return { ...summary, observations };
  }
  const totalBytes = (await fs.promises.stat(filePath)).size;
  return collectTable(
    readTableCsv(fs.createReadStream(filePath, { highWaterMark: 1 << 20 }), mapping, { ...options, fileName, totalBytes }),
  );
}
