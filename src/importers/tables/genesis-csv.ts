/**
 * GENESIS / Regionaldatenbank / Zensus 2022 CSV files ("Tabelle" layout and flat format) as
 * streams or whole files. Layout rules: `src/domain/observations/genesis-table.ts` and
 * `genesis-flat.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { GenesisInterpreter } from '../../domain/observations/genesis-interpreter.ts';
import type { GenesisFlatOptions } from '../../domain/observations/genesis-flat.ts';
import type { ParsedTable, ProgressCallback, TableReader, TextEncoding } from '../../domain/observations/parsed-table.ts';
import {
  GeneratorTableReader,
  collectTable,
  decodeSample,
  detectEncoding,
  peekStream,
  readCsvWithInterpreter,
  sampleShape,
  type CsvFileInfo,
} from './csv-stream.ts';

/** Options for reading a GENESIS CSV. */
export interface GenesisCsvOptions extends Partial<Omit<GenesisFlatOptions, 'fileName'>> {
  /** File name for messages (default `Tabelle.csv`). */
  fileName?: string;
  /** Field delimiter (default `;`). */
  delimiter?: string;
  /** Forced encoding; detected when absent. */
  encoding?: TextEncoding;
  /** Observations per batch (default 10,000). */
  batchSize?: number;
  onProgress?: ProgressCallback;
  /** File size for progress reports. */
  totalBytes?: number;
}

/**
 * Reads a GENESIS CSV from a byte stream in batches of observations (flat or "Tabelle" layout,
 * detected from the first record); only the first 64 KiB are looked at before reading on.
 * The summary (variables, regions, periods, meta with encoding) is available after iterating.
 */
export function readGenesisCsv(input: Readable, options: GenesisCsvOptions = {}): TableReader {
  const fileName = options.fileName ?? 'Tabelle.csv';
  return new GeneratorTableReader(async function* () {
    const { sample, stream } = await peekStream(input);
    const info: CsvFileInfo = { encoding: options.encoding ?? detectEncoding(sample), bytesRead: 0 };
    const interpreter = new GenesisInterpreter({ ...options, fileName });
    const delimiter = options.delimiter ?? ';';
    const shape = sampleShape(decodeSample(sample, info.encoding), delimiter);
    const summary = yield* readCsvWithInterpreter(
      stream,
      interpreter,
      {
        fileName,
        delimiter,
        encoding: info.encoding,
        shape,
        batchSize: options.batchSize,
        onProgress: options.onProgress,
        totalBytes: options.totalBytes,
      },
      info,
    );
    summary.meta.encoding = info.encoding ?? 'utf-8';
    summary.meta.delimiter = options.delimiter ?? ';';
    return summary;
  });
}

/** A GENESIS table code at the start of a file name (`1000A-0000_flat_th.csv` → `1000A-0000`). */
export function tableCodeFromFileName(fileName: string): string | undefined {
  return /^(\d{4}[A-Z]-\d{4}|\d{5}-\d{2}-\d{2}-\d|\d{5}-\d{4})/.exec(path.basename(fileName))?.[1];
}

/**
 * Reads a whole GENESIS CSV file into memory. The file name is used in messages; for the flat
 * format, whose rows only name the statistic (`1000A`), the table code is taken from the file
 * name when it starts with one (`1000A-0000_…`), so that keys match the "Tabelle" layout.
 */
export async function parseGenesisCsvFile(filePath: string, options: GenesisCsvOptions = {}): Promise<ParsedTable> {
  const fileName = options.fileName ?? path.basename(filePath);
  const totalBytes = (await fs.promises.stat(filePath)).size;
  const reader = readGenesisCsv(fs.createReadStream(filePath, { highWaterMark: 1 << 20 }), {
    tableCode: tableCodeFromFileName(fileName),
    totalBytes,
    ...options,
    fileName,
  });
  return collectTable(reader);
}
