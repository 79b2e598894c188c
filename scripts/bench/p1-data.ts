/**
 * Test data of P1: a national-scale statistics table as a generic long-format CSV
 * (`ags;variable;period;value`, UTF-8, `;`, decimal comma, German Stichtag `31.12.YYYY`), the
 * column mapping the importer reads it with, the same rows as a tab-separated file for
 * `COPY observations (scope, variable_key, region_key, period, value, import_id)`, and a
 * corrected edition of the CSV in which every 20th value differs (for the re-import).
 */
import { once } from 'node:events';
import { chmodSync, createWriteStream, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { TableMapping } from '../../src/domain/observations/generic-table.ts';
import { random } from './util.ts';

/** Sizes of the generated table. */
export interface P1Sizes {
  regions: number;
  variables: number;
  periods: number;
}

export const P1_FULL: P1Sizes = { regions: 10_990, variables: 50, periods: 20 };
export const P1_QUICK: P1Sizes = { regions: 10_990, variables: 5, periods: 10 };

/** The generated files. */
export interface P1Files {
  sizes: P1Sizes;
  rows: number;
  /** The file the importer reads. */
  csv: string;
  csvBytes: number;
  /** The same rows for COPY (text format, tab-separated), readable by the server's `postgres` user. */
  copyFile: string;
  copyBytes: number;
  /** Region keys, in file order (for pre-registering the regions). */
  regionKeys: string[];
  /** Sum of all values (for checking that both paths stored the same data). */
  valueSum: number;
  /** The `import_id` written into the COPY file. */
  copyImportId: number;
  /** The corrected edition: same rows, every {@link CHANGED_EVERY}th value one tenth higher. */
  changedCsv: string;
  changedRows: number;
  changedValueSum: number;
}

/** In the corrected edition, every this-many-th row has a different value. */
export const CHANGED_EVERY = 20;

/** Fake 8-digit Gemeinde keys (AGS): Land 01–16, Regierungsbezirk 0, Kreis, Gemeinde. */
export function fakeGemeindeKeys(count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const land = 1 + (i % 16);
    const j = Math.floor(i / 16);
    const kreis = 1 + Math.floor(j / 100);
    const gemeinde = 1 + (j % 100);
    keys.push(`${String(land).padStart(2, '0')}0${String(kreis).padStart(2, '0')}${String(gemeinde).padStart(3, '0')}`);
  }
  return keys;
}

/** The column mapping for the generated CSV (long format; all variables of the file). */
export const P1_MAPPING: TableMapping = {
  headerRow: 1,
  headerRowCount: 1,
  keyColumn: 'ags',
  periodColumn: 'stichtag',
  longFormat: { variableColumn: 'merkmal', valueColumn: 'wert' },
  variables: [],
  decimalMark: ',',
  source: 'Planwerk-Benchmark (synthetisch)',
  licence: 'CC0-1.0',
};

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/**
 * Writes the import CSV and the COPY file into `dir`, rows ordered by region, variable and period
 * (as a per-region export would be). Values have one decimal, written with a comma in the CSV and
 * a point in the COPY file; both parse to the same double.
 */
export async function generateP1Files(dir: string, sizes: P1Sizes, copyImportId = 1): Promise<P1Files> {
  const csv = path.join(dir, 'bundesweit_gemeinden_long.csv');
  const changedCsv = path.join(dir, 'bundesweit_gemeinden_long_korrigiert.csv');
  const copyFile = path.join(dir, 'bundesweit_gemeinden_copy.tsv');
  const keys = fakeGemeindeKeys(sizes.regions);
  const variables = Array.from({ length: sizes.variables }, (_, i) => `merkmal_${String(i + 1).padStart(2, '0')}`);
  const years = Array.from({ length: sizes.periods }, (_, i) => 2024 - sizes.periods + 1 + i);
  const rand = random(1990);
  const a = createWriteStream(csv, { highWaterMark: 1 << 20 });
  const b = createWriteStream(copyFile, { highWaterMark: 1 << 20 });
  const c = createWriteStream(changedCsv, { highWaterMark: 1 << 20 });
  await write(a, 'ags;merkmal;stichtag;wert\n');
  await write(c, 'ags;merkmal;stichtag;wert\n');
  let rows = 0;
  let valueSum = 0;
  let changedRows = 0;
  let changedValueSum = 0;
  for (const key of keys) {
    let csvChunk = '';
    let copyChunk = '';
    let changedChunk = '';
    for (const variable of variables) {
      for (const year of years) {
        const tenths = Math.floor(rand() * 10_000_000);
        const whole = Math.floor(tenths / 10);
        const decimal = tenths % 10;
        csvChunk += `${key};${variable};31.12.${year};${whole},${decimal}\n`;
        copyChunk += `shared\t${variable}\t${key}\t${year}-12-31\t${whole}.${decimal}\t${copyImportId}\n`;
        valueSum += Number(`${whole}.${decimal}`);
        if (rows % CHANGED_EVERY === CHANGED_EVERY - 1) {
          const t = tenths + 1;
          changedChunk += `${key};${variable};31.12.${year};${Math.floor(t / 10)},${t % 10}\n`;
          changedValueSum += Number(`${Math.floor(t / 10)}.${t % 10}`);
          changedRows++;
        } else {
          changedChunk += `${key};${variable};31.12.${year};${whole},${decimal}\n`;
          changedValueSum += Number(`${whole}.${decimal}`);
        }
        rows++;
      }
    }
    await write(a, csvChunk);
    await write(b, copyChunk);
    await write(c, changedChunk);
  }
  await close(a);
  await close(b);
  await close(c);
  // The PostgreSQL server reads the COPY file as its own OS user.
  chmodSync(dir, 0o755);
  chmodSync(copyFile, 0o644);
  chmodSync(csv, 0o644);
  return {
    sizes,
    rows,
    csv,
    csvBytes: statSync(csv).size,
    copyFile,
    copyBytes: statSync(copyFile).size,
    regionKeys: keys,
    valueSum,
    copyImportId,
    changedCsv,
    changedRows,
    changedValueSum,
  };
}
