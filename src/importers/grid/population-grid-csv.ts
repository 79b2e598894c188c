/**
 * Reads the population column of a Zensus grid CSV (Zensus 2011 and 2022 downloads) cell by
 * cell, for storing a municipality's population grid: `;`-separated, UTF-8 with or without
 * BOM, CRLF or LF, decimal comma. The cell comes from an id column (`Gitter_ID_100m`,
 * `GITTER_ID_1km`, INSPIRE or Zensus 2011 short form) or from the centre columns
 * `x_mp_*`/`y_mp_*` (metres, EPSG:3035). Only the id/centre and the population column are
 * read, so that other columns (`werterlaeuternde_Zeichen`, attributes with `–`) never stop the
 * import. Special values: see src/domain/grid/population-grid.ts.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { formatGridId, parseGridId } from '../../domain/grid/grid-cell.ts';
import {
  censusOfFile,
  parsePopulation,
  populationConvention,
  type Census,
  type PopulationConvention,
  type PopulationGridRow,
  type PopulationValue,
} from '../../domain/grid/population-grid.ts';
import { ImportError } from '../../domain/observations/import-error.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { interpretGridHeader } from './zensus-grid-csv.ts';

/** A grid file opened for reading: what its header says and its cells in batches. */
export interface PopulationGridFile {
  fileName: string;
  census: Census;
  convention: PopulationConvention;
  /** The population column read, e.g. `Einwohner`. */
  column: string;
  /** Cells in batches of up to 10,000, in file order. */
  batches: AsyncIterable<PopulationGridRow[]>;
  /** Size of the file in bytes, for progress. */
  totalBytes: number;
  /** Bytes read so far. */
  bytesRead(): number;
}

const X_COLUMN = /^x_mp_(\d+)(m|km)$/i;
const CENTRE = /^-?\d+(?:[.,]\d+)?$/;
const BATCH = 10_000;

async function firstBytes(file: string): Promise<{ bom: boolean; header: string; second: string; size: number }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const text = head.subarray(bom ? 3 : 0).toString('utf8');
    const [header = '', second = ''] = text.split(/\r?\n/, 2);
    return { bom, header, second, size: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

/**
 * Opens a Zensus grid CSV for its population column (default `Einwohner`, found in any case):
 * checks the header and returns the cells as batches; German {@link ImportError}s name file,
 * line and column (an empty file, a missing column, a bad id, centre or value, a row with the
 * wrong number of fields, cells of different sizes).
 */
export async function openPopulationGridCsv(
  file: string,
  options: { fileName?: string; column?: string } = {},
): Promise<PopulationGridFile> {
  const fileName = options.fileName ?? basename(file);
  const head = await firstBytes(file);
  if (head.header.trim() === '') {
    throw new ImportError(fileName, null, null, 'Die Datei ist leer; erwartet wird eine Kopfzeile mit Gitterspalten.');
  }
  const headerFields = head.header.split(';').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = interpretGridHeader(headerFields, fileName);
  const wanted = (options.column ?? 'Einwohner').toLowerCase();
  const columnIndex = header.columns.findIndex((c) => c.toLowerCase() === wanted);
  if (columnIndex < 0) {
    throw new ImportError(
      fileName,
      1,
      null,
      `Die Spalte „${options.column ?? 'Einwohner'}“ fehlt; vorhanden: ${header.columns.join(', ')}.`,
    );
  }
  const column = header.columns[columnIndex]!;
  const idIndex = header.idColumn === null ? -1 : header.columns.indexOf(header.idColumn);
  const xIndex = header.centreColumns === null ? -1 : header.columns.indexOf(header.centreColumns[0]);
  const yIndex = header.centreColumns === null ? -1 : header.columns.indexOf(header.centreColumns[1]);
  const centreResolution = (() => {
    const m = header.centreColumns ? X_COLUMN.exec(header.centreColumns[0]) : null;
    return m ? Number(m[1]) * (m[2]!.toLowerCase() === 'km' ? 1000 : 1) : 0;
  })();
  // Short ids (`1kmN3102E4012`) only occur in Zensus 2011 files: the first data line tells.
  const firstId = idIndex >= 0 ? (head.second.split(';')[idIndex] ?? null) : null;
  const census = censusOfFile({ columns: header.columns, bom: head.bom, fileName }, firstId);
  const convention = populationConvention(census, header.attributes);
  const width = header.columns.length;

  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  stream.on('data', (chunk) => (bytes += chunk.length));
  const parser = stream.pipe(
    parse({ delimiter: ';', bom: true, info: true, relax_column_count: true, skip_empty_lines: true, from_line: 2 }),
  );

  const number = (text: string, line: number, index: number): number => {
    const t = text.trim();
    if (!CENTRE.test(t)) throw new ImportError(fileName, line, index + 1, `„${t}“ ist keine Koordinate in Metern.`);
    return Number(t.replace(',', '.'));
  };

  async function* batches(): AsyncGenerator<PopulationGridRow[], void, undefined> {
    let batch: PopulationGridRow[] = [];
    let resolution = 0;
    let firstLine = 0;
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const { record, info } = item;
        const line = info.lines;
        if (record.length !== width) {
          throw new ImportError(
            fileName,
            line,
            null,
            `Die Zeile hat ${record.length} Spalten, die Kopfzeile ${width}; erwartet wird „;“ als Trennzeichen.`,
          );
        }
        let cellResolution = centreResolution;
        let x = 0;
        let y = 0;
        let cellId: string;
        if (idIndex >= 0) {
          const cell = parseGridId(record[idIndex]!, { file: fileName, line, column: idIndex + 1 });
          cellResolution = cell.resolution;
          x = cell.centreX;
          y = cell.centreY;
          cellId = formatGridId(cell);
          if (xIndex >= 0) {
            const cx = number(record[xIndex]!, line, xIndex);
            const cy = number(record[yIndex]!, line, yIndex);
            if (cx !== x || cy !== y) {
              throw new ImportError(
                fileName,
                line,
                xIndex + 1,
                `Der Mittelpunkt (${cx}, ${cy}) passt nicht zur Gitter-ID „${record[idIndex]!.trim()}“ (Mittelpunkt ${x}, ${y}).`,
              );
            }
          }
        } else {
          x = number(record[xIndex]!, line, xIndex);
          y = number(record[yIndex]!, line, yIndex);
          const r = cellResolution;
          if ((x - r / 2) % r !== 0 || (y - r / 2) % r !== 0) {
            throw new ImportError(
              fileName,
              line,
              xIndex + 1,
              `(${x}, ${y}) ist kein Mittelpunkt einer Zelle des ${r}-m-Gitters.`,
            );
          }
          cellId = formatGridId({ resolution: r, north: y - r / 2, east: x - r / 2 });
        }
        if (resolution === 0) {
          resolution = cellResolution;
          firstLine = line;
        } else if (cellResolution !== resolution) {
          throw new ImportError(
            fileName,
            line,
            idIndex >= 0 ? idIndex + 1 : xIndex + 1,
            `Die Zelle hat ${cellResolution} m Kantenlänge, die Zelle in Zeile ${firstLine} ${resolution} m; eine Datei darf nur eine Zellgröße enthalten.`,
          );
        }
        let population: PopulationValue;
        try {
          population = parsePopulation(record[columnIndex]!, convention);
        } catch (error) {
          if (error instanceof DomainError) throw new ImportError(fileName, line, columnIndex + 1, error.message);
          throw error;
        }
        batch.push({ line, cellId, resolution: cellResolution, x, y, population });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      if (error instanceof CsvError) {
        const line = (error as CsvError & { lines?: number }).lines ?? null;
        throw new ImportError(fileName, line, null, `Die Datei ist kein gültiges CSV (${error.message}).`);
      }
      throw error;
    } finally {
      stream.destroy();
    }
    if (batch.length > 0) yield batch;
  }

  return { fileName, census, convention, column, batches: batches(), totalBytes: head.size, bytesRead: () => bytes };
}
