import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ImportError } from '../domain/observations/import-error.ts';
import type { TableMapping } from '../domain/observations/generic-table.ts';
import type { TableReader } from '../domain/observations/parsed-table.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { Actor } from '../domain/tenancy/policy.ts';
import { importDeps } from '../server/compose.ts';
import { importObservations } from '../use-cases/atlas/import-observations.ts';
import { importRegions } from '../use-cases/atlas/import-regions.ts';
import type { ImportCounts } from '../use-cases/ports.ts';
import { detectFormat, type ImportFormat } from './detect-format.ts';
import { readGeometryFile } from './geometry/read-geometry-file.ts';
import { buildRegionDataset } from './region-dataset.ts';
import { UNKNOWN_VALID_FROM } from '../db/repositories/regions.repository.ts';
import { inspectTable, parseTable, readTableCsv } from './tables/generic-table.ts';
import { readGenesisCsv, tableCodeFromFileName } from './tables/genesis-csv.ts';
import { importGrid } from './grid-import.ts';
import { describePopulationGridImport, importPopulationGridFile } from './grid/import-population-grid-file.ts';
import type { GridDatasetInfo } from '../domain/grid/population-grid.ts';

/** What an import did, as the CLI (`--json`) and the API report it. */
export interface ImportSummary {
  format: ImportFormat;
  importId: number;
  /** True when the same file had been imported before: nothing changed. */
  unchanged: boolean;
  variables: { key: string; label: string; unit: string }[];
  regions: number;
  observations: number;
  periods: string[];
  counts: ImportCounts;
  warnings: string[];
  /** A Zensus grid imported into a municipality: the stored population grid (cells inside its territory). */
  populationGrid?: GridDatasetInfo;
}

export interface ImportFileInput {
  /** Path of the file (or of the `.shp` of a loose shapefile). */
  file: string;
  /** Name shown in messages and the journal (the upload's original name). */
  fileName?: string;
  tenantKey: string | null;
  /** Column mapping for generic CSV/XLSX tables; the suggested mapping is used when absent. */
  mapping?: TableMapping | undefined;
  /** Start of validity (Gebietsstand) of imported boundaries, ISO date. */
  validFrom?: string | undefined;
  onProgress?: (done: number, total: number | null) => void;
  onStarted?: (importId: number) => void;
}

/** SHA-256 of a file, streamed. */
export async function fileChecksum(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Imports one file of any supported format into the tenant (or at state level): detects the
 * format, parses it streaming, and stores it as one journaled transaction. Boundaries become
 * regions; statistics tables and grids become observations.
 */
export async function importFile(
  deps: { db: Kysely<DB>; clock: Clock },
  actor: Actor,
  input: ImportFileInput,
): Promise<ImportSummary> {
  const fileName = input.fileName ?? path.basename(input.file);
  if (!fs.existsSync(input.file)) throw new ImportError(fileName, null, null, 'Die Datei gibt es nicht.');
  const format = await detectFormat(input.file, fileName);
  if (!format) {
    throw new ImportError(
      fileName,
      null,
      null,
      'Das Dateiformat wird nicht erkannt. Unterstützt: GENESIS-/Regionalstatistik-CSV, CSV, XLSX, Zensus-Gitter-CSV, Shapefile (.shp oder .zip), GeoPackage, GeoJSON.',
    );
  }
  const checksum = await fileChecksum(input.file);
  const wiring = importDeps(deps.db, deps.clock);
  const common = { tenantKey: input.tenantKey, fileName, checksum, onStarted: input.onStarted };

  if (format === 'shapefile' || format === 'geopackage' || format === 'geojson') {
    const read = await readGeometryFile(input.file);
    const dataset = buildRegionDataset(read, {
      fileName,
      validFrom: input.validFrom ?? UNKNOWN_VALID_FROM,
      tenantKey: input.tenantKey,
    });
    const result = await importRegions(wiring, actor, { ...common, dataset });
    return {
      format,
      importId: result.importId,
      unchanged: result.unchanged,
      variables: [],
      regions: result.counts.regions,
      observations: 0,
      periods: [],
      counts: result.counts,
      warnings: dataset.warnings.slice(),
    };
  }

  if (format === 'zensus-grid') {
    // Into a municipality, the cells inside its territory are also stored as its population
    // grid (the gap analysis' population points), before the values per Gemeinde.
    const grid =
      input.tenantKey === null
        ? null
        : await importPopulationGridFile(deps, actor, {
            file: input.file,
            fileName,
            tenantKey: input.tenantKey,
            ...(input.onProgress ? { onProgress: (cells: number) => input.onProgress!(cells, null) } : {}),
          });
    const summary = await importGrid(deps, actor, { ...input, fileName, checksum });
    return grid
      ? { ...summary, populationGrid: grid.dataset, warnings: [describePopulationGridImport(grid), ...summary.warnings] }
      : summary;
  }

  const totalBytes = (await fs.promises.stat(input.file)).size;
  // The file is opened only when the import reads it: an import refused or recognised as a
  // repeat never leaves an unread stream on a file that the caller may delete right away.
  let openReader: () => Promise<TableReader>;
  if (format === 'genesis' || format === 'genesis-flat') {
    openReader = async () =>
      readGenesisCsv(fs.createReadStream(input.file, { highWaterMark: 1 << 20 }), {
        fileName,
        tableCode: tableCodeFromFileName(fileName),
        totalBytes,
      });
  } else {
    const mapping = input.mapping ?? (await inspectTable(input.file, { fileName })).suggestedMapping;
    openReader =
      format === 'xlsx'
        ? async () => {
            const table = await parseTable(input.file, mapping, { fileName });
            return {
              summary: table,
              async *[Symbol.asyncIterator]() {
                for (let i = 0; i < table.observations.length; i += 10_000) yield table.observations.slice(i, i + 10_000);
              },
            };
          }
        : async () =>
            readTableCsv(fs.createReadStream(input.file, { highWaterMark: 1 << 20 }), mapping, { fileName, totalBytes });
  }
  let reader: TableReader | undefined;
  const result = await importObservations(wiring, actor, {
    ...common,
    dataset: {
      format,
      total: null,
      batches: (async function* () {
        reader = await openReader();
        yield* reader;
      })(),
      described: () => ({ variables: reader!.summary.variables, regions: reader!.summary.regions }),
    },
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const summary = result.unchanged || !reader ? undefined : reader.summary;
  const variables = summary ? summary.variables.map((v) => ({ key: v.key, label: v.label, unit: v.unit })) : [];
  return {
    format,
    importId: result.importId,
    unchanged: result.unchanged,
    variables,
    regions: summary ? summary.regions.length : result.counts.regions,
    observations: result.counts.observations,
    periods: result.counts.periods,
    counts: result.counts,
    warnings: summary?.warnings ?? [],
  };
}
